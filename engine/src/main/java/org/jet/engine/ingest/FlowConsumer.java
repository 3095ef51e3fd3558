package org.jet.engine.ingest;

import com.lmax.disruptor.EventHandler;
import org.HdrHistogram.Recorder;

/**
 * The ring's consumer until accounting takes over: counts what reaches the engine and samples the latency from
 * socket to engine. Runs on the engine thread; other threads read the counters.
 */
public final class FlowConsumer implements EventHandler<FlowEvent>
{
    private static final int LATENCY_SAMPLE_MASK = 63;

    private final Recorder latencyNanos = new Recorder(3);
    private volatile long consumed;
    private long bytes;
    private long packets;

    @Override
    public void onEvent(final FlowEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.type() == FlowEvent.TYPE_FLOW)
        {
            bytes += event.bytes();
            packets += event.packets();
        }
        if ((sequence & LATENCY_SAMPLE_MASK) == 0 || endOfBatch)
        {
            // One in 64 plus each batch end: enough for a p99 without a histogram write per record.
            latencyNanos.recordValue(Math.max(0, System.nanoTime() - event.receivedNanos()));
        }
        if (endOfBatch)
        {
            consumed = sequence + 1;
        }
    }

    /** @return records handled by the engine. */
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
