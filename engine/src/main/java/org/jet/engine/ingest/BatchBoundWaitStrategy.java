package org.jet.engine.ingest;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * Waits as another strategy does, but tells the consumer's barrier of at most one batch of sequences. The barrier
 * checks every sequence up to what the wait returns for publication (with several producers, one volatile read each
 * of a flag array as long as the ring), and the batch processor's size limit comes only after that check: an engine
 * behind by a full ring had 524,288 flags read for every batch of 16,384 events it took, an eighth of its time when
 * it could least spare it (bench/README.md, session 22).
 */
final class BatchBoundWaitStrategy implements WaitStrategy
{
    private final WaitStrategy waitStrategy;
    private final long batchLimitOffset;

    /**
     * @param waitStrategy how to wait.
     * @param maxBatch     the most sequences the barrier is told of at once: the batch processor's limit.
     */
    BatchBoundWaitStrategy(final WaitStrategy waitStrategy, final int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
        this.waitStrategy = waitStrategy;
        this.batchLimitOffset = maxBatch - 1;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException, TimeoutException
    {
        return Math.min(waitStrategy.waitFor(sequence, cursor, dependentSequence, barrier),
            sequence + batchLimitOffset);
    }

    @Override
    public void signalAllWhenBlocking()
    {
        waitStrategy.signalAllWhenBlocking();
    }
}
