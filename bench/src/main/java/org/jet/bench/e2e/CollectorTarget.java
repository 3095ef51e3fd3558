package org.jet.bench.e2e;

import java.nio.file.Path;
import java.util.Map;

/**
 * A flow collector the end-to-end runner measures. For each offered rate the runner makes a fresh work directory
 * and a free loopback port, then calls, in this order:
 * <ol>
 *   <li>{@link #start(Path, int, int)}: start the collector listening on 127.0.0.1:port; return once it listens;</li>
 *   <li>the load is sent; if {@link #needsTrailer()}, a trailer of UDP-protocol records follows it;</li>
 *   <li>{@link #awaitProcessed(long)}: wait until the collector has dealt with what it received;</li>
 *   <li>{@link #process()} is measured (CPU of it and its descendants);</li>
 *   <li>{@link #stopAndCount()}: stop it and return the TCP flow records it stored or counted;</li>
 *   <li>{@link #close()}: always, even after a failure: kill whatever is left.</li>
 * </ol>
 * To add a collector (Jet's daemon), implement this and register it in {@link Targets}.
 */
public interface CollectorTarget extends AutoCloseable
{
    /** @return the short name used on the command line and in the table. */
    String name();

    /**
     * Starts the collector on 127.0.0.1:{@code port}, keeping its files and logs in {@code workDir}.
     *
     * @param receiveBuffer SO_RCVBUF to ask for, in bytes; 0 leaves the collector's default.
     */
    void start(Path workDir, int port, int receiveBuffer) throws Exception;

    /** @return the collector's main process (its descendants are measured with it). */
    ProcessHandle process();

    /**
     * @return true when the collector holds records back in a buffer that only more data pushes out (pmacct's
     * plugin buffer): the runner then sends a trailer of UDP (protocol 17) records after the load, which the
     * target does not count.
     */
    default boolean needsTrailer()
    {
        return false;
    }

    /**
     * Waits until the collector has processed everything it received, at most {@code timeoutMs}. The runner has
     * already waited for the socket's receive queue to empty.
     */
    default void awaitProcessed(final long timeoutMs) throws Exception
    {
    }

    /**
     * @return the collector's own 99th percentile latency from socket to processing, in ms, over its last second;
     * NaN when it reports none. Sampled by the runner during the load.
     */
    default double latencyP99Ms()
    {
        return Double.NaN;
    }

    /** @return what the collector accounts, for the table: "-" when it only stores flows. */
    default String accounting()
    {
        return "-";
    }

    /** @return figures for the JSON row beyond the count (names in camelCase), e.g. sessions restored at start. */
    default Map<String, Long> details()
    {
        return Map.of();
    }

    /**
     * Stops the collector and counts what it kept.
     *
     * @return TCP flow records (and their packet and byte sums, -1 when unknown) the collector stored or counted.
     */
    CollectorCount stopAndCount() throws Exception;

    /** Kills whatever this target started and is still running. Never throws. */
    @Override
    void close();
}
