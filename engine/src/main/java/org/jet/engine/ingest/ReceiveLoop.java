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
import org.jet.engine.os.Realtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's thread: waits on its sockets, takes their datagrams and hands each to the {@link FlowReader}; once a
 * second, between datagrams, it runs the reader's housekeeping, so the reader's state has one writer.
 *
 * <p>Datagrams are taken many per system call where Linux's {@code recvmmsg} can be had ({@link DatagramBatch}),
 * else one per call through the JDK. After a take that found datagrams the thread waits {@code batchWaitNanos}
 * before looking again, without blocking, so that the next take finds many: one system call and one wake-up for
 * a batch, not for each datagram. A look that finds nothing goes back to waiting on the sockets.
 *
 * <p>Where permitted the thread runs under SCHED_FIFO ({@code receive.realtime_priority}): a socket buffer lasts
 * tens of milliseconds, so a reader must not wait for a CPU behind the engine and the ledger; the ring it fills
 * lasts hundreds.
 *
 * <p>Nothing is allocated per datagram: the buffers are reused, and a JDK channel returns the same sender address
 * object while the sender does not change.
 */
final class ReceiveLoop implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveLoop.class);
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest wait for a datagram, so housekeeping runs when none come. */
    private static final long SELECT_TIMEOUT_MS = 1_000;
    /** Datagrams taken from one socket before looking at the others (and at the clock) again. */
    private static final int DATAGRAMS_PER_TURN = 4 * DatagramBatch.CAPACITY;
    /** Unexpected failures logged with their stack trace; the loop goes on after each. */
    private static final int FAILURES_LOGGED = 10;

    private final FlowReader reader;
    private final Selector selector;
    /** Null: one datagram per call, through the JDK, into {@link #buffer}. */
    private final DatagramBatch batch;
    private final ByteBuffer buffer;
    private final UnsafeBuffer view;
    private final long batchWaitNanos;
    private final int realtimePriority;
    private final Consumer<SelectionKey> onReadable = this::drain;
    private volatile boolean running = true;
    private boolean took;
    private int failures;

    /**
     * @param batch            datagrams many per call, or null for one per call through the JDK.
     * @param batchWaitNanos   how long to wait after a take that found datagrams before looking again; 0: at once.
     * @param realtimePriority the thread's SCHED_FIFO priority, or 0 to leave it an ordinary thread.
     */
    ReceiveLoop(final FlowReader reader, final int maxDatagramBytes, final DatagramBatch batch,
        final long batchWaitNanos, final int realtimePriority) throws IOException
    {
        this.reader = reader;
        this.selector = Selector.open();
        this.batch = batch;
        this.buffer = batch == null ? ByteBuffer.allocateDirect(maxDatagramBytes) : null;
        this.view = batch == null ? new UnsafeBuffer(buffer) : null;
        this.batchWaitNanos = batchWaitNanos;
        this.realtimePriority = realtimePriority;
    }

    /** Adds a bound socket; before the loop runs. */
    void add(final DatagramChannel channel) throws IOException
    {
        channel.configureBlocking(false);
        if (batch == null)
        {
            channel.register(selector, SelectionKey.OP_READ);
            return;
        }
        final int fd = DatagramBatch.fdOf(channel);
        if (fd < 0)
        {
            throw new IOException("reader " + reader.id() + ": no file descriptor for " + channel);
        }
        channel.register(selector, SelectionKey.OP_READ, fd);
    }

    /** @return whether datagrams are taken many per system call. */
    boolean batched()
    {
        return batch != null;
    }

    @Override
    public void run()
    {
        Realtime.raiseCallingThread("reader " + reader.id(), "receive.realtime_priority", realtimePriority);
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        try
        {
            while (running)
            {
                try
                {
                    if (took)
                    {
                        took = false;
                        if (batchWaitNanos > 0)
                        {
                            LockSupport.parkNanos(batchWaitNanos);
                        }
                        selector.selectNow(onReadable);
                    }
                    else
                    {
                        selector.select(onReadable, SELECT_TIMEOUT_MS);
                    }
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
        if (batch == null)
        {
            drainOneByOne(key);
            return;
        }
        final int fd = (Integer)key.attachment();
        for (int taken = 0; taken < DATAGRAMS_PER_TURN && running; )
        {
            final int count;
            try
            {
                count = batch.receive(fd);
            }
            catch (final IOException ex)
            {
                if (key.channel().isOpen())
                {
                    LOG.warn("reader {}: receive on {} failed: {}", reader.id(),
                        ((DatagramChannel)key.channel()).socket().getLocalSocketAddress(), ex.getMessage());
                }
                return;
            }
            if (count == 0)
            {
                return;
            }
            took = true;
            final long now = System.nanoTime();
            for (int i = 0; i < count; i++)
            {
                reader.onDatagram(batch.senderHi(i), batch.senderLo(i), batch.senderPort(i), batch.datagram(i),
                    batch.length(i), now);
            }
            if (count < DatagramBatch.CAPACITY)
            {
                return;
            }
            taken += count;
        }
    }

    private void drainOneByOne(final SelectionKey key)
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
            took = true;
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
