package org.jet.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.jet.cli.config.ConfigCommand;
import org.jet.cli.costcentres.CostCentresCommand;
import org.jet.cli.daemon.DaemonCommand;
import org.jet.cli.decode.DecodeCommand;
import org.jet.cli.plugins.PluginsCommand;
import org.jet.cli.quota.EventsCommand;
import org.jet.cli.quota.QuotaCommand;
import org.jet.cli.quota.TopupCommand;
import org.jet.cli.replay.ReplayCommand;
import org.jet.cli.sessions.SessionsCommand;
import org.jet.cli.status.StatusCommand;
import org.jet.cli.usage.UsageCommand;
import org.jet.cli.users.UsersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jet}: the command line of Jet. Each subcommand is a class of its own, listed in {@code subcommands} below;
 * a new one (daemon, status, config, users...) is added there and nowhere else.
 */
@Command(
    name = "jet",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Jet: network usage accounting from NetFlow v5/v9, IPFIX and sFlow v5.",
        "",
        "Today: the collector daemon (daemon, status, config check), its users and cost centres (users, " +
            "costcentres), who is logged in where (sessions), usage by user, address or cost centre (usage), " +
            "quotas, top-ups and what followed (quota, topup, events), plugins, offline decoding of captures " +
            "(decode) and sending them to a collector (replay).",
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'jet COMMAND --help' for the options of a command."},
    subcommands = {
        DaemonCommand.class,
        StatusCommand.class,
        UsersCommand.class,
        CostCentresCommand.class,
        SessionsCommand.class,
        UsageCommand.class,
        QuotaCommand.class,
        TopupCommand.class,
        EventsCommand.class,
        PluginsCommand.class,
        ConfigCommand.class,
        DecodeCommand.class,
        ReplayCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class JetCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    /**
     * Runs jet and exits with its status.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
            new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(
            new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        final int status;
        try
        {
            status = commandLine(out, err).execute(args);
        }
        finally
        {
            out.flush();
            err.flush();
        }
        System.exit(status);
    }

    /**
     * @param out where results go (stdout).
     * @param err where messages, progress and usage errors go (stderr).
     * @return the configured command line, ready to {@link CommandLine#execute execute}; tests call this.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new JetCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(ex -> ExitCode.INTERNAL);
        commandLine.setParameterExceptionHandler(JetCommand::onParameterError);
        commandLine.setExecutionExceptionHandler(JetCommand::onExecutionError);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        describeExitCodes(commandLine);
        return commandLine;
    }

    private static void describeExitCodes(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().usageMessage()
            .exitCodeListHeading("%nExit status:%n")
            .exitCodeList(ExitCode.descriptions());
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            if (!"help".equals(sub.getCommandName()))
            {
                describeExitCodes(sub);
            }
        }
    }

    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("jet: a command is needed.");
        commandLine.usage(commandLine.getErr());
        return ExitCode.USAGE;
    }

    private static int onParameterError(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err))
        {
            err.println("Try '" + name + " --help' for more information.");
        }
        return ExitCode.USAGE;
    }

    private static int onExecutionError(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        commandLine.getOut().flush();
        final String name = commandLine.getCommandSpec().qualifiedName();
        if (ex instanceof UserException)
        {
            err.println(name + ": " + ex.getMessage());
            return ((UserException)ex).exitCode();
        }
        err.println(name + ": internal error: " + ex);
        if (System.getenv("JET_DEBUG") != null)
        {
            ex.printStackTrace(err);
        }
        else
        {
            err.println("Run again with JET_DEBUG=1 in the environment for the stack trace.");
        }
        return ExitCode.INTERNAL;
    }
}
