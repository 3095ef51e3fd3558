package org.jet.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The whole machine's CPU from /proc/stat, to tell a run that had the cores to itself from one that shared them
 * (builds and tests of other work on the same two cores make collectors drop what they would otherwise keep).
 */
public final class MachineCpu
{
    private MachineCpu()
    {
    }

    /** @return the CPU count Linux reports (the busy time below is summed over all of them). */
    public static int cores()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * @return busy CPU seconds summed over all cores since boot (user, nice, system, irq, softirq, steal); -1 when
     * /proc/stat cannot be read.
     */
    public static double busySeconds()
    {
        try
        {
            final String first = Files.readAllLines(Paths.get("/proc/stat")).get(0);
            // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
            final String[] fields = first.trim().split("\\s+");
            long busy = 0;
            for (final int index : new int[]{1, 2, 3, 6, 7, 8})
            {
                busy += Long.parseLong(fields[index]);
            }
            return (double)busy / Processes.CLOCK_TICKS_PER_SECOND;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /**
     * Waits until the machine was almost idle (busy less than {@code maxBusyFraction} of all cores) over one
     * 500 ms window, or {@code timeoutMs} passed.
     *
     * @return the busy fraction of the last window (0..1).
     */
    public static double awaitIdle(final double maxBusyFraction, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        double fraction;
        do
        {
            final double before = busySeconds();
            final long start = System.nanoTime();
            Thread.sleep(500);
            final double seconds = (System.nanoTime() - start) / 1e9;
            fraction = (busySeconds() - before) / (seconds * cores());
        }
        while (fraction > maxBusyFraction && System.currentTimeMillis() < deadline);
        return fraction;
    }
}
