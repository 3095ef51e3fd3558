package org.jet.cli.sessions;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jet sessions}: who is behind which address, through the running daemon's API ({@code /api/v1/sessions}).
 * {@code login} and {@code logout} let an operator or a portal script report a session without writing HTTP.
 */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "List open sessions, and report logins and logouts (through the running daemon: use its --config).",
        "A session ties an address to a user: a flow counts for the user whose session was open at the flow's " +
            "end time. Sessions come from RADIUS accounting, a captive portal or these commands.",
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class SessionsCommand implements Callable<Integer>
{
    private static final List<String> COLUMNS = List.of("user", "address", "since", "last_news", "session_id",
        "source");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet sessions: a command is needed (list, login, logout).");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List open sessions.",
            "LAST NEWS is when the session's source last said it is alive (a RADIUS interim update); a session " +
                "with no news for accounting.session_idle_seconds ends."})
    int list(
        @Mixin final ConfigOption config,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv (user,address,since,last_news,session_id,source).")
        final ListFormat format)
    {
        final String body = ApiClient.connect(config.load()).get("/api/v1/sessions");
        final PrintWriter out = out();
        if (format == ListFormat.JSON)
        {
            out.println(body);
            return ExitCode.OK;
        }
        final JsonNode sessions = ApiClient.parse(body).get("sessions");
        if (format == ListFormat.CSV)
        {
            out.println(Csv.line(COLUMNS));
            for (final JsonNode session : sessions)
            {
                final List<String> fields = new ArrayList<>();
                for (final String column : COLUMNS)
                {
                    final JsonNode value = session.get(column);
                    fields.add(value == null || value.isNull() ? "" : value.asText());
                }
                out.println(Csv.line(fields));
            }
            return ExitCode.OK;
        }
        if (sessions.isEmpty())
        {
            out.println("no open sessions");
            return ExitCode.OK;
        }
        final Table table = new Table("USER", "ADDRESS", "SINCE", "LAST NEWS", "SESSION ID", "SOURCE");
        for (final JsonNode session : sessions)
        {
            table.row(text(session, "user"), text(session, "address"), text(session, "since"),
                text(session, "last_news"), text(session, "session_id"), text(session, "source"));
        }
        table.print(out);
        return ExitCode.OK;
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Report that USER logged in at ADDRESS (as a captive portal would).",
            "A login of an address someone else holds ends their session."})
    int login(
        @Mixin final ConfigOption config,
        @Parameters(index = "0", paramLabel = "USER", description = "The login.") final String user,
        @Parameters(index = "1", paramLabel = "ADDRESS",
            description = "An IPv4 or IPv6 address, or an IPv6 /64 (2001:db8:1:2::/64).") final String address,
        @Option(names = "--time", paramLabel = "INSTANT",
            description = "When it happened, e.g. 2026-11-26T08:00:00Z. Default: now.") final String time,
        @Option(names = "--session-id", paramLabel = "ID",
            description = "The portal's or NAS's id of the session.") final String sessionId)
    {
        return change(config, "login", user, address, time, sessionId);
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Report that USER logged out of ADDRESS: its traffic from then on bills nobody.")
    int logout(
        @Mixin final ConfigOption config,
        @Parameters(index = "0", paramLabel = "USER", description = "The login.") final String user,
        @Parameters(index = "1", paramLabel = "ADDRESS",
            description = "The address of the session, as given at login.") final String address,
        @Option(names = "--time", paramLabel = "INSTANT",
            description = "When it happened, e.g. 2026-11-26T09:30:00Z. Default: now.") final String time)
    {
        return change(config, "logout", user, address, time, null);
    }

    private int change(final ConfigOption config, final String action, final String user, final String address,
        final String time, final String sessionId)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("user", user);
        body.put("address", address);
        if (sessionId != null)
        {
            body.put("session_id", sessionId);
        }
        if (time != null)
        {
            body.put("time", time);
        }
        ApiClient.connect(config.load()).sendJson("POST", "/api/v1/sessions", body);
        // 202: the engine applies it in order with the flows, within a tick.
        out().printf("%s of %s at %s accepted%n", action, user, address);
        return ExitCode.OK;
    }

    private PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
