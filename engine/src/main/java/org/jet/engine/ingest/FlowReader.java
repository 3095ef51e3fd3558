package org.jet.engine.ingest;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader: takes datagrams from its sockets (all on one event-loop thread), checks the exporter against the
 * allow-list, decodes in place from the receive buffer and publishes the records to the ring in one batch.
 *
 * <p>It owns the decoder, hence the templates, sampling and sequence state of the exporters the kernel steers to
 * it: SO_REUSEPORT hashes on the source address and port, so an exporter's datagrams always reach the same reader.
 */
@ChannelHandler.Sharable
public final class FlowReader extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(FlowReader.class);

    private final int id;
    private final DatagramDecoder decoder;
    private final ExporterTable exporters;
    private final AllowList allowList;
    private final RingPublisher publisher;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[] scratch = new byte[2048];
    private volatile long datagrams;
    private volatile long notAllowed;
    private volatile long exporterTableFull;
    private long stateErrors;

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

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof DatagramPacket packet))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        try
        {
            onDatagram(packet.sender(), packet.content(), System.nanoTime());
        }
        finally
        {
            packet.release();
        }
    }

    /**
     * Decodes one datagram; also the entry point for tests and replays that bypass the socket.
     */
    public void onDatagram(final InetSocketAddress sender, final ByteBuf content, final long receivedNanos)
    {
        datagrams++;
        final InetAddress address = sender.getAddress();
        final byte[] raw = address.getAddress();
        final long hi;
        final long lo;
        if (address instanceof Inet4Address)
        {
            hi = 0;
            lo = IpAddress.mappedLo(((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) |
                (raw[3] & 0xff));
        }
        else
        {
            hi = bigEndianLong(raw, 0);
            lo = bigEndianLong(raw, 8);
        }
        if (!allowList.allows(hi, lo))
        {
            notAllowed++;
            return;
        }
        final Exporter exporter = exporters.lookup(hi, lo, sender.getPort());
        if (exporter == null)
        {
            exporterTableFull++;
            return;
        }

        final int length = content.readableBytes();
        if (content.hasMemoryAddress())
        {
            view.wrap(content.memoryAddress() + content.readerIndex(), length);
        }
        else if (content.hasArray())
        {
            view.wrap(content.array(), content.arrayOffset() + content.readerIndex(), length);
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            view.wrap(scratch, 0, length);
        }
        publisher.begin(receivedNanos);
        decoder.decode(exporter, view, 0, length, publisher);
        publisher.flush();
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

    private static long bigEndianLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }
}
