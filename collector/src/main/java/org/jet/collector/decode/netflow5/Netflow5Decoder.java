package org.jet.collector.decode.netflow5;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.decode.SequenceTracker;
import org.jet.collector.decode.UncheckedWire;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;

/**
 * Decodes NetFlow v5 datagrams: a {@link Netflow5Header} followed by {@code count} fixed {@link Netflow5Record}s.
 *
 * <ul>
 *   <li>A header count that runs past the datagram rejects the whole datagram
 *       ({@link Malformation#COUNT_EXCEEDS_DATAGRAM}, no records), as logstash and nfdump do: the count is the only
 *       framing v5 has, so a wrong one means the records cannot be trusted either. Bytes after the last record are
 *       ignored, and a count above the documented 30 is decoded when the records fit.</li>
 *   <li>First/Last are sysUptime milliseconds; they become epoch milliseconds relative to the export time, with the
 *       difference taken modulo 2^32 as a signed value, which survives the 49.7-day uptime wrap and keeps a First
 *       a few ms after the export time (seen from some exporters) a few ms in the future, not 49 days back.</li>
 *   <li>Sampling: the exporter's configured override wins; else a header interval above 0 is the rate whatever
 *       the mode bits say (Juniper sends mode 0 with an interval); an interval of 0 means the exporter does not
 *       say, and the configured default is used and marked unknown.</li>
 *   <li>flow_sequence counts flows, so the next datagram of the same (exporter, engine type, engine id) should
 *       carry {@code sequence + count}; a jump ahead is reported as that many lost flows.</li>
 * </ul>
 *
 * {@link FlowRecord#observationDomain()} is {@code engine_type << 8 | engine_id}. Allocates nothing per datagram.
 */
public final class Netflow5Decoder
{
    private static final int VERSION = 5;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int MAX_STREAMS = 4096;

    private final DecoderConfig config;
    private final DecodeListener listener;
    private final FlowRecord record = new FlowRecord();
    private final SequenceTracker sequences = new SequenceTracker(MAX_STREAMS);

    public Netflow5Decoder(final DecoderConfig config, final DecodeListener listener)
    {
        this.config = config;
        this.listener = listener;
    }

    /**
     * @return the number of records delivered to {@code sink}.
     */
    public int decode(
        final Exporter exporter, final DirectBuffer buffer, final int offset, final int length, final FlowSink sink)
    {
        // The one bounds check: the header and the records, once their count is checked, lie within the datagram.
        if (length < Netflow5Header.LENGTH || !UncheckedWire.holds(buffer, offset, length))
        {
            return reject(exporter, Malformation.TRUNCATED_HEADER, 0);
        }
        if (Netflow5Header.version(buffer, offset) != VERSION)
        {
            return reject(exporter, Malformation.UNKNOWN_VERSION, 0);
        }
        final int count = Netflow5Header.count(buffer, offset);
        if (Netflow5Header.LENGTH + count * Netflow5Record.LENGTH > length)
        {
            return reject(exporter, Malformation.COUNT_EXCEEDS_DATAGRAM, Netflow5Header.COUNT_OFFSET);
        }

        final long sysUptime = Netflow5Header.sysUptime(buffer, offset);
        final long exportMs = exportMs(buffer, offset);
        final int domain = (Netflow5Header.engineType(buffer, offset) << 8) | Netflow5Header.engineId(buffer, offset);
        final long samplingRate = samplingRate(exporter, buffer, offset);

        final long missing = sequences.onSequence(
            ((long)exporter.id() << 16) | domain, Netflow5Header.flowSequence(buffer, offset), count);
        if (missing > 0)
        {
            exporter.counters().onSequenceGap(missing);
            listener.onSequenceGap(exporter, domain, missing);
        }

        final FlowRecord record = this.record;
        int recordOffset = offset + Netflow5Header.LENGTH;
        for (int i = 0; i < count; i++, recordOffset += Netflow5Record.LENGTH)
        {
            record.clear();
            record.kind(RecordKind.FLOW);
            record.version(VERSION);
            record.observationDomain(domain);
            if (samplingRate > 0)
            {
                record.samplingRate(samplingRate);
            }
            else
            {
                record.samplingRateUnknown(config.defaultSamplingRate());
            }
            fill(record, buffer, recordOffset, sysUptime, exportMs);
            sink.onRecord(exporter, record);
        }
        return count;
    }

    private static void fill(
        final FlowRecord record, final DirectBuffer buffer, final int offset, final long sysUptime, final long exportMs)
    {
        record.ipVersion(4);
        record.srcAddrV4(Netflow5Record.srcAddr(buffer, offset));
        record.dstAddrV4(Netflow5Record.dstAddr(buffer, offset));
        record.nextHop(0, IpAddress.mappedLo(Netflow5Record.nextHop(buffer, offset)));
        record.inputIf(Netflow5Record.input(buffer, offset));
        record.outputIf(Netflow5Record.output(buffer, offset));
        record.packets(Netflow5Record.packets(buffer, offset));
        record.bytes(Netflow5Record.octets(buffer, offset));
        record.startMs(epochMs(exportMs, sysUptime, Netflow5Record.first(buffer, offset)));
        record.endMs(epochMs(exportMs, sysUptime, Netflow5Record.last(buffer, offset)));
        record.srcPort(Netflow5Record.srcPort(buffer, offset));
        record.dstPort(Netflow5Record.dstPort(buffer, offset));
        record.tcpFlags(Netflow5Record.tcpFlags(buffer, offset));
        record.protocol(Netflow5Record.protocol(buffer, offset));
        record.tos(Netflow5Record.tos(buffer, offset));
        record.srcAs(Netflow5Record.srcAs(buffer, offset));
        record.dstAs(Netflow5Record.dstAs(buffer, offset));
        record.srcMask(Netflow5Record.srcMask(buffer, offset));
        record.dstMask(Netflow5Record.dstMask(buffer, offset));
    }

    /**
     * @return the epoch ms of an uptime stamp: the export time minus how long before the export it was, taken
     * modulo 2^32 (uptime wraps after 49.7 days) as a signed difference.
     */
    static long epochMs(final long exportMs, final long sysUptime, final long uptimeStamp)
    {
        return exportMs - (int)(sysUptime - uptimeStamp);
    }

    private static long exportMs(final DirectBuffer buffer, final int offset)
    {
        final long nanos = Netflow5Header.unixNsecs(buffer, offset);
        // A residual of a second or more is not a residual: some exporters put garbage there.
        final long millis = nanos < NANOS_PER_SECOND ? nanos / NANOS_PER_MILLI : 0;
        return Netflow5Header.unixSecs(buffer, offset) * 1000L + millis;
    }

    private long samplingRate(final Exporter exporter, final DirectBuffer buffer, final int offset)
    {
        final long override = exporter.samplingOverride();
        if (override > 0)
        {
            return override;
        }
        return Netflow5Header.samplingInterval(buffer, offset);
    }

    private int reject(final Exporter exporter, final Malformation reason, final int offset)
    {
        exporter.counters().onMalformed(reason);
        listener.onMalformed(exporter, reason, offset);
        return 0;
    }
}
