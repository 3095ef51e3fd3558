package org.jet.engine.ingest;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets: one thread per reader ({@link ReceiveLoop}), each binding every listen address; with more than
 * one reader they bind with SO_REUSEPORT, so the kernel spreads exporters over readers.
 *
 * <p>JDK channels, not Netty's: Netty's datagram path allocates a packet, a buffer slice and the sender's address
 * objects for every datagram, about 200 bytes. At 70,000 datagrams a second that was a young collection every ten
 * seconds, and each pause (25-50 ms with the engine's tables on the heap) overflowed the socket buffer. A JDK
 * channel receives into the reader's one buffer without allocating, and its selector is epoll on Linux.
 */
public final class UdpIngest implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(UdpIngest.class);

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<ReceiveLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<BoundSocket> bound = new ArrayList<>();
    private boolean closed;

    /**
     * A socket as bound: the address asked for, the port granted and the receive buffer the kernel gave.
     */
    public record BoundSocket(HostPort requested, InetSocketAddress local, int receiveBufferBytes)
    {
    }

    private UdpIngest()
    {
    }

    /**
     * Binds every listen address on every reader and starts the readers' threads.
     *
     * @param readers one per reader thread; their count is the number of threads.
     */
    public static UdpIngest start(final JetConfig.Receive receive, final List<HostPort> listen,
        final List<FlowReader> readers, final ThreadFactory threadFactory) throws IOException
    {
        final UdpIngest ingest = new UdpIngest();
        try
        {
            final long batchWaitNanos = TimeUnit.MICROSECONDS.toNanos(receive.batchWaitMicros());
            for (final FlowReader reader : readers)
            {
                final DatagramBatch batch = receive.batched() ? DatagramBatch.open(receive.maxDatagramBytes()) : null;
                ingest.loops.add(new ReceiveLoop(reader, receive.maxDatagramBytes(), batch, batchWaitNanos,
                    receive.realtimePriority()));
            }
            if (ingest.batched())
            {
                LOG.info("readers take up to {} datagrams per system call (recvmmsg), {} µs apart while they come",
                    DatagramBatch.CAPACITY, receive.batchWaitMicros());
            }
            else if (receive.batched())
            {
                LOG.info("datagrams are taken one per system call: recvmmsg needs 64-bit Linux, JNA and " +
                    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED (bin/jet gives it)");
            }
            for (final HostPort address : listen)
            {
                ingest.bind(receive, address, readers.size() > 1);
            }
            for (final ReceiveLoop loop : ingest.loops)
            {
                final Thread thread = threadFactory.newThread(loop);
                ingest.threads.add(thread);
                thread.start();
            }
            return ingest;
        }
        catch (final IOException | RuntimeException ex)
        {
            ingest.close();
            throw ex;
        }
    }

    private void bind(final JetConfig.Receive receive, final HostPort address, final boolean reusePort)
        throws IOException
    {
        final InetSocketAddress requested = address.resolve();
        final ProtocolFamily family = requested.getAddress() instanceof Inet4Address ?
            StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        // Port 0 (tests): the first reader gets a port, the others join it.
        int port = requested.getPort();
        for (int r = 0; r < loops.size(); r++)
        {
            final DatagramChannel channel = DatagramChannel.open(family);
            channels.add(channel);
            if (reusePort)
            {
                if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT))
                {
                    throw new IllegalStateException(
                        "receive.readers > 1 needs SO_REUSEPORT, which this system lacks; set receive.readers: 1");
                }
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receive.receiveBufferBytes());
            channel.bind(new InetSocketAddress(requested.getAddress(), port));
            final InetSocketAddress local = (InetSocketAddress)channel.getLocalAddress();
            port = local.getPort();
            loops.get(r).add(channel);
            if (r == 0)
            {
                final int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
                bound.add(new BoundSocket(address, local, granted));
                if (granted < receive.receiveBufferBytes())
                {
                    LOG.warn("{}: receive buffer is {} bytes, {} asked: raise net.core.rmem_max " +
                        "(sysctl -w net.core.rmem_max={}) or bursts will be dropped by the kernel",
                        local, granted, receive.receiveBufferBytes(), receive.receiveBufferBytes());
                }
            }
        }
    }

    /** @return whether the readers take many datagrams per system call (receive.batched, where it can be had). */
    public boolean batched()
    {
        return !loops.isEmpty() && loops.get(0).batched();
    }

    public List<BoundSocket> bound()
    {
        return bound;
    }

    /**
     * Stops reading: each reader finishes the datagram in hand and persists its state, then the sockets close.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final ReceiveLoop loop : loops)
        {
            loop.stop();
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (final DatagramChannel channel : channels)
        {
            closeQuietly(channel);
        }
        for (final ReceiveLoop loop : loops)
        {
            try
            {
                loop.closeSelector();
            }
            catch (final IOException ex)
            {
                LOG.warn("closing a reader's selector: {}", ex.toString());
            }
        }
    }

    private static void closeQuietly(final DatagramChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("closing {}: {}", channel, ex.toString());
        }
    }
}
