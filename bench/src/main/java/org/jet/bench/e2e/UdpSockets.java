package org.jet.bench.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Loopback UDP ports for collectors, and the kernel's view of a listening socket from /proc/net/udp(6): whether it
 * listens, how many bytes wait in its receive queue and how many datagrams it dropped because that queue was full.
 */
public final class UdpSockets
{
    private UdpSockets()
    {
    }

    /** @return a UDP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * The state of the UDP socket bound to {@code port} (IPv4 or IPv6, any address), or null when there is none.
     */
    public static SocketState state(final int port)
    {
        final SocketState v4 = state(port, "/proc/net/udp");
        return v4 != null ? v4 : state(port, "/proc/net/udp6");
    }

    private static SocketState state(final int port, final String table)
    {
        final String portHex = String.format(Locale.ROOT, ":%04X", port);
        try
        {
            final List<String> lines = Files.readAllLines(Paths.get(table));
            for (int i = 1; i < lines.size(); i++)
            {
                // sl local rem st tx_queue:rx_queue tr tm->when retrnsmt uid timeout inode ref pointer drops
                final String[] fields = lines.get(i).trim().split("\\s+");
                if (fields.length >= 13 && fields[1].endsWith(portHex))
                {
                    final String queues = fields[4];
                    final long rxQueue = Long.parseLong(queues.substring(queues.indexOf(':') + 1), 16);
                    final long drops = Long.parseLong(fields[fields.length - 1]);
                    return new SocketState(rxQueue, drops);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
        return null;
    }

    /**
     * Waits until something listens on {@code port}.
     *
     * @return true when it does before the timeout.
     */
    public static boolean awaitListening(final int port, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            if (state(port) != null)
            {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Waits until the receive queue of {@code port} stayed empty for {@code quietMs} (the collector has read what the
     * kernel held for it), or the timeout passed.
     */
    public static void awaitDrained(final int port, final long quietMs, final long timeoutMs)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        long emptySince = -1;
        while (System.currentTimeMillis() < deadline)
        {
            final SocketState state = state(port);
            final long now = System.currentTimeMillis();
            if (state == null || state.rxQueueBytes() == 0)
            {
                if (emptySince < 0)
                {
                    emptySince = now;
                }
                if (now - emptySince >= quietMs)
                {
                    return;
                }
            }
            else
            {
                emptySince = -1;
            }
            Thread.sleep(10);
        }
    }

    /** A socket's receive queue and drop counter. */
    public static final class SocketState
    {
        private final long rxQueueBytes;
        private final long drops;

        SocketState(final long rxQueueBytes, final long drops)
        {
            this.rxQueueBytes = rxQueueBytes;
            this.drops = drops;
        }

        public long rxQueueBytes()
        {
            return rxQueueBytes;
        }

        /** @return datagrams the kernel dropped because the receive buffer was full. */
        public long drops()
        {
            return drops;
        }
    }
}
