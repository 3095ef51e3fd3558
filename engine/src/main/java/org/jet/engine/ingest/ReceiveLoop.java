package org.jet.engine.ingest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's thread: waits on its sockets, takes each datagram into one direct buffer and hands it to the
 * {@link FlowReader}; once a second, between datagrams, it runs the reader's housekeeping, so the reader's state
 * has one writer.
 *
 * <p>Nothing is allocated per datagram: the buffer is reused, and a JDK channel returns the same sender address
 * object while the sender does not change.
 */
final class ReceiveLoop implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveLoop.class);
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest wait for a datagram, so housekeeping runs when none come. */
    private static final long SELECT_TIMEOUT_MS = 1_000;
    /** Datagrams taken from one socket before looking at the others (and at the clock) again. */
    private static final int DATAGRAMS_PER_TURN = 64;
    /** Unexpected failures logged with their stack trace; the loop goes on after each. */
    private static final int FAILURES_LOGGED = 10;

    private final FlowReader reader;
    private final Selector selector;
    private final ByteBuffer buffer;
    private final UnsafeBuffer view;
    private final Consumer<SelectionKey> onReadable = this::drain;
    private volatile boolean running = true;
    private int failures;

    ReceiveLoop(final FlowReader reader, final int maxDatagramBytes) throws IOException
    {
        this.reader = reader;
        this.selector = Selector.open();
        this.buffer = ByteBuffer.allocateDirect(maxDatagramBytes);
        this.view = new UnsafeBuffer(buffer);
    }

    /** Adds a bound socket; before the loop runs. */
    void add(final DatagramChannel channel) throws IOException
    {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public void run()
    {
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        try
        {
            while (running)
            {
                try
                {
                    selector.select(onReadable, SELECT_TIMEOUT_MS);
                    final long now = System.nanoTime();
                    if (now - nextHousekeeping >= 0)
                    {
                        nextHousekeeping = now + HOUSEKEEPING_NANOS;
                        reader.housekeeping();
                    }
                }
                catch (final ClosedSelectorException ex)
                {
                    break;
                }
                catch (final RuntimeException ex)
                {
                    // A bug: a reader that stopped would lose every datagram after it, so it goes on.
                    if (failures++ < FAILURES_LOGGED)
                    {
                        LOG.error("reader {}: {}", reader.id(), ex.toString(), ex);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            if (running)
            {
                LOG.error("reader {} stopped: {}", reader.id(), ex.toString(), ex);
            }
        }
        finally
        {
            reader.saveState();
        }
    }

    private void drain(final SelectionKey key)
    {
        final DatagramChannel channel = (DatagramChannel)key.channel();
        for (int i = 0; i < DATAGRAMS_PER_TURN && running; i++)
        {
            buffer.clear();
            final InetSocketAddress sender;
            try
            {
                sender = (InetSocketAddress)channel.receive(buffer);
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                LOG.warn("reader {}: receive on {} failed: {}", reader.id(), channel.socket().getLocalSocketAddress(),
                    ex.toString());
                return;
            }
            if (sender == null)
            {
                return;
            }
            reader.onDatagram(sender, view, buffer.position(), System.nanoTime());
        }
    }

    /** Ends the loop after the datagram in hand; the thread then persists the reader's state. */
    void stop()
    {
        running = false;
        selector.wakeup();
    }

    /** After the thread has ended. */
    void closeSelector() throws IOException
    {
        selector.close();
    }
}
