package org.jet.cli.quota;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.api.ApiClient;
import org.jet.cli.config.ConfigOption;
import org.jet.cli.output.ListFormat;
import org.jet.cli.output.Table;
import org.jet.engine.text.Csv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jet events list}: what happened to users and what the plugins were asked to do. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "List events: users created, top-ups, warnings, shaping, suspensions and restores (through the running " +
            "daemon: use its --config).",
        "PENDING means some action (a notifier, an edge device) has not finished with it yet; jet status shows " +
            "failing ones, and every attempt is in the audit log.",
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class EventsCommand implements Callable<Integer>
{
    private static final List<String> COLUMNS = List.of("time", "type", "user", "state", "details", "pending",
        "id");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet events: a command is needed (list).");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List events, newest first.")
    int list(
        @Mixin final ConfigOption config,
        @Option(names = "--user", paramLabel = "USER", description = "Only this user's.") final String user,
        @Option(names = "--type", paramLabel = "TYPE",
            description = "Only this type: user_created, top_up, warned, shaped, suspended, restored.")
        final String type,
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default 50).")
        final int limit,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.") final ListFormat format)
    {
        final StringBuilder path = new StringBuilder("/api/v1/events?limit=").append(limit);
        if (user != null)
        {
            path.append("&user=").append(ApiClient.segment(user));
        }
        if (type != null)
        {
            path.append("&type=").append(ApiClient.segment(type));
        }
        final String body = ApiClient.connect(config.load()).get(path.toString());
        final PrintWriter out = spec.commandLine().getOut();
        if (format == ListFormat.JSON)
        {
            out.println(body);
            return ExitCode.OK;
        }
        final JsonNode events = ApiClient.parse(body).get("events");
        if (format == ListFormat.TABLE && events.isEmpty())
        {
            out.println("no events");
            return ExitCode.OK;
        }
        final Table table = new Table("TIME", "TYPE", "USER", "STATE", "DETAILS", "PENDING", "ID");
        if (format == ListFormat.CSV)
        {
            out.println(Csv.line(COLUMNS));
        }
        for (final JsonNode event : events)
        {
            final List<String> details = new ArrayList<>();
            event.get("details").fields().forEachRemaining(f -> details.add(f.getKey() + "=" + f.getValue().asText()));
            final JsonNode quota = event.get("quota");
            final List<String> row = List.of(event.get("time").asText(), event.get("type").asText(),
                event.get("subject").get("login").asText(), quota == null || quota.isNull() ? "" :
                quota.get("state").asText(), String.join(" ", details), event.get("pending").asBoolean() ? "yes" :
                "no", event.get("id").asText());
            if (format == ListFormat.CSV)
            {
                out.println(Csv.line(row));
            }
            else
            {
                table.row(row.toArray(String[]::new));
            }
        }
        if (format == ListFormat.TABLE)
        {
            table.print(out);
        }
        return ExitCode.OK;
    }
}
