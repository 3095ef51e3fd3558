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
    final Map<String, Double> threadCpuPercent;
    final Map<String, Long> details;
    final String error;

    /**
     * @param accounting   what the collector accounts ({@link CollectorTarget#accounting()}).
     * @param latencyP99Ms the largest p99 latency the collector reported during the step, NaN when none.
     * @param threadCpuPercent CPU of the collector's threads from start of load to end of drain, in % of one core
     *                     over the load's duration, by thread name, busiest first.
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
        final Map<String, Double> threadCpuPercent,
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
        this.threadCpuPercent = threadCpuPercent;
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
    /** @return the collector's CPU over the load, as % of one core. */
    double collectorCpuPercent()
    {
        return load == null ? 0 : 100 * collectorCpuSeconds / (load.elapsedNs() / 1e9);
    }

    double othersPercent()
    {
        return load == null ? 0 : 100 * otherCpuSeconds / (load.elapsedNs() / 1e9);
    }

    static String header()
    {
        return String.format(Locale.ROOT, "%-8s %-9s %6s %11s %11s %11s %7s %5s %10s %6s %5s %7s %5s %7s %5s  %s",
            "target", "acct", "rate", "offered/s", "sent", "received", "loss %", "exact", "sock drops", "CPU s",
            "CPU%", "p99 ms", "gen%", "others%", "load", "busiest threads (% of a core)");
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
            "%-8s %-9s %6s %,11d %,11d %,11d %7.3f %5s %,10d %6.2f %5.0f %7s %5.0f %7.0f %5.1f  %s%s",
            target, accounting, rate(targetRate), Math.round(load.recordsPerSecond()), sent(), received(),
            lossPercent(), exact() ? "yes" : "no", socketDrops, collectorCpuSeconds, collectorCpuPercent(),
            Double.isNaN(latencyP99Ms) ? "-" : String.format(Locale.ROOT, "%.1f", latencyP99Ms),
            100 * load.cpuNs() / 1e9 / elapsed, othersPercent(), loadAverage, busiestThreads(), error == null ? "" : "  (" + error + ")");
    }

    /** @return the three busiest thread groups, e.g. {@code jet-engine 93, jet-ledger 71, jet-reader 40}. */
    String busiestThreads()
    {
        final StringBuilder text = new StringBuilder();
        threadCpuPercent.entrySet().stream().limit(3).forEach(entry -> text.append(text.length() == 0 ? "" : ", ")
            .append(entry.getKey()).append(' ').append(Math.round(entry.getValue())));
        return text.length() == 0 ? "-" : text.toString();
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
        final ObjectNode threads = node.putObject("threadCpuPercent");
        threadCpuPercent.forEach(threads::put);
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
