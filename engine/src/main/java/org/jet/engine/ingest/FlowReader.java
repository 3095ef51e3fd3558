package org.jet.engine.ingest;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader: takes datagrams from its sockets (all on one thread, see {@link ReceiveLoop}), checks the exporter
 * against the allow-list, decodes in place from the receive buffer and publishes the records to the ring in one
 * batch.
 *
 * <p>It owns the decoder, hence the templates, sampling and sequence state of the exporters the kernel steers to
 * it: SO_REUSEPORT hashes on the source address and port, so an exporter's datagrams always reach the same reader.
 */
public final class FlowReader
{
    private static final Logger LOG = LoggerFactory.getLogger(FlowReader.class);
    /** Decoder failures logged with their stack trace; the rest are only counted. */
    private static final int FAILURES_LOGGED = 10;

    private final int id;
    private final DatagramDecoder decoder;
    private final ExporterTable exporters;
    private final AllowList allowList;
    private final RingPublisher publisher;
    private volatile long datagrams;
    private volatile long notAllowed;
    private volatile long exporterTableFull;
    private volatile long decoderFailures;
    private long stateErrors;
    // The sender as last resolved: a JDK channel hands back the same address object while the sender does not
    // change, so resolving it (InetAddress.getAddress() copies) is needed only when it does.
    private InetSocketAddress lastSender;
    private long lastSenderHi;
    private long lastSenderLo;

    public FlowReader(
        final int id,
        final DatagramDecoder decoder,
        final ExporterTable exporters,
        final AllowList allowList,
        final RingPublisher publisher)
    {
        this.id = id;
        this.decoder = decoder;
        this.exporters = exporters;
        this.allowList = allowList;
        this.publisher = publisher;
    }

    /**
     * Decodes one datagram and publishes its records.
     *
     * @param sender        where it came from: the exporter, if the allow-list accepts it.
     * @param content       the datagram, from offset 0.
     * @param length        its length in bytes.
     * @param receivedNanos {@link System#nanoTime()} when it was taken from the socket.
     */
    public void onDatagram(
        final InetSocketAddress sender, final DirectBuffer content, final int length, final long receivedNanos)
    {
        if (sender != lastSender)
        {
            resolve(sender);
        }
        onDatagram(lastSenderHi, lastSenderLo, sender.getPort(), content, length, receivedNanos);
    }

    /**
     * Decodes one datagram and publishes its records.
     *
     * @param senderHi      the high half of where it came from, as {@link IpAddress} holds addresses.
     * @param senderLo      the low half (IPv4-mapped for IPv4).
     * @param senderPort    the exporter's UDP port.
     * @param content       the datagram, from offset 0.
     * @param length        its length in bytes.
     * @param receivedNanos {@link System#nanoTime()} when it was taken from the socket.
     */
    public void onDatagram(final long senderHi, final long senderLo, final int senderPort,
        final DirectBuffer content, final int length, final long receivedNanos)
    {
        datagrams++;
        if (!allowList.allows(senderHi, senderLo))
        {
            notAllowed++;
            return;
        }
        final Exporter exporter = exporters.lookup(senderHi, senderLo, senderPort);
        if (exporter == null)
        {
            exporterTableFull++;
            return;
        }

        publisher.begin(receivedNanos);
        try
        {
            decoder.decode(exporter, content, 0, length, publisher);
        }
        catch (final RuntimeException ex)
        {
            // A decoder bug, not bad input (that is counted as malformed): this datagram's records are not
            // published, the reader goes on with the next.
            if (decoderFailures++ < FAILURES_LOGGED)
            {
                LOG.error("reader {}: decoding a datagram from {} port {} failed; its records are dropped", id,
                    IpAddress.toString(senderHi, senderLo), senderPort, ex);
            }
            return;
        }
        publisher.flush();
    }

    private void resolve(final InetSocketAddress sender)
    {
        final byte[] raw = sender.getAddress().getAddress();
        lastSenderHi = IpAddress.hiOf(raw);
        lastSenderLo = IpAddress.loOf(raw);
        lastSender = sender;
    }

    /**
     * Expires stale templates and persists template and sampling state if it changed. Runs on this reader's
     * thread, once a second.
     */
    public void housekeeping()
    {
        decoder.expire(System.currentTimeMillis());
        saveState();
    }

    /**
     * Persists template and sampling state now (at shutdown); on this reader's thread.
     */
    public void saveState()
    {
        try
        {
            decoder.saveState();
        }
        catch (final IOException ex)
        {
            if (stateErrors++ == 0)
            {
                LOG.error("reader {}: cannot persist decoder state: {} (templates will be relearned after a " +
                    "restart)", id, ex.toString());
            }
        }
    }

    /**
     * Restores persisted template and sampling state; before the first datagram.
     *
     * @return how many templates were restored.
     */
    public int loadState()
    {
        try
        {
            return decoder.loadState();
        }
        catch (final IOException ex)
        {
            LOG.error("reader {}: cannot read persisted decoder state, starting without it: {}", id, ex.toString());
            return 0;
        }
    }

    public int id()
    {
        return id;
    }

    public ExporterTable exporters()
    {
        return exporters;
    }

    public DatagramDecoder decoder()
    {
        return decoder;
    }

    public RingPublisher publisher()
    {
        return publisher;
    }

    public long datagrams()
    {
        return datagrams;
    }

    /** @return datagrams dropped because their source is not on the allow-list. */
    public long notAllowed()
    {
        return notAllowed;
    }

    /** @return datagrams dropped because the exporter table was full. */
    public long exporterTableFull()
    {
        return exporterTableFull;
    }

    /** @return datagrams whose records were dropped because the decoder failed on them (a bug: logged). */
    public long decoderFailures()
    {
        return decoderFailures;
    }
}
