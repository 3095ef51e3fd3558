package org.jet.bench.e2e;

/**
 * Polls a collector's own p99 latency while a step's load runs and keeps the largest value seen. Jet computes its
 * p99 over each second, so two polls a second see every second's value. The first poll comes a second after the
 * load starts: before that, the last second the collector reports is mostly the quiet before the load.
 */
final class LatencySampler implements AutoCloseable
{
    private static final long FIRST_MS = 1_000;
    private static final long EVERY_MS = 500;

    private final CollectorTarget target;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double max = Double.NaN;

    LatencySampler(final CollectorTarget target)
    {
        this.target = target;
        thread = new Thread(this::run, "e2e-latency");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        long sleepMs = FIRST_MS;
        while (running)
        {
            try
            {
                Thread.sleep(sleepMs);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final double p99 = target.latencyP99Ms();
            if (running && !Double.isNaN(p99))
            {
                max = Double.isNaN(max) ? p99 : Math.max(max, p99);
            }
            sleepMs = EVERY_MS;
        }
    }

    /** @return the largest p99 seen, in ms; NaN when the collector reports none. */
    double max()
    {
        return max;
    }

    /** Stops polling and waits for a poll under way (one status request at most). */
    @Override
    public void close()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
