package org.jet.cli.quota;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.api.ApiClient;
import org.jet.cli.config.ConfigOption;
import org.jet.cli.output.ByteSize;
import org.jet.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jet quota}: a user's quota, plans and pools, through the running daemon. */
@Command(
    name = "quota",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Show a user's quota; set plans and pools (through the running daemon: use its --config).",
        "Usage is debited from buckets in the order of quota.order in jet.yml: the user's plan, their top-ups " +
            "(oldest first), their cost centre's pools, the global pool. Amounts are rated bytes: 5GiB, 500MB, " +
            "1048576.",
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class QuotaCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet quota: a command is needed (show, plan, pool, audit).");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show USER's state, allowance, use this period, buckets and pools.")
    int show(
        @Mixin final ConfigOption config,
        @Parameters(index = "0", paramLabel = "USER", description = "The login.") final String user,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json.") final Format format)
    {
        final String body = ApiClient.connect(config.load()).get("/api/v1/quota/" + ApiClient.segment(user));
        print(format, body);
        return ExitCode.OK;
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Set USER's own plan: an allowance per period, effective at once (what was used this " +
            "period stays used).", "'default' puts the user back on quota.default_plan."})
    int plan(
        @Mixin final ConfigOption config,
        @Parameters(index = "0", paramLabel = "USER", description = "The login.") final String user,
        @Parameters(index = "1", paramLabel = "ALLOWANCE", description = "e.g. 10GiB, or default.")
        final String allowance)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("allowance", "default".equals(allowance) ? null : allowance);
        final JsonNode answer = ApiClient.connect(config.load()).sendJson("PUT",
            "/api/v1/quota/" + ApiClient.segment(user) + "/plan", body);
        out().printf("%s: plan %s; %s left, state %s%n", user, "default".equals(allowance) ? "default" :
            allowance, ByteSize.human(answer.get("remaining_bytes").asLong()), answer.get("state").asText());
        return ExitCode.OK;
    }

    @Command(name = "pool", mixinStandardHelpOptions = true,
        description = {"Set the pool of a cost centre (its users, and its departments' users, draw on it once " +
            "their own buckets are empty) or the global pool: an allowance per period."})
    int pool(
        @Mixin final ConfigOption config,
        @Parameters(index = "0", paramLabel = "OWNER", description = "A cost centre id, or global.")
        final String owner,
        @Parameters(index = "1", paramLabel = "ALLOWANCE", description = "e.g. 500GiB; 0 empties it.")
        final String allowance)
    {
        final JsonNode answer = ApiClient.connect(config.load()).sendJson("PUT",
            "/api/v1/pools/" + ApiClient.segment(owner), Map.of("allowance", allowance));
        out().printf("pool %s: %s per period, %s left%n", answer.get("owner").asText(),
            ByteSize.human(answer.get("allowance_bytes").asLong()),
            ByteSize.human(answer.get("remaining_bytes").asLong()));
        return ExitCode.OK;
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Recompute USER's debits this period from the usage ledger and compare.",
            "Exit code 1 when they differ."})
    int audit(
        @Mixin final ConfigOption config,
        @Parameters(index = "0", paramLabel = "USER", description = "The login.") final String user)
    {
        final JsonNode answer = ApiClient.connect(config.load()).getJson(
            "/api/v1/quota/" + ApiClient.segment(user) + "/audit");
        final boolean matches = answer.get("matches").asBoolean();
        out().printf("%s since %s: usage ledger %s, debited %s: %s%n", user, answer.get("period_start").asText(),
            answer.get("ledger_bytes").asLong(), answer.get("debited").asLong(), matches ? "match" : "DIFFER");
        return matches ? ExitCode.OK : ExitCode.REJECTED;
    }

    private void print(final Format format, final String body)
    {
        final PrintWriter out = out();
        if (format == Format.JSON)
        {
            out.println(body);
            return;
        }
        final JsonNode q = ApiClient.parse(body);
        out.printf("%s: %s, period %s to %s%n", q.get("login").asText(), q.get("state").asText(),
            q.get("period_start").asText(), q.get("period_end").asText());
        out.printf("allowance %s, used %s (%.1f %%), left %s; from pools %s; beyond every bucket %s%n",
            human(q, "allowance_bytes"), human(q, "used_bytes"), q.get("percent_used").asDouble(),
            human(q, "remaining_bytes"), human(q, "pool_bytes"), human(q, "overage_bytes"));
        if (!q.get("buckets").isEmpty())
        {
            final Table buckets = new Table("BUCKET", "KIND", "AMOUNT", "LEFT", "CREATED", "EXPIRES", "REFERENCE");
            for (final JsonNode b : q.get("buckets"))
            {
                buckets.row(b.get("id").asText(), b.get("kind").asText(), human(b, "amount_bytes"),
                    human(b, "remaining_bytes"), b.get("created").asText(), text(b, "expires"), text(b, "reference"));
            }
            buckets.print(out);
        }
        if (!q.get("pools").isEmpty())
        {
            final Table pools = new Table("POOL", "ALLOWANCE", "LEFT");
            for (final JsonNode p : q.get("pools"))
            {
                pools.row(p.get("owner").asText(), human(p, "allowance_bytes"), human(p, "remaining_bytes"));
            }
            pools.print(out);
        }
    }

    private static String human(final JsonNode node, final String field)
    {
        return ByteSize.human(node.get(field).asLong());
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    /** How {@code show} prints. */
    public enum Format
    {
        TABLE, JSON
    }
}
