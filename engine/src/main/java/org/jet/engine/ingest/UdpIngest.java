package org.jet.engine.ingest;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets: one event-loop thread per reader; with epoll each reader binds every listen address with
 * SO_REUSEPORT so the kernel spreads exporters over readers, and reads with recvmmsg. Without epoll (not Linux, or
 * {@code receive.transport: nio}) there is one reader.
 */
public final class UdpIngest implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(UdpIngest.class);
    /** Datagrams taken per recvmmsg call. */
    private static final int DATAGRAMS_PER_READ = 16;

    private final MultiThreadIoEventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<FlowReader> readers = new ArrayList<>();
    private final boolean epoll;
    private final List<BoundSocket> bound = new ArrayList<>();

    /**
     * A socket as bound: the address asked for, the port granted and the receive buffer the kernel gave.
     */
    public record BoundSocket(HostPort requested, InetSocketAddress local, int receiveBufferBytes)
    {
    }

    private UdpIngest(final MultiThreadIoEventLoopGroup group, final boolean epoll)
    {
        this.group = group;
        this.epoll = epoll;
    }

    /**
     * Binds every listen address on every reader.
     *
     * @param readers one handler per reader thread; their count is the number of threads.
     */
    public static UdpIngest start(final JetConfig.Receive receive, final List<HostPort> listen,
        final List<FlowReader> readers, final ThreadFactory threads) throws Exception
    {
        final boolean useEpoll = switch (receive.transport())
        {
            case EPOLL ->
            {
                if (!Epoll.isAvailable())
                {
                    throw new IllegalStateException("receive.transport is epoll but epoll is not available: " +
                        Epoll.unavailabilityCause());
                }
                yield true;
            }
            case NIO -> false;
            case AUTO -> Epoll.isAvailable();
        };
        if (!useEpoll && readers.size() > 1)
        {
            throw new IllegalStateException("receive.readers > 1 needs epoll (SO_REUSEPORT); set receive.readers: 1");
        }
        final IoHandlerFactory io = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final UdpIngest ingest = new UdpIngest(new MultiThreadIoEventLoopGroup(readers.size(), threads, io), useEpoll);
        try
        {
            final List<EventLoop> loops = ingest.loops;
            group(ingest.group, readers.size(), loops);
            ingest.readers.addAll(readers);
            for (final HostPort address : listen)
            {
                int grantedPort = address.port();
                for (int r = 0; r < readers.size(); r++)
                {
                    final Bootstrap bootstrap = new Bootstrap()
                        .group(loops.get(r))
                        .channel(useEpoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, receive.receiveBufferBytes())
                        .handler(readers.get(r));
                    if (useEpoll)
                    {
                        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                            .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, receive.maxDatagramBytes())
                            .option(ChannelOption.RECVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(receive.maxDatagramBytes() * DATAGRAMS_PER_READ));
                    }
                    else
                    {
                        bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(receive.maxDatagramBytes()));
                    }
                    // Port 0 (tests): the first reader gets a port, the others join it.
                    final InetSocketAddress bindTo = new InetSocketAddress(
                        address.resolve().getAddress(), grantedPort);
                    final Channel channel = bootstrap.bind(bindTo).sync().channel();
                    ingest.channels.add(channel);
                    final InetSocketAddress local = (InetSocketAddress)channel.localAddress();
                    grantedPort = local.getPort();
                    final int granted = channel.config().getOption(ChannelOption.SO_RCVBUF);
                    if (r == 0)
                    {
                        ingest.bound.add(new BoundSocket(address, local, granted));
                        if (granted < receive.receiveBufferBytes())
                        {
                            LOG.warn("{}: receive buffer is {} bytes, {} asked: raise net.core.rmem_max " +
                                "(sysctl -w net.core.rmem_max={}) or bursts will be dropped by the kernel",
                                local, granted, receive.receiveBufferBytes(), receive.receiveBufferBytes());
                        }
                    }
                }
            }
            for (int r = 0; r < readers.size(); r++)
            {
                // Template expiry and state persistence run on the reader's own thread: it owns that state.
                loops.get(r).scheduleAtFixedRate(readers.get(r)::housekeeping, 1, 1, TimeUnit.SECONDS);
            }
            return ingest;
        }
        catch (final Exception ex)
        {
            ingest.close();
            throw ex;
        }
    }

    private static void group(final MultiThreadIoEventLoopGroup group, final int count, final List<EventLoop> loops)
    {
        for (int i = 0; i < count; i++)
        {
            loops.add(group.next());
        }
    }

    public boolean epoll()
    {
        return epoll;
    }

    public List<BoundSocket> bound()
    {
        return bound;
    }

    /**
     * Stops reading: closes the sockets, lets each reader finish the datagram in hand and persist its state.
     */
    @Override
    public void close()
    {
        for (final Channel channel : channels)
        {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        for (int r = 0; r < readers.size(); r++)
        {
            loops.get(r).submit(readers.get(r)::saveState).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
