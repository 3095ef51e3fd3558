package org.jet.bench.e2e;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jet.bench.loadgen.LoadReport;

/**
 * One row of the comparison: one collector at one offered rate.
 */
final class StepResult
{
    final String target;
    final String accounting;
    final long targetRate;
    final LoadReport load;
    final CollectorCount count;
    final long socketDrops;
    final double collectorCpuSeconds;
    final double otherCpuSeconds;
    final double loadAverage;
    final double latencyP99Ms;
    final Map<String, Long> details;
    final String error;

    /**
     * @param accounting   what the collector accounts ({@link CollectorTarget#accounting()}).
     * @param latencyP99Ms the largest p99 latency the collector reported during the step, NaN when none.
     * @param details      the target's own figures for the JSON row.
     */
    StepResult(
        final String target,
        final String accounting,
        final long targetRate,
        final LoadReport load,
        final CollectorCount count,
        final long socketDrops,
        final double collectorCpuSeconds,
        final double otherCpuSeconds,
        final double loadAverage,
        final double latencyP99Ms,
        final Map<String, Long> details,
        final String error)
    {
        this.target = target;
        this.accounting = accounting;
        this.targetRate = targetRate;
        this.load = load;
        this.count = count;
        this.socketDrops = socketDrops;
        this.collectorCpuSeconds = collectorCpuSeconds;
        this.otherCpuSeconds = otherCpuSeconds;
        this.loadAverage = loadAverage;
        this.latencyP99Ms = latencyP99Ms;
        this.details = details;
        this.error = error;
    }

    long sent()
    {
        return load == null ? 0 : load.total().records();
    }

    long received()
    {
        return count == null ? -1 : count.records();
    }

    double lossPercent()
    {
        return sent() == 0 || count == null ? Double.NaN : 100.0 * (sent() - received()) / sent();
    }

    /**
     * @return true when the collector kept every record with the same packet and byte sums as were sent.
     */
    boolean exact()
    {
        return load != null && count != null && count.records() == load.total().records() &&
            count.packets() == load.total().flowPackets() && count.bytes() == load.total().flowBytes();
    }

    /** @return CPU other processes used while the load ran, in % of one core. */
    double othersPercent()
    {
        return load == null ? 0 : 100 * otherCpuSeconds / (load.elapsedNs() / 1e9);
    }

    static String header()
    {
        return String.format(Locale.ROOT, "%-8s %-9s %6s %11s %11s %11s %7s %5s %10s %6s %5s %7s %5s %7s %5s",
            "target", "acct", "rate", "offered/s", "sent", "received", "loss %", "exact", "sock drops", "CPU s",
            "CPU%", "p99 ms", "gen%", "others%", "load");
    }

    String row()
    {
        if (load == null)
        {
            return String.format(Locale.ROOT, "%-8s %-9s %6s  failed: %s", target, accounting, rate(targetRate),
                error);
        }
        final double elapsed = load.elapsedNs() / 1e9;
        return String.format(Locale.ROOT,
            "%-8s %-9s %6s %,11d %,11d %,11d %7.3f %5s %,10d %6.2f %5.0f %7s %5.0f %7.0f %5.1f%s",
            target, accounting, rate(targetRate), Math.round(load.recordsPerSecond()), sent(), received(),
            lossPercent(), exact() ? "yes" : "no", socketDrops, collectorCpuSeconds, 100 * collectorCpuSeconds / elapsed,
            Double.isNaN(latencyP99Ms) ? "-" : String.format(Locale.ROOT, "%.1f", latencyP99Ms),
            100 * load.cpuNs() / 1e9 / elapsed, othersPercent(), loadAverage, error == null ? "" : "  (" + error + ")");
    }

    void toJson(final ObjectNode node)
    {
        node.put("target", target);
        node.put("accounting", accounting);
        node.put("targetRecordsPerSecond", targetRate);
        if (load != null)
        {
            node.put("offeredRecordsPerSecond", Math.round(load.recordsPerSecond()));
            node.put("elapsedSeconds", load.elapsedNs() / 1e9);
            node.put("generatorCpuSeconds", load.cpuNs() / 1e9);
            node.put("sentRecords", sent());
            node.put("sentDatagrams", load.total().datagrams());
            node.put("sentPackets", load.total().flowPackets());
            node.put("sentBytes", load.total().flowBytes());
            node.put("sendErrors", load.total().sendErrors());
        }
        if (count != null)
        {
            node.put("receivedRecords", count.records());
            node.put("receivedPackets", count.packets());
            node.put("receivedBytes", count.bytes());
            node.put("lossPercent", lossPercent());
            node.put("exact", exact());
        }
        node.put("socketDrops", socketDrops);
        node.put("collectorCpuSeconds", collectorCpuSeconds);
        node.put("otherCpuSeconds", otherCpuSeconds);
        node.put("loadAverage", loadAverage);
        if (!Double.isNaN(latencyP99Ms))
        {
            node.put("latencyP99MsMax", latencyP99Ms);
        }
        details.forEach(node::put);
        if (error != null)
        {
            node.put("error", error);
        }
    }

    static String rate(final long rate)
    {
        if (rate == 0)
        {
            return "max";
        }
        if (rate >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.1fM", rate / 1e6);
        }
        return rate >= 1_000 ? String.format(Locale.ROOT, "%dk", rate / 1_000) : Long.toString(rate);
    }
}
