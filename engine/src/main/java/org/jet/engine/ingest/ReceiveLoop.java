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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's thread: waits on its sockets, takes each datagram into one direct buffer and hands it to the
 * {@link FlowReader}; once a second, between datagrams, it runs the reader's housekeeping, so the reader's state
 * has one writer.
 *
 * <p>While datagrams keep coming the thread does not wait for each one: after taking all there are it sleeps
 * {@value #STREAM_PARK_MICROS} µs and takes what came meanwhile, and waits on the selector again only once a sleep
 * brought nothing. A wake-up per datagram or burst was a context switch each, about a quarter of the reader's time on
 * this VM, and each cost the sending side a wake-up too; the socket buffer holds tens of milliseconds.
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
    /** How long the thread sleeps between takes while datagrams keep coming. */
    private static final long STREAM_PARK_MICROS = 500;
    /** Unexpected failures logged with their stack trace; the loop goes on after each. */
    private static final int FAILURES_LOGGED = 10;

    private final FlowReader reader;
    private final Selector selector;
    private final ByteBuffer buffer;
    private final UnsafeBuffer view;
    private final Consumer<SelectionKey> onReadable = this::drain;
    private volatile boolean running = true;
    private int failures;
    /** Datagrams taken so far: tells whether a turn of the loop brought any. */
    private long received;

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
            boolean streaming = false;
            while (running)
            {
                try
                {
                    streaming = streaming ? takeAfterSleep() : waitAndTake();
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

    /** @return whether it took any datagram. */
    private boolean waitAndTake() throws IOException
    {
        final long before = received;
        selector.select(onReadable, SELECT_TIMEOUT_MS);
        return received != before;
    }

    /** @return whether it took any datagram: sleeps, then takes until the sockets are empty. */
    private boolean takeAfterSleep() throws IOException
    {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(STREAM_PARK_MICROS));
        final long before = received;
        long turn;
        do
        {
            turn = received;
            selector.selectNow(onReadable);
        }
        while (received != turn && running);
        return received != before;
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
            received++;
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
