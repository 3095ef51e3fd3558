package org.jet.cli.usage;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.UserException;
import org.jet.cli.api.ApiClient;
import org.jet.cli.config.ConfigOption;
import org.jet.cli.output.ByteSize;
import org.jet.cli.output.ListFormat;
import org.jet.cli.output.Table;
import org.jet.engine.text.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jet usage}: counted traffic by user, address or cost centre over a period, through the running daemon's API
 * ({@code /api/v1/usage}).
 */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Show counted traffic by user, IP address or cost centre between two times, biggest first (through the " +
            "running daemon: use its --config).",
        "IN is download (traffic to the user or address), OUT upload. Usage is kept by the hour: the hours " +
            "holding --from and --to count whole. A cost centre's row includes its departments'. The ledger is " +
            "about a second behind the flows.",
    })
public final class UsageCommand implements Callable<Integer>
{
    private static final List<String> CSV_COLUMNS =
        List.of("key", "traffic_class", "bytes_in", "bytes_out", "packets_in", "packets_out");
    /** What {@code --by} takes, and the header of the table's first column for each. */
    private static final Map<String, String> KEY_HEADERS = Map.of("user", "USER", "ip", "IP", "costcentre",
        "COST CENTRE");

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--by", paramLabel = "KEY", defaultValue = "user",
        description = "user (default), ip or costcentre.")
    private String by;

    @Option(names = "--from", paramLabel = "TIME",
        description = "Start: a date (2026-11-01), a local time (2026-11-01T08:00) or an instant " +
            "(2026-11-01T08:00:00Z); dates and local times in the daemon's accounting.time_zone. " +
            "Default: the start of this month.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (exclusive), written like --from. Default: now.")
    private String to;

    @Option(names = "--classes", description = "Under each row, one row per traffic class (table format).")
    private boolean classes;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table (default), json (the API's document) or csv " +
            "(key,traffic_class,bytes_in,bytes_out,packets_in,packets_out: a row per class and one 'total' per key).")
    private ListFormat format;

    @Override
    public Integer call()
    {
        final String key = by.trim().toLowerCase(Locale.ROOT);
        final String keyHeader = KEY_HEADERS.get(key);
        if (keyHeader == null)
        {
            throw new UserException("--by must be user, ip or costcentre, got '" + by + "'");
        }
        final StringBuilder path = new StringBuilder("/api/v1/usage?by=").append(key);
        if (from != null)
        {
            path.append("&from=").append(ApiClient.segment(from));
        }
        if (to != null)
        {
            path.append("&to=").append(ApiClient.segment(to));
        }
        final String body = ApiClient.connect(config.load()).get(path.toString());
        final PrintWriter out = spec.commandLine().getOut();
        if (format == ListFormat.JSON)
        {
            out.println(body);
            return ExitCode.OK;
        }
        final JsonNode report = ApiClient.parse(body);
        final JsonNode rows = report.get("rows");
        if (format == ListFormat.CSV)
        {
            printCsv(out, rows);
            return ExitCode.OK;
        }
        final String period = report.get("from").asText() + " .. " + report.get("to").asText();
        if (rows.isEmpty())
        {
            out.println("no usage recorded between " + report.get("from").asText() + " and " +
                report.get("to").asText());
            return ExitCode.OK;
        }
        final Table table = new Table(keyHeader, "BYTES IN", "BYTES OUT", "PACKETS IN", "PACKETS OUT");
        for (final JsonNode row : rows)
        {
            final JsonNode total = row.get("total");
            table.row(row.get("key").asText(), ByteSize.human(count(total, "bytes_in")),
                ByteSize.human(count(total, "bytes_out")), unsigned(total, "packets_in"),
                unsigned(total, "packets_out"));
            if (classes)
            {
                for (final Iterator<Map.Entry<String, JsonNode>> it = row.path("classes").fields(); it.hasNext(); )
                {
                    final Map.Entry<String, JsonNode> trafficClass = it.next();
                    final JsonNode counts = trafficClass.getValue();
                    table.row("  " + trafficClass.getKey(), ByteSize.human(count(counts, "bytes_in")),
                        ByteSize.human(count(counts, "bytes_out")), unsigned(counts, "packets_in"),
                        unsigned(counts, "packets_out"));
                }
            }
        }
        table.print(out);
        out.println("period " + period);
        return ExitCode.OK;
    }

    private static void printCsv(final PrintWriter out, final JsonNode rows)
    {
        out.println(Csv.line(CSV_COLUMNS));
        for (final JsonNode row : rows)
        {
            final String key = row.get("key").asText();
            for (final Iterator<Map.Entry<String, JsonNode>> it = row.path("classes").fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> trafficClass = it.next();
                out.println(Csv.line(csvFields(key, trafficClass.getKey(), trafficClass.getValue())));
            }
            out.println(Csv.line(csvFields(key, "total", row.get("total"))));
        }
    }

    private static List<String> csvFields(final String key, final String trafficClass, final JsonNode counts)
    {
        return List.of(key, trafficClass, unsigned(counts, "bytes_in"), unsigned(counts, "bytes_out"),
            unsigned(counts, "packets_in"), unsigned(counts, "packets_out"));
    }

    /**
     * @return the counter as the 64 bits it holds: the API writes one past {@code Long.MAX_VALUE} as negative, and
     * a bigger JSON integer keeps its low 64 bits either way.
     */
    private static long count(final JsonNode counts, final String field)
    {
        final JsonNode value = counts.get(field);
        return value.isBigInteger() ? value.bigIntegerValue().longValue() : value.asLong();
    }

    private static String unsigned(final JsonNode counts, final String field)
    {
        return Long.toUnsignedString(count(counts, field));
    }
}
