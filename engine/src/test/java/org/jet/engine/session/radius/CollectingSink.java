package org.jet.engine.session.radius;

import java.util.ArrayList;
import java.util.List;

import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionSink;

/**
 * Keeps what it accepts; refuses the next {@link #refuse} changes, as an engine that is stopping would.
 */
final class CollectingSink implements SessionSink
{
    private final List<SessionChange> changes = new ArrayList<>();
    private int refusals;
    private int refused;

    @Override
    public synchronized boolean accept(final SessionChange change)
    {
        if (refusals > 0)
        {
            refusals--;
            refused++;
            return false;
        }
        changes.add(change);
        notifyAll();
        return true;
    }

    synchronized void refuse(final int count)
    {
        refusals = count;
    }

    synchronized int refused()
    {
        return refused;
    }

    synchronized List<SessionChange> changes()
    {
        return List.copyOf(changes);
    }

    synchronized List<SessionChange> drain()
    {
        final List<SessionChange> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }
}
