package org.jet.cli.costcentres;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code jet costcentres}: the tree users are billed to (faculty → department), through the running daemon's API
 * ({@code /api/v1/costcentres}).
 */
@Command(
    name = "costcentres",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Add and list cost centres (through the running daemon: use its --config).",
        "Cost centres form a tree: a top-level one (a faculty) has departments under it; usage of a cost centre " +
            "includes its sub-tree's. Every user belongs to one.",
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class CostCentresCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet costcentres: a command is needed (add, list).");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a cost centre.")
    int add(
        @Mixin final ConfigOption config,
        @Parameters(paramLabel = "ID", description = "Short code: a-z 0-9 . _ - (for example eng or eng.cs).")
        final String id,
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "What people call it.")
        final String name,
        @Option(names = "--parent", paramLabel = "ID",
            description = "The cost centre it belongs to (none: top level).") final String parent)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", name);
        body.put("parent", parent);
        final JsonNode added = ApiClient.connect(config.load()).sendJson("POST", "/api/v1/costcentres", body);
        final JsonNode addedParent = added.get("parent");
        spec.commandLine().getOut().printf("added cost centre %s (%s)%s%n", added.get("id").asText(),
            added.get("name").asText(), addedParent == null || addedParent.isNull() ? " at the top level" :
                " under " + addedParent.asText());
        return ExitCode.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List cost centres as a tree (USERS counts a cost centre's own users, not its sub-tree's)."})
    int list(
        @Mixin final ConfigOption config,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv (id,name,parent).") final ListFormat format)
    {
        final String body = ApiClient.connect(config.load()).get("/api/v1/costcentres");
        final PrintWriter out = spec.commandLine().getOut();
        if (format == ListFormat.JSON)
        {
            out.println(body);
            return ExitCode.OK;
        }
        final JsonNode costCentres = ApiClient.parse(body).get("cost_centres");
        if (format == ListFormat.CSV)
        {
            out.println(Csv.line(List.of("id", "name", "parent")));
            for (final JsonNode costCentre : costCentres)
            {
                final List<String> fields = new ArrayList<>();
                fields.add(costCentre.get("id").asText());
                fields.add(costCentre.get("name").asText());
                fields.add(costCentre.get("parent").isNull() ? "" : costCentre.get("parent").asText());
                out.println(Csv.line(fields));
            }
            return ExitCode.OK;
        }
        if (costCentres.isEmpty())
        {
            out.println("no cost centres (add one: jet costcentres add ID --name NAME)");
            return ExitCode.OK;
        }
        // The API lists the tree in order, parents first: indent each by its depth.
        final Map<String, Integer> depth = new HashMap<>();
        final Table table = new Table("ID", "NAME", "USERS", "NUMERIC ID");
        for (final JsonNode costCentre : costCentres)
        {
            final String id = costCentre.get("id").asText();
            final JsonNode parent = costCentre.get("parent");
            final int level = parent.isNull() ? 0 : depth.getOrDefault(parent.asText(), 0) + 1;
            depth.put(id, level);
            table.row("  ".repeat(level) + id, costCentre.get("name").asText(), costCentre.get("users").asInt(),
                costCentre.get("numeric_id").asLong());
        }
        table.print(out);
        return ExitCode.OK;
    }
}
