package org.jet.cli.plugins;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.engine.http.ApiJson;
import org.jet.engine.plugin.PluginHost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jet plugins}: what the distribution's plugins provide. Loads them as the daemon would, so a plugin that
 * cannot load says so here first.
 */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = "What the plugins in the distribution's plugins/ directory provide (docs/plugins.md).",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class PluginsCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    enum Format
    {
        TABLE, JSON
    }

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet plugins: a command is needed (list).");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the extensions the plugins provide: notifiers, edge devices, quota actions...",
            "Exit 1 when a plugin failed to load (each failure is one line on stderr)."})
    int list(
        @Option(names = "--directory", paramLabel = "DIR",
            description = "The plugins directory (default: plugins/ of the distribution).") final Path directory,
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json.") final Format format) throws Exception
    {
        final Path dir = directory != null ? directory : defaultDirectory();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (PluginHost host = PluginHost.load(dir))
        {
            if (format == Format.JSON)
            {
                final List<Map<String, Object>> rows = new ArrayList<>();
                for (final PluginHost.Loaded loaded : host.extensions())
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("plugin", loaded.plugin());
                    row.put("version", loaded.version());
                    row.put("kind", loaded.kind());
                    row.put("name", loaded.name());
                    row.put("class", loaded.type());
                    rows.add(row);
                }
                out.println(ApiJson.MAPPER.writeValueAsString(Map.of("directory", dir.toString(),
                    "extensions", rows, "failures", host.failures())));
            }
            else if (host.extensions().isEmpty())
            {
                out.println("no plugins in " + dir);
            }
            else
            {
                final org.jet.cli.output.Table table =
                    new org.jet.cli.output.Table("PLUGIN", "VERSION", "KIND", "NAME", "CLASS");
                for (final PluginHost.Loaded loaded : host.extensions())
                {
                    table.row(loaded.plugin(), loaded.version(), loaded.kind(), loaded.name(), loaded.type());
                }
                table.print(out);
            }
            for (final PluginHost.Failed failed : host.failures())
            {
                err.println("jet plugins: " + failed.plugin() + ": " + failed.reason());
            }
            out.flush();
            err.flush();
            return host.failures().isEmpty() ? ExitCode.OK : ExitCode.REJECTED;
        }
    }

    /** @return {@code plugins/} of the distribution running this ({@code jet.home}), else of the working directory. */
    public static Path defaultDirectory()
    {
        final String home = System.getProperty("jet.home");
        return home != null ? Path.of(home, "plugins") : Path.of("plugins");
    }
}
