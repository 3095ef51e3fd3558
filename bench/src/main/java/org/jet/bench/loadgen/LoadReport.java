package org.jet.bench.loadgen;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Exactly what one load generator run sent: the totals of every exporter and their sum, the elapsed time and the
 * achieved rates. Printed as a table or as one JSON object.
 */
public final class LoadReport
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadSettings settings;
    private final long elapsedNs;
    private final long cpuNs;
    private final ExporterTotals[] exporters;
    private final ExporterTotals total;

    /**
     * @param cpuNs CPU time the sending thread used during the run, or -1 when the JVM cannot tell.
     */
    public LoadReport(
        final LoadSettings settings, final long elapsedNs, final long cpuNs, final ExporterTotals[] exporters)
    {
        this.settings = settings;
        this.elapsedNs = elapsedNs;
        this.cpuNs = cpuNs;
        this.exporters = exporters.clone();
        this.total = ExporterTotals.sum(exporters);
    }

    public LoadSettings settings()
    {
        return settings;
    }

    /** @return the time from the first template to the last send, in nanoseconds. */
    public long elapsedNs()
    {
        return elapsedNs;
    }

    /**
     * @return CPU time of the sending thread during the run (about {@link #elapsedNs()} when it had a core to itself
     * at full speed), or -1 when unknown.
     */
    public long cpuNs()
    {
        return cpuNs;
    }

    /** @return the sum over all exporters. */
    public ExporterTotals total()
    {
        return total;
    }

    /** @return one entry per exporter, in exporter order. */
    public ExporterTotals[] exporters()
    {
        return exporters.clone();
    }

    /** @return flow records sent per second of the run. */
    public double recordsPerSecond()
    {
        return elapsedNs > 0 ? total.records() * 1e9 / elapsedNs : 0;
    }

    /** @return data datagrams sent per second of the run. */
    public double datagramsPerSecond()
    {
        return elapsedNs > 0 ? total.datagrams() * 1e9 / elapsedNs : 0;
    }

    /** @return the report as one JSON object (totals at the top level, then an "exporters" array). */
    public ObjectNode toJson()
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("protocol", settings.protocol().cliName());
        node.put("target", settings.target().getAddress().getHostAddress() + ":" + settings.target().getPort());
        node.put("exporters", exporters.length);
        node.put("recordsPerDatagram", settings.recordsPerDatagram());
        node.put("targetRecordsPerSecond", settings.recordsPerSecond());
        node.put("elapsedSeconds", elapsedNs / 1e9);
        node.put("generatorCpuSeconds", cpuNs / 1e9);
        putTotals(node, total);
        node.put("recordsPerSecond", Math.round(recordsPerSecond()));
        node.put("datagramsPerSecond", Math.round(datagramsPerSecond()));
        final ArrayNode array = node.putArray("perExporter");
        for (final ExporterTotals exporter : exporters)
        {
            final ObjectNode entry = array.addObject();
            entry.put("source", exporter.source());
            entry.put("sourceId", exporter.sourceId());
            putTotals(entry, exporter);
        }
        return node;
    }

    private static void putTotals(final ObjectNode node, final ExporterTotals totals)
    {
        node.put("datagrams", totals.datagrams());
        node.put("records", totals.records());
        node.put("octets", totals.octets());
        node.put("flowBytes", totals.flowBytes());
        node.put("flowPackets", totals.flowPackets());
        node.put("templateDatagrams", totals.templateDatagrams());
        node.put("templateOctets", totals.templateOctets());
        node.put("sendErrors", totals.sendErrors());
        node.put("sendRetries", totals.sendRetries());
        if (totals.firstError() != null)
        {
            node.put("firstError", totals.firstError());
        }
    }

    /** @return the JSON object on one line. */
    public String json()
    {
        return toJson().toString();
    }

    /** @return a human-readable table: totals, then one line per exporter when there are several. */
    public String table()
    {
        final StringBuilder out = new StringBuilder(1024);
        final long target = settings.recordsPerSecond();
        row(out, "protocol", settings.protocol().cliName());
        row(out, "target", settings.target().getAddress().getHostAddress() + ":" + settings.target().getPort());
        row(out, "exporters", number(exporters.length));
        row(out, "records/datagram", number(settings.recordsPerDatagram()));
        row(out, "target rate", target == 0 ? "as fast as possible" : number(target) + " records/s");
        row(out, "elapsed", String.format(Locale.ROOT, "%.3f s (generator thread CPU %.3f s)",
            elapsedNs / 1e9, cpuNs / 1e9));
        row(out, "datagrams", number(total.datagrams()));
        row(out, "records", number(total.records()));
        row(out, "octets (UDP payload)", number(total.octets()));
        row(out, "flow bytes", number(total.flowBytes()));
        row(out, "flow packets", number(total.flowPackets()));
        row(out, "template datagrams", number(total.templateDatagrams()));
        row(out, "achieved rate", number(Math.round(recordsPerSecond())) + " records/s, " +
            number(Math.round(datagramsPerSecond())) + " datagrams/s");
        row(out, "send errors", number(total.sendErrors()) +
            (total.firstError() == null ? "" : " (first: " + total.firstError() + ")"));
        row(out, "send retries", number(total.sendRetries()));
        if (exporters.length > 1)
        {
            out.append(String.format(Locale.ROOT, "%n%-22s %9s %14s %16s %18s %14s %8s%n",
                "source", "source id", "datagrams", "records", "flow bytes", "flow packets", "errors"));
            for (final ExporterTotals e : exporters)
            {
                out.append(String.format(Locale.ROOT, "%-22s %9d %14d %16d %18d %14d %8d%n",
                    e.source(), e.sourceId(), e.datagrams(), e.records(), e.flowBytes(), e.flowPackets(),
                    e.sendErrors()));
            }
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final String name, final String value)
    {
        out.append(String.format(Locale.ROOT, "%-22s %s%n", name, value));
    }

    private static String number(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
