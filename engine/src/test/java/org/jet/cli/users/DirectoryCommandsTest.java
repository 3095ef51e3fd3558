package org.jet.cli.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jet.cli.ExitCode;
import org.jet.cli.Jet;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jet users} and {@code jet costcentres} against a real daemon (in this JVM, on loopback ports), as an
 * operator types them; then with the daemon gone.
 */
class DirectoryCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldManageUsersAndCostCentresThroughTheDaemon() throws Exception
    {
        final Path config = Jet.daemonConfig(dir);
        final String cfg = config.toString();
        try (Daemon daemon = Daemon.start(ConfigLoader.load(config)))
        {
            assertOk(Jet.run("costcentres", "add", "eng", "--name", "Faculty of Engineering", "--config", cfg),
                "added cost centre eng (Faculty of Engineering) at the top level");
            assertOk(Jet.run("costcentres", "add", "eng.cs", "--name", "Computer Science", "--parent", "eng",
                "-c", cfg), "added cost centre eng.cs (Computer Science) under eng");
            final Jet.Result added = Jet.run("users", "add", "ann", "--cost-centre", "eng.cs", "--name", "Ann Lee",
                "--email", "ann@uni.example", "--config", cfg);
            assertOk(added, "added user ann (numeric id 1) to cost centre eng.cs");

            final Jet.Result duplicate = Jet.run("users", "add", "ann", "--cost-centre", "eng", "--config", cfg);
            assertEquals(ExitCode.REJECTED, duplicate.exitCode());
            assertEquals(List.of("jet users add: user 'ann' already exists"), duplicate.errLines());

            final Path csv = dir.resolve("staff.csv");
            Files.writeString(csv, "login,name,email,cost_centre\nbob,\"Bee, Bob\",,eng\ncat,Cat,cat@x,med\n" +
                "dan,Dan,nope,eng\n");
            final Jet.Result rejected = Jet.run("users", "import", csv.toString(), "--config", cfg);
            assertEquals(ExitCode.REJECTED, rejected.exitCode());
            assertEquals(List.of(
                "jet users import: 2 bad row(s) in " + csv + ", nothing imported",
                csv + ":3: cost centre 'med' does not exist (add it first: jet costcentres add med --name ...)",
                csv + ":4: e-mail address 'nope' is not valid (expected NAME@DOMAIN)"), rejected.errLines());

            Files.writeString(csv, "login,name,email,cost_centre\nbob,\"Bee, Bob\",,eng\nann,Ann Lee,,eng.cs\n");
            assertOk(Jet.run("users", "import", csv.toString(), "--config", cfg),
                "imported " + csv + ": 1 added, 1 updated, 0 unchanged");

            final Jet.Result table = Jet.run("users", "list", "--config", cfg);
            assertEquals(ExitCode.OK, table.exitCode(), table.err());
            assertEquals(List.of(
                "LOGIN  NAME      EMAIL  COST CENTRE  NUMERIC ID",
                "ann    Ann Lee   -      eng.cs       1",
                "bob    Bee, Bob  -      eng          2"), table.outLines());

            final Jet.Result csvOut = Jet.run("users", "list", "--cost-centre", "eng.cs", "--format", "csv",
                "--config", cfg);
            assertEquals(List.of("login,name,email,cost_centre", "ann,Ann Lee,,eng.cs"), csvOut.outLines());
            final Jet.Result json = Jet.run("users", "list", "--format", "json", "--config", cfg);
            assertTrue(json.out().startsWith("{\"users\":[{\"login\":\"ann\",\"numeric_id\":1,"), json.out());

            assertOk(Jet.run("users", "update", "bob", "--cost-centre", "eng.cs", "--config", cfg),
                "user bob: cost centre eng.cs, name Bee, Bob, e-mail -");
            final Jet.Result shown = Jet.run("users", "show", "bob", "--config", cfg);
            assertEquals(ExitCode.OK, shown.exitCode(), shown.err());
            assertTrue(shown.out().contains("cost centre:  eng / eng.cs\n"), shown.out());
            assertTrue(shown.out().contains("numeric id:   2\n"), shown.out());

            final Jet.Result tree = Jet.run("costcentres", "list", "--config", cfg);
            assertEquals(List.of(
                "ID        NAME                    USERS  NUMERIC ID",
                "eng       Faculty of Engineering  0      1",
                "  eng.cs  Computer Science        2      2"), tree.outLines());

            final Jet.Result unknown = Jet.run("users", "show", "zed", "--config", cfg);
            assertEquals(ExitCode.REJECTED, unknown.exitCode());
            assertEquals(List.of("jet users show: no user 'zed'"), unknown.errLines());

            final Jet.Result usage = Jet.run("users", "add", "eve", "--config", cfg);
            assertEquals(ExitCode.USAGE, usage.exitCode());
            assertTrue(usage.err().startsWith("jet users add: Missing required option: '--cost-centre=ID'"),
                usage.err());

            final StoreException inUse = assertThrows(StoreException.class,
                () -> Daemon.start(ConfigLoader.load(config)));
            assertTrue(inUse.getMessage().startsWith("data directory " + dir.resolve("data").toAbsolutePath() +
                " is in use by another jet process"), inUse.getMessage());
        }

        for (final String[] command : List.of(new String[] {"users", "list"}, new String[] {"status"}))
        {
            final Jet.Result down = Jet.run(command[0], command.length > 1 ? command[1] : "--format=text",
                "--config", cfg);
            assertEquals(ExitCode.UNREACHABLE, down.exitCode(), down.err());
            assertEquals(1, down.errLines().size(), down.err());
            assertTrue(down.err().contains(": no daemon answers on 127.0.0.1:"), down.err());
        }
    }

    private static void assertOk(final Jet.Result result, final String line)
    {
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals(List.of(line), result.outLines());
    }
}
