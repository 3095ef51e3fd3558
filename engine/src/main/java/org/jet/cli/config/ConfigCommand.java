package org.jet.cli.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.engine.config.ConfigException;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.config.JetConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jet config check FILE}: reports every mistake in a configuration file as {@code FILE:LINE: message}.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = "Work with Jet's configuration file.",
    subcommands = {ConfigCommand.Check.class})
public final class ConfigCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        spec.commandLine().getErr().println("jet config: a subcommand is needed (check).");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = JetVersion.class,
        description = {
            "Check a configuration file: unknown keys, wrong types and values out of range are reported as " +
                "FILE:LINE: message, all unknown keys at once.",
            "Exit status 0 when the file is good, 1 when it has mistakes."
        })
    static final class Check implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The YAML configuration file to check.")
        private Path file;

        @Override
        public Integer call()
        {
            final CommandLine commandLine = spec.commandLine();
            try
            {
                final JetConfig config = ConfigLoader.load(file);
                commandLine.getOut().println(file + ": OK (listen " + config.listen() + ", data_dir " +
                    config.dataDir() + ", exporters.allow " + config.exporters().allow() + ")");
                return ExitCode.OK;
            }
            catch (final ConfigException ex)
            {
                final PrintWriter err = commandLine.getErr();
                ex.problems().forEach(err::println);
                return ExitCode.REJECTED;
            }
        }
    }
}
