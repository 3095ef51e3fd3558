package org.jet.bench.e2e;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run comes to, printed after its rows: for each target the highest rate at which it kept every record, at
 * that rate and at every lower one (records, packets and bytes exact), its CPU and p99 latency there, and Jet's
 * ratio to each other target; then loss and CPU per rate, the targets side by side.
 */
final class SideBySide
{
    private static final String JET = "jet";

    private final List<String> targets;
    private final List<Long> rates;
    private final Map<String, Map<Long, StepResult>> byTarget = new LinkedHashMap<>();

    /**
     * @param rates the offered rates in the order they were run (rising; 0 is "max").
     */
    SideBySide(final List<String> targets, final List<Long> rates, final List<StepResult> results)
    {
        this.targets = targets;
        this.rates = rates;
        for (final String target : targets)
        {
            byTarget.put(target, new LinkedHashMap<>());
        }
        for (final StepResult result : results)
        {
            byTarget.get(result.target).put(result.targetRate, result);
        }
    }

    /**
     * @return the step at the highest rate before the first one that lost anything, or null when the first did.
     */
    StepResult zeroLoss(final String target)
    {
        StepResult highest = null;
        for (final long rate : rates)
        {
            final StepResult step = byTarget.get(target).get(rate);
            if (step == null || !step.exact())
            {
                break;
            }
            highest = step;
        }
        return highest;
    }

    /** @return the records per second offered at the target's zero-loss step, 0 when there is none. */
    long zeroLossRate(final String target)
    {
        final StepResult step = zeroLoss(target);
        return step == null ? 0 : offered(step);
    }

    private static long offered(final StepResult step)
    {
        return Math.round(step.load.recordsPerSecond());
    }

    void print(final PrintWriter out)
    {
        out.println();
        out.println("Highest rate with zero loss (every record, packet and byte; and at every lower rate):");
        out.printf(Locale.ROOT, "%-8s %10s %6s %7s  %s%n", "target", "rate", "CPU%", "p99 ms",
            targets.contains(JET) && targets.size() > 1 ? "Jet's rate / this target's" : "");
        final long jetRate = targets.contains(JET) ? zeroLossRate(JET) : 0;
        for (final String target : targets)
        {
            final StepResult step = zeroLoss(target);
            if (step == null)
            {
                out.printf(Locale.ROOT, "%-8s %10s  (lost records at the first rate)%n", target, "none");
                continue;
            }
            final long rate = offered(step);
            final String ratio = !targets.contains(JET) || target.equals(JET) ? "" :
                String.format(Locale.ROOT, "%.2f", jetRate / (double)rate);
            out.printf(Locale.ROOT, "%-8s %,10d %6.0f %7s  %s%n", target, rate, step.collectorCpuPercent(),
                Double.isNaN(step.latencyP99Ms) ? "-" : String.format(Locale.ROOT, "%.1f", step.latencyP99Ms),
                ratio);
        }
        out.println();
        out.println("Loss % (CPU % of a core) per rate; 0 is exact:");
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s", "rate"));
        for (final String target : targets)
        {
            header.append(String.format(Locale.ROOT, " %18s", target));
        }
        out.println(header);
        for (final long rate : rates)
        {
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6s", StepResult.rate(rate)));
            for (final String target : targets)
            {
                final StepResult step = byTarget.get(target).get(rate);
                row.append(String.format(Locale.ROOT, " %18s", step == null || step.load == null ? "-" :
                    loss(step) + String.format(Locale.ROOT, " (%.0f)", step.collectorCpuPercent())));
            }
            out.println(row);
        }
        out.flush();
    }

    /** @return "0" only when nothing was lost, so that a loss too small for three decimals still shows. */
    private static String loss(final StepResult step)
    {
        if (step.exact())
        {
            return "0";
        }
        final double percent = step.lossPercent();
        return percent < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", percent);
    }
}
