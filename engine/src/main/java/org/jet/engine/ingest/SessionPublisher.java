package org.jet.engine.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionSink;

/**
 * Puts session changes on the ingest ring, so the engine sees them in order with the flows around them. Any thread
 * may call it (the ring is multi-producer). A full ring refuses the change instead of waiting or dropping it: the
 * source answers its client with a failure (a RADIUS NAS then retransmits, an API caller gets 503).
 */
public final class SessionPublisher implements SessionSink
{
    private final RingBuffer<FlowEvent> ring;
    private volatile boolean open = true;

    public SessionPublisher(final RingBuffer<FlowEvent> ring)
    {
        this.ring = ring;
    }

    @Override
    public boolean accept(final SessionChange change)
    {
        if (!open)
        {
            return false;
        }
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        ring.get(sequence).setSession(change, System.nanoTime());
        ring.publish(sequence);
        return true;
    }

    /** Refuses every later change: the daemon is stopping and the ring is about to be drained. */
    public void close()
    {
        open = false;
    }
}
