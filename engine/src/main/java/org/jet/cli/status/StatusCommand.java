package org.jet.cli.status;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.api.ApiClient;
import org.jet.cli.config.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jet status}: asks the running daemon (found from the config: its HTTP address, and the admin token in its
 * data directory) for health, rates and loss counters.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Show the running daemon's health, rates and every loss counter (per exporter too).",
        "Use the same --config as the daemon: it names the HTTP address and the data directory holding the " +
            "admin token.",
        "Exit status 0 when the daemon answers, 3 when none answers at the configured address.",
    })
public final class StatusCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (default) or json (the API's document, for scripts).")
    private Format format;

    enum Format
    {
        TEXT, JSON
    }

    @Override
    public Integer call() throws IOException
    {
        final String body = ApiClient.connect(config.load()).get("/api/v1/status");
        final PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON)
        {
            out.println(body);
        }
        else
        {
            print(out, JSON.readTree(body));
        }
        return ExitCode.OK;
    }

    private static void print(final PrintWriter out, final JsonNode s)
    {
        final JsonNode rates = s.get("rates");
        final JsonNode totals = s.get("totals");
        final JsonNode loss = s.get("loss");
        final JsonNode ring = s.get("ring");
        out.printf(Locale.ROOT, "jet %s: %s, up %s, %d reader(s), listening on %s%n",
            s.get("version").asText(), s.get("status").asText(), uptime(s.get("uptime_seconds").asLong()),
            s.get("readers").asInt(), s.get("listening"));
        out.printf(Locale.ROOT, "rates:   %,.0f datagrams/s, %,.0f records/s decoded, %,.0f records/s consumed%n",
            rates.get("datagrams_per_second").asDouble(), rates.get("records_per_second").asDouble(),
            rates.get("consumed_per_second").asDouble());
        out.printf(Locale.ROOT, "totals:  %,d datagrams, %,d records, %,d consumed%n",
            totals.get("datagrams").asLong(), totals.get("records").asLong(), totals.get("consumed").asLong());
        out.printf(Locale.ROOT, "ring:    %,d slots, %,d waiting, when full: %s, p99 socket->engine %.2f ms%n",
            ring.get("size").asLong(), ring.get("backlog").asLong(), ring.get("when_full").asText(),
            ring.get("latency_p99_ms").asDouble());
        out.printf(Locale.ROOT, "loss:    kernel %,d, ring full %,d, not allowed %,d, decoder failed %,d, " +
            "malformed %,d, sets without template %,d, sequence gaps %,d (%,d missing)%n",
            loss.get("kernel_drops").asLong(), loss.get("ring_full_drops").asLong(),
            loss.get("not_allowed").asLong(), loss.get("decoder_failures").asLong(), loss.get("malformed").asLong(),
            loss.get("sets_without_template").asLong(),
            loss.get("sequence_gaps").asLong(), loss.get("lost_per_sequence").asLong());
        final JsonNode accounting = s.get("accounting");
        if (accounting != null)
        {
            out.printf(Locale.ROOT, "usage:   %,d open session(s), %,d flows counted, %s unattributed bytes, " +
                "ledger %,d batch(es) (last %d ms), %,d refused by the store%n",
                accounting.get("open_sessions").asLong(), accounting.get("flows").asLong(),
                Long.toUnsignedString(accounting.get("unattributed_bytes").asLong()),
                accounting.get("ledger_batches").asLong(), accounting.get("last_batch_ms").asLong(),
                accounting.get("ledger_failures").asLong());
        }
        final JsonNode actions = s.get("actions");
        if (actions != null)
        {
            final StringBuilder line = new StringBuilder();
            actions.get("outcomes").fields().forEachRemaining(extension ->
            {
                line.append(line.length() == 0 ? "" : "; ").append(extension.getKey());
                extension.getValue().fields().forEachRemaining(outcome ->
                    line.append(' ').append(outcome.getKey()).append(' ').append(outcome.getValue().asLong()));
            });
            out.printf(Locale.ROOT, "actions: %s, %,d event(s) waiting%s%n",
                actions.get("enabled").isEmpty() ? "none enabled" : "enabled " + actions.get("enabled"),
                actions.get("waiting").asLong(), line.length() == 0 ? "" : "; " + line);
        }
        final JsonNode quota = s.get("quota");
        if (quota != null)
        {
            final JsonNode users = quota.get("users");
            long total = 0;
            for (final JsonNode count : users)
            {
                total += count.asLong();
            }
            out.printf(Locale.ROOT, "quota: %,d user(s) with a quota: %,d normal, %,d warned, %,d shaped, " +
                "%,d suspended%n", total, users.path("NORMAL").asLong(), users.path("WARNED").asLong(),
                users.path("SHAPED").asLong(), users.path("SUSPENDED").asLong());
        }
        final JsonNode exporters = s.get("exporters");
        if (exporters.isEmpty())
        {
            out.println("exporters: none seen yet");
            return;
        }
        out.printf(Locale.ROOT, "%-46s %6s %14s %16s %10s %12s %10s%n", "EXPORTER", "READER", "DATAGRAMS",
            "RECORDS", "MALFORMED", "NO TEMPLATE", "SEQ GAPS");
        for (final JsonNode e : exporters)
        {
            out.printf(Locale.ROOT, "%-46s %6d %,14d %,16d %,10d %,12d %,10d%n", e.get("exporter").asText(),
                e.get("reader").asInt(), e.get("datagrams").asLong(), e.get("records").asLong(),
                e.get("malformed").asLong(), e.get("sets_without_template").asLong(), e.get("sequence_gaps").asLong());
        }
    }

    private static String uptime(final long seconds)
    {
        return seconds < 3600 ? (seconds / 60) + "m" + (seconds % 60) + "s" :
            (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m";
    }
}
