package org.jet.engine.ingest;

import java.util.concurrent.ThreadFactory;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring between the producers (the readers, and the session sources through {@link SessionPublisher}) and the
 * engine (the one consumer): pre-allocated {@link FlowEvent} slots, a power-of-two size, one consumer thread that
 * runs the engine's handler. Several threads publish, so the ring uses the multi-producer sequencer; readers claim
 * a datagram's slots with one claim.
 */
public final class IngestRing
{
    private static final Logger LOG = LoggerFactory.getLogger(IngestRing.class);
    /**
     * An idle engine parks almost at once and sleeps 1 ms: spinning or yielding between datagrams would cost as
     * much CPU as decoding them, and the ring holds far more than 1 ms of records. Each wake-up takes a core from
     * the reader; at 2.1M records/s, 1 ms instead of 0.1 ms saved the engine 5-8 points of a core with no more
     * loss and no longer p99 latency (bench/README.md, session 13).
     */
    private static final int IDLE_SPINS = 10;
    private static final long IDLE_PARK_NANOS = 1_000_000;
    /**
     * The most events the engine takes before telling the producers how far it got (and before it ticks): without a
     * cap a batch is all that is waiting, so an engine behind by a full ring freed no slot until it had worked
     * through all of them, a few hundred milliseconds in which every datagram was dropped at the ring, and ticked no
     * more often than that. 16,384 records are about 5 ms of the engine's work at 3 M records/s.
     */
    static final int MAX_BATCH = 16_384;

    private final RingBuffer<FlowEvent> ring;
    private final BatchEventProcessor<FlowEvent> processor;
    private final Thread consumerThread;
    private long handlerErrors;

    /**
     * @param size     slots, a power of two.
     * @param handler  the engine: the ring's only consumer.
     * @param busySpin true to yield-spin when idle (lowest latency, burns a core), false to sleep briefly.
     */
    public IngestRing(final int size, final EventHandler<FlowEvent> handler,
        final boolean busySpin, final ThreadFactory threadFactory)
    {
        final WaitStrategy idle = busySpin ? new YieldingWaitStrategy() :
            new SleepingWaitStrategy(IDLE_SPINS, IDLE_PARK_NANOS);
        final int maxBatch = maxBatch(size);
        ring = RingBuffer.create(ProducerType.MULTI, FlowEvent::new, size, new BatchBoundWaitStrategy(idle, maxBatch));
        final SequenceBarrier barrier = ring.newBarrier();
        processor = new BatchEventProcessorBuilder().setMaxBatchSize(maxBatch).build(ring, barrier, handler);
        processor.setExceptionHandler(new CountingExceptionHandler());
        ring.addGatingSequences(processor.getSequence());
        consumerThread = threadFactory.newThread(processor);
    }

    /** @return {@link #MAX_BATCH}, or an eighth of a smaller ring, so that slots come free while the engine works. */
    static int maxBatch(final int size)
    {
        return Math.max(1, Math.min(MAX_BATCH, size / 8));
    }

    public RingBuffer<FlowEvent> ring()
    {
        return ring;
    }

    public void start()
    {
        consumerThread.start();
    }

    /**
     * Waits until the consumer has handled everything published so far, then stops it.
     *
     * @param timeoutMs how long to wait for the drain.
     * @return true when the ring was fully drained.
     */
    public boolean drainAndStop(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        boolean drained = false;
        while (System.currentTimeMillis() < deadline)
        {
            if (processor.getSequence().get() >= ring.getCursor())
            {
                drained = true;
                break;
            }
            Thread.sleep(1);
        }
        processor.halt();
        consumerThread.join(timeoutMs);
        return drained;
    }

    /** @return records published but not yet handled by the engine. */
    public long backlog()
    {
        return ring.getCursor() - processor.getSequence().get();
    }

    public long handlerErrors()
    {
        return handlerErrors;
    }

    /**
     * The Disruptor's default handler rethrows and stops the consumer; the engine must keep going instead.
     */
    private final class CountingExceptionHandler implements ExceptionHandler<FlowEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final FlowEvent event)
        {
            if (handlerErrors++ < 10)
            {
                LOG.error("engine failed on event {}; continuing", sequence, ex);
            }
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            LOG.error("engine failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("engine failed to shut down cleanly", ex);
        }
    }
}
