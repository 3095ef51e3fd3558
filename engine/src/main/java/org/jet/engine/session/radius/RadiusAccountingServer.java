package org.jet.engine.session.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.LongSupplier;

import org.jet.engine.config.JetConfig;
import org.jet.engine.session.SessionSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jet's RADIUS accounting server (RFC 2866): NASes report sessions (who holds which address), Jet hands them to a
 * {@link SessionSink} as {@link org.jet.engine.session.SessionChange}s and answers each request only once the sink
 * has accepted them, so a request is never acknowledged and lost. What a request becomes is described in
 * {@link AccountingHandler}; the wire format and its checks in {@link AccountingRequest}.
 *
 * <p>One thread ({@code jet-radius}) receives, handles and answers, one datagram at a time: accounting is a few
 * requests a second even for large networks, so a blocking {@link DatagramSocket} is all it needs, and a retransmit
 * that arrives while its original is being published is seen after it, as a duplicate.
 *
 * <p>Trust: only the configured clients are served, every request's authenticator is checked against the client's
 * secret, and nothing unauthenticated is answered. RADIUS over UDP has no privacy: keep it on a management network.
 *
 * <pre>
 *   try (RadiusAccountingServer radius = new RadiusAccountingServer(config.radius(), sink))
 *   {
 *       radius.start();
 *       ...
 *   }
 * </pre>
 */
public final class RadiusAccountingServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RadiusAccountingServer.class);
    private static final long JOIN_TIMEOUT_MS = 5_000;

    private final JetConfig.Radius config;
    private final SessionSink sink;
    private final LongSupplier clockMs;
    private final RadiusCounters counters = new RadiusCounters();
    private DatagramSocket socket;
    private Thread thread;
    private volatile boolean closed;

    public RadiusAccountingServer(final JetConfig.Radius config, final SessionSink sink)
    {
        this(config, sink, System::currentTimeMillis);
    }

    /**
     * @param clockMs the time of arrival of a request that carries no Event-Timestamp, epoch milliseconds.
     */
    public RadiusAccountingServer(final JetConfig.Radius config, final SessionSink sink, final LongSupplier clockMs)
    {
        this.config = config;
        this.sink = sink;
        this.clockMs = clockMs;
    }

    /**
     * Reads the clients' secrets, binds {@code radius.listen} and starts serving.
     *
     * @throws IOException when a secret file cannot be read or the address cannot be bound; the message says which.
     */
    public synchronized void start() throws IOException
    {
        if (socket != null || closed)
        {
            throw new IllegalStateException("start() once, before close()");
        }
        final RadiusClients clients = RadiusClients.of(config.clients());
        final AccountingHandler handler = new AccountingHandler(clients, sink, counters,
            config.duplicateCacheEntries(), clockMs);
        final InetSocketAddress address = config.listen().resolve();
        try
        {
            socket = new DatagramSocket(address);
        }
        catch (final SocketException ex)
        {
            throw new IOException("radius.listen " + config.listen() + ": cannot listen: " + ex.getMessage(), ex);
        }
        thread = new Thread(() -> serve(handler), "jet-radius");
        thread.setDaemon(true);
        thread.start();
        LOG.info("RADIUS accounting on {}:{} (UDP) for {} client(s)", localAddress().getAddress().getHostAddress(),
            port(), clients.size());
    }

    /** @return the bound address (its port is the real one when {@code radius.listen} asked for port 0). */
    public InetSocketAddress localAddress()
    {
        return (InetSocketAddress)socket.getLocalSocketAddress();
    }

    /** @return the bound UDP port. */
    public int port()
    {
        return socket.getLocalPort();
    }

    public RadiusCounters counters()
    {
        return counters;
    }

    /**
     * Stops receiving; a request being handled is finished (answered or not) first, within a few seconds.
     */
    @Override
    public synchronized void close()
    {
        closed = true;
        if (socket != null)
        {
            socket.close();
        }
        if (thread != null && thread != Thread.currentThread())
        {
            try
            {
                thread.join(JOIN_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void serve(final AccountingHandler handler)
    {
        final byte[] buffer = new byte[AccountingRequest.MAX_LENGTH];
        final byte[] response = new byte[RadiusAuthenticator.RESPONSE_LENGTH];
        final DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        final DatagramPacket answer = new DatagramPacket(response, response.length);
        while (!closed)
        {
            try
            {
                // A datagram longer than 4096 bytes is cut here; the Length field decides what the packet is.
                received.setLength(buffer.length);
                socket.receive(received);
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    LOG.warn("RADIUS: receive failed: {}", ex.toString());
                }
                continue;
            }
            try
            {
                final int length = handler.handle(buffer, received.getLength(), received.getAddress(),
                    received.getPort(), response);
                if (length > 0)
                {
                    answer.setLength(length);
                    answer.setSocketAddress(received.getSocketAddress());
                    socket.send(answer);
                }
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    LOG.warn("RADIUS: cannot answer {}: {}", received.getSocketAddress(), ex.toString());
                }
            }
            catch (final RuntimeException ex)
            {
                counters.onError();
                LOG.error("RADIUS: error handling a datagram from {}", received.getSocketAddress(), ex);
            }
        }
    }
}
