package org.jet.cli.users;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.UserException;
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
 * {@code jet users}: the people whose traffic is counted, through the running daemon's API
 * ({@code /api/v1/users}).
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Add, list, show, change and import users (through the running daemon: use its --config).",
        "A user has a login (the RADIUS User-Name or portal login), a cost centre, and optionally a name and an " +
            "e-mail address. A login the daemon sees before anyone added it is put in the cost centre " +
            "'unassigned': move it with 'jet users update LOGIN --cost-centre ID'.",
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class UsersCommand implements Callable<Integer>
{
    /** The columns of {@code --format csv}: those of an import file, so a listing can be imported again. */
    private static final List<String> CSV_COLUMNS = List.of("login", "name", "email", "cost_centre");

    @Spec
    private CommandSpec spec;

    enum ShowFormat
    {
        TEXT, JSON
    }

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet users: a command is needed (add, list, show, update, import).");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    int add(
        @Mixin final ConfigOption config,
        @Parameters(paramLabel = "LOGIN", description = "The login (RADIUS User-Name).") final String login,
        @Option(names = "--cost-centre", paramLabel = "ID", required = true,
            description = "The user's cost centre (it must exist: jet costcentres list).") final String costCentre,
        @Option(names = "--name", paramLabel = "NAME", description = "Display name.") final String name,
        @Option(names = "--email", paramLabel = "ADDRESS", description = "E-mail address.") final String email)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", login);
        body.put("cost_centre", costCentre);
        body.put("name", name);
        body.put("email", email);
        final JsonNode user = ApiClient.connect(config.load()).sendJson("POST", "/api/v1/users", body);
        out().printf("added user %s (numeric id %d) to cost centre %s%n", user.get("login").asText(),
            user.get("numeric_id").asLong(), user.get("cost_centre").asText());
        return ExitCode.OK;
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change a user: move it to another cost centre, change its name or e-mail address.",
            "An empty --name or --email clears it."})
    int update(
        @Mixin final ConfigOption config,
        @Parameters(paramLabel = "LOGIN") final String login,
        @Option(names = "--cost-centre", paramLabel = "ID", description = "Move to this cost centre.")
        final String costCentre,
        @Option(names = "--name", paramLabel = "NAME") final String name,
        @Option(names = "--email", paramLabel = "ADDRESS") final String email)
    {
        if (costCentre == null && name == null && email == null)
        {
            throw new UserException("nothing to change: give --cost-centre, --name or --email");
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        if (costCentre != null)
        {
            body.put("cost_centre", costCentre);
        }
        if (name != null)
        {
            body.put("name", name.isEmpty() ? null : name);
        }
        if (email != null)
        {
            body.put("email", email.isEmpty() ? null : email);
        }
        final JsonNode user = ApiClient.connect(config.load()).sendJson("PATCH", userPath(login), body);
        out().printf("user %s: cost centre %s, name %s, e-mail %s%n", user.get("login").asText(),
            user.get("cost_centre").asText(), text(user, "name"), text(user, "email"));
        return ExitCode.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List users, by login.",
            "--format csv writes the columns of an import file (login,name,email,cost_centre)."})
    int list(
        @Mixin final ConfigOption config,
        @Option(names = "--cost-centre", paramLabel = "ID",
            description = "Only the users of this cost centre and of its sub-tree.") final String costCentre,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.") final ListFormat format)
    {
        final String path = "/api/v1/users" +
            (costCentre == null ? "" : "?cost_centre=" + ApiClient.segment(costCentre));
        final String body = ApiClient.connect(config.load()).get(path);
        final PrintWriter out = out();
        if (format == ListFormat.JSON)
        {
            out.println(body);
            return ExitCode.OK;
        }
        final JsonNode users = ApiClient.parse(body).get("users");
        if (format == ListFormat.CSV)
        {
            out.println(Csv.line(CSV_COLUMNS));
            for (final JsonNode user : users)
            {
                final List<String> fields = new ArrayList<>();
                for (final String column : CSV_COLUMNS)
                {
                    fields.add(user.path(column).isNull() ? "" : user.path(column).asText());
                }
                out.println(Csv.line(fields));
            }
            return ExitCode.OK;
        }
        if (users.isEmpty())
        {
            out.println(costCentre == null ? "no users" : "no users in cost centre " + costCentre);
            return ExitCode.OK;
        }
        final Table table = new Table("LOGIN", "NAME", "EMAIL", "COST CENTRE", "NUMERIC ID");
        for (final JsonNode user : users)
        {
            table.row(user.get("login").asText(), text(user, "name"), text(user, "email"),
                user.get("cost_centre").asText(), user.get("numeric_id").asLong());
        }
        table.print(out);
        return ExitCode.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user.")
    int show(
        @Mixin final ConfigOption config,
        @Parameters(paramLabel = "LOGIN") final String login,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: one field a line) or json.") final ShowFormat format)
    {
        final String body = ApiClient.connect(config.load()).get(userPath(login));
        final PrintWriter out = out();
        if (format == ShowFormat.JSON)
        {
            out.println(body);
            return ExitCode.OK;
        }
        final JsonNode user = ApiClient.parse(body);
        final List<String> chain = new ArrayList<>();
        for (final JsonNode id : user.path("cost_centre_chain"))
        {
            chain.add(0, id.asText());
        }
        out.printf("login:        %s%n", user.get("login").asText());
        out.printf("name:         %s%n", text(user, "name"));
        out.printf("email:        %s%n", text(user, "email"));
        out.printf("cost centre:  %s%n", String.join(" / ", chain));
        out.printf("numeric id:   %d%n", user.get("numeric_id").asLong());
        out.printf("created:      %s%n",
            Instant.ofEpochMilli(user.get("created_ms").asLong()).truncatedTo(ChronoUnit.SECONDS));
        return ExitCode.OK;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Add or update users from a CSV file, all or nothing.",
            "The first line is the header: login,name,email,cost_centre (name and email may be left out; a " +
                "column left out keeps what a user has). A login that exists is updated, so importing the same " +
                "file again changes nothing.",
            "Every bad row is reported as FILE:LINE: message, and then nothing is imported."})
    int importFile(
        @Mixin final ConfigOption config,
        @Parameters(paramLabel = "FILE.csv") final Path file) throws IOException
    {
        final byte[] csv;
        try
        {
            csv = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new UserException("no such file: " + file);
        }
        catch (final IOException ex)
        {
            throw new UserException("cannot read " + file + ": " + ex.getMessage());
        }
        final ApiClient client = ApiClient.connect(config.load());
        final JsonNode result = ApiClient.parse(client.send("POST",
            "/api/v1/users/import?file=" + ApiClient.segment(file.toString()), "text/csv; charset=utf-8", csv));
        out().printf("imported %s: %d added, %d updated, %d unchanged%n", file, result.get("added").asInt(),
            result.get("updated").asInt(), result.get("unchanged").asInt());
        return ExitCode.OK;
    }

    private PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    private static String userPath(final String login)
    {
        return "/api/v1/users/" + ApiClient.segment(login);
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }
}
