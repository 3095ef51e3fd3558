package org.jet.engine.ingest;

import com.lmax.disruptor.EventHandler;
import org.HdrHistogram.Recorder;
import org.jet.engine.accounting.Accounting;

/**
 * The ring's consumer, on the engine thread: hands flows and session changes to {@link Accounting} in ring order,
 * ticks it after each batch, counts what reaches the engine and samples the latency from socket to engine. Other
 * threads read the counters.
 */
public final class FlowConsumer implements EventHandler<FlowEvent>
{
    private static final int LATENCY_SAMPLE_MASK = 63;
    private static final long MAX_LATENCY_NANOS = 60_000_000_000L;

    /**
     * A fixed range (up to a minute, larger values are clamped), so that recording never resizes: an auto-resizing
     * recorder swapped in empty each interval grew again on the engine thread, allocating megabytes a minute.
     */
    private final Recorder latencyNanos = new Recorder(MAX_LATENCY_NANOS, 3);
    private final Accounting accounting;
    private long nowMs = System.currentTimeMillis();
    private volatile long consumed;
    private long flows;
    private long bytes;
    private long packets;

    /**
     * @param accounting the engine's work, or null to only count (tests of the ring).
     */
    public FlowConsumer(final Accounting accounting)
    {
        this.accounting = accounting;
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        // One clock read per batch: flows of a batch arrived within microseconds of each other.
        nowMs = System.currentTimeMillis();
    }

    @Override
    public void onEvent(final FlowEvent event, final long sequence, final boolean endOfBatch)
    {
        switch (event.type())
        {
            case FlowEvent.TYPE_FLOW ->
            {
                flows++;
                bytes += event.bytes();
                packets += event.packets();
                if (accounting != null)
                {
                    accounting.onFlow(event, nowMs);
                }
            }
            case FlowEvent.TYPE_SESSION ->
            {
                if (accounting != null)
                {
                    accounting.onSession(event.session(), event.sessionUserId());
                }
            }
            default ->
            {
                // A tick: nothing to count; the tick itself happens at the end of the batch.
            }
        }
        if ((sequence & LATENCY_SAMPLE_MASK) == 0 || endOfBatch)
        {
            // One in 64 plus each batch end: enough for a p99 without a histogram write per record.
            latencyNanos.recordValue(Math.min(MAX_LATENCY_NANOS, Math.max(0, System.nanoTime() - event.receivedNanos())));
        }
        if (endOfBatch)
        {
            if (accounting != null)
            {
                accounting.maybeTick(nowMs);
            }
            consumed = flows;
        }
    }

    /** @return flow records handled by the engine. */
    public long consumed()
    {
        return consumed;
    }

    public long bytes()
    {
        return bytes;
    }

    public long packets()
    {
        return packets;
    }

    /** @return the latency recorder; {@link Recorder#getIntervalHistogram()} gives what came since the last call. */
    public Recorder latencyNanos()
    {
        return latencyNanos;
    }
}
