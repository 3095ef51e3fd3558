package org.jet.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JetCommandTest
{
    @Test
    void shouldListCommandsAndExitStatusesInHelp()
    {
        final Jet.Result result = Jet.run("--help");

        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.out().contains("decode"), result.out());
        assertTrue(result.out().contains("replay"), result.out());
        assertTrue(result.out().contains("Exit status:"), result.out());
    }

    @Test
    void shouldPrintVersion()
    {
        final Jet.Result result = Jet.run("--version");

        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.out().startsWith("jet " + JetVersion.version()), result.out());
        assertFalse(JetVersion.version().contains("${"), "version.properties is not filtered");
    }

    @Test
    void shouldAskForACommand()
    {
        final Jet.Result result = Jet.run();

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("jet: a command is needed."), result.err());
    }

    @Test
    void shouldRejectUnknownCommandsAndOptionsInOneLineWithAHint()
    {
        final Jet.Result command = Jet.run("decdoe");
        assertEquals(ExitCode.USAGE, command.exitCode());
        assertTrue(command.err().startsWith("jet: Unmatched argument at index 0: 'decdoe'"), command.err());

        final Jet.Result option = Jet.run("decode", "--frmat", "json", "x");
        assertEquals(ExitCode.USAGE, option.exitCode());
        assertTrue(option.err().startsWith("jet decode: Unknown option: '--frmat'"), option.err());
        assertFalse(option.err().contains("at org."), "no stack trace");
    }

    @Test
    void shouldShowHelpOfASubcommand()
    {
        final Jet.Result result = Jet.run("help", "replay");

        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.out().contains("--to=HOST:PORT"), result.out());
        assertTrue(result.out().contains("Default: 1000"), result.out());
    }
}
