package org.jet.engine.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionSink;

/**
 * Puts session changes (and idle ticks) on the ingest ring, so the engine sees them in order with the flows around them. Any thread
 * may call it (the ring is multi-producer). A full ring refuses the change instead of waiting or dropping it: the
 * source answers its client with a failure (a RADIUS NAS then retransmits, an API caller gets 503).
 */
public final class SessionPublisher implements SessionSink
{
    /** Gives the numeric id of a login, registering a login never seen (that may write to the store). */
    @FunctionalInterface
    public interface UserIds
    {
        long resolve(String login, String actor);
    }

    private final RingBuffer<FlowEvent> ring;
    private final UserIds userIds;
    private volatile boolean open = true;

    /**
     * @param userIds resolves logins here, on the source's thread, so the engine thread never waits for a store
     *                write when a login is new.
     */
    public SessionPublisher(final RingBuffer<FlowEvent> ring, final UserIds userIds)
    {
        this.ring = ring;
        this.userIds = userIds;
    }

    @Override
    public boolean accept(final SessionChange change)
    {
        if (!open)
        {
            return false;
        }
        final long userId = change.kind() == SessionChange.Kind.SOURCE_RESET ? -1 :
            userIds.resolve(change.userName(), change.source());
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        ring.get(sequence).setSession(change, userId, System.nanoTime());
        ring.publish(sequence);
        return true;
    }

    /**
     * Wakes the engine so it ticks while no flows come; skipped when the ring is full (the engine is busy, and ticks
     * after each batch anyway).
     */
    public void tick()
    {
        if (!open)
        {
            return;
        }
        try
        {
            final long sequence = ring.tryNext();
            ring.get(sequence).setTick(System.nanoTime());
            ring.publish(sequence);
        }
        catch (final InsufficientCapacityException ex)
        {
            // Busy: no tick needed.
        }
    }

    /** Refuses every later change: the daemon is stopping and the ring is about to be drained. */
    public void close()
    {
        open = false;
    }
}
