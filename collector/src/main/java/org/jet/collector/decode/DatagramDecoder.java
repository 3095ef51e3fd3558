package org.jet.collector.decode;

import java.io.IOException;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.ipfix.IpfixDecoder;
import org.jet.collector.decode.netflow5.Netflow5Decoder;
import org.jet.collector.decode.netflow9.Netflow9Decoder;
import org.jet.collector.decode.sflow.SflowDecoder;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowSink;

/**
 * Decodes one datagram of any supported protocol, told apart by its version field:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   version (5, 9, 10)          |  ...     NetFlow v5 / v9 / IPFIX
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       version (5)                             |  sFlow v5
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * One instance per decoding thread: it owns the template and sampling state of the exporters it decodes.
 */
public final class DatagramDecoder
{
    private final DecoderConfig config;
    private final DecodeListener listener;
    private final Netflow5Decoder netflow5;
    private final Netflow9Decoder netflow9;
    private final IpfixDecoder ipfix;
    private final SflowDecoder sflow;

    public DatagramDecoder(final DecoderConfig config, final DecodeListener listener)
    {
        this.config = config;
        this.listener = listener;
        this.netflow5 = new Netflow5Decoder(config, listener);
        this.netflow9 = new Netflow9Decoder(config, listener);
        this.ipfix = new IpfixDecoder(config, listener);
        this.sflow = new SflowDecoder(config, listener);
    }

    /**
     * Decodes a datagram and hands each record to {@code sink}. Malformed parts are counted on the exporter and
     * reported to the listener; records decoded before the problem are still delivered.
     *
     * @return the number of records delivered to the sink.
     */
    public int decode(
        final Exporter exporter, final DirectBuffer buffer, final int offset, final int length, final FlowSink sink)
    {
        exporter.counters().onDatagram();
        if (length < 4)
        {
            return reject(exporter, Malformation.TRUNCATED_HEADER, 0);
        }

        final int records;
        switch (Wire.u16(buffer, offset))
        {
            case 5:
                records = netflow5.decode(exporter, buffer, offset, length, sink);
                break;
            case 9:
                records = netflow9.decode(exporter, buffer, offset, length, sink);
                break;
            case 10:
                records = ipfix.decode(exporter, buffer, offset, length, sink);
                break;
            case 0:
                if (Wire.u16(buffer, offset + 2) == 5)
                {
                    records = sflow.decode(exporter, buffer, offset, length, sink);
                    break;
                }
                return reject(exporter, Malformation.UNKNOWN_VERSION, 0);
            default:
                return reject(exporter, Malformation.UNKNOWN_VERSION, 0);
        }
        exporter.counters().onRecords(records);
        return records;
    }

    public Netflow9Decoder netflow9()
    {
        return netflow9;
    }

    public IpfixDecoder ipfix()
    {
        return ipfix;
    }

    /**
     * Restores the NetFlow v9 and IPFIX templates and sampling state saved in
     * {@link DecoderConfig#stateDirectory()}; call once at start, before the first datagram.
     *
     * @return how many templates were restored.
     * @throws IOException when a state file exists but cannot be read or has another format version.
     */
    public int loadState() throws IOException
    {
        return netflow9.templates().loadState(config) + ipfix.templates().loadState(config);
    }

    /**
     * Rewrites the state files (temporary file + atomic rename) when templates or sampling rates changed since
     * the last save. Cheap when nothing changed: call it from the decoding thread's duty cycle (say every second)
     * and at shutdown.
     *
     * @return true when a file was written.
     */
    public boolean saveState() throws IOException
    {
        final boolean netflow9Saved = netflow9.templates().saveState(config);
        final boolean ipfixSaved = ipfix.templates().saveState(config);
        return netflow9Saved || ipfixSaved;
    }

    /**
     * Drops templates not refreshed within {@link DecoderConfig#templateExpiryMs()} and data held for templates
     * that did not come within {@link DecoderConfig#pendingTimeoutMs()}, for every exporter. The host of each
     * datagram is also checked as it arrives (at most once a second), so calling this every few seconds from the
     * decoding thread suffices to cover exporters that went quiet.
     *
     * @return how many templates and held data sets were dropped.
     */
    public int expire(final long nowMs)
    {
        return netflow9.templates().expire(nowMs) + ipfix.templates().expire(nowMs);
    }

    private int reject(final Exporter exporter, final Malformation reason, final int offset)
    {
        exporter.counters().onMalformed(reason);
        listener.onMalformed(exporter, reason, offset);
        return 0;
    }
}
