package org.jet.engine.session;

/**
 * Where session sources hand their changes: the daemon puts them on the ingest ring, a test may collect them.
 * Called from the source's own thread; implementations are thread-safe.
 */
@FunctionalInterface
public interface SessionSink
{
    /**
     * @param change the change, in the order the source learned it.
     * @return false when the change could not be accepted (the engine is stopping); a RADIUS source then does not
     *         acknowledge, so the NAS sends it again.
     */
    boolean accept(SessionChange change);
}
