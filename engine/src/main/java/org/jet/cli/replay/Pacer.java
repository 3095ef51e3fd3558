package org.jet.cli.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends to a packets-per-second rate. Each send is due at {@code start + n / rate}; being late is caught up
 * with back-to-back sends, so the average rate holds even where the OS sleeps longer than asked.
 */
final class Pacer
{
    private final long intervalNanos;
    private long startNanos;
    private long sent;

    /**
     * @param rate datagrams per second; 0 for as fast as possible.
     */
    Pacer(final long rate)
    {
        this.intervalNanos = rate <= 0 ? 0 : Math.max(1, 1_000_000_000L / rate);
    }

    /**
     * Waits until the next send is due.
     */
    void awaitNext()
    {
        if (intervalNanos == 0)
        {
            return;
        }
        final long now = System.nanoTime();
        if (sent == 0)
        {
            startNanos = now;
        }
        final long due = startNanos + sent * intervalNanos;
        sent++;
        long wait = due - now;
        while (wait > 0)
        {
            LockSupport.parkNanos(wait);
            wait = due - System.nanoTime();
        }
    }
}
