package org.jet.cli.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.cli.ExitCode;
import org.jet.cli.Jet;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.daemon.Daemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jet sessions} against a real daemon (in this JVM, on loopback ports): report logins and a logout as a
 * portal script would, list them in every format; then with the daemon gone.
 */
class SessionsCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldReportLoginsAndLogoutsAndListOpenSessions() throws Exception
    {
        final String cfg = Jet.daemonConfig(dir).toString();
        try (Daemon daemon = Daemon.start(ConfigLoader.load(Path.of(cfg))))
        {
            assertEquals(List.of("no open sessions"), Jet.run("sessions", "list", "--config", cfg).outLines());

            final String since = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString();
            final Jet.Result login = Jet.run("sessions", "login", "ann", "10.0.0.7", "--time", since,
                "--session-id", "portal-7", "--config", cfg);
            assertEquals(ExitCode.OK, login.exitCode(), login.err());
            assertEquals(List.of("login of ann at 10.0.0.7 accepted"), login.outLines());
            assertEquals(ExitCode.OK, Jet.run("sessions", "login", "bob", "2001:db8:1:2::/64", "--time", since,
                "-c", cfg).exitCode());

            final List<String> csv = awaitSessions(cfg, 2);
            assertEquals("user,address,since,last_news,session_id,source", csv.get(0));
            assertTrue(csv.contains("ann,10.0.0.7," + since + "," + since + ",portal-7,api"), csv.toString());
            assertTrue(csv.contains("bob,2001:db8:1:2::/64," + since + "," + since + ",,api"), csv.toString());

            final Jet.Result table = Jet.run("sessions", "list", "--config", cfg);
            assertEquals(ExitCode.OK, table.exitCode(), table.err());
            final List<List<String>> cells = new ArrayList<>();
            for (final String line : table.outLines())
            {
                cells.add(Arrays.asList(line.split(" {2,}")));
            }
            assertEquals(List.of("USER", "ADDRESS", "SINCE", "LAST NEWS", "SESSION ID", "SOURCE"), cells.get(0));
            assertTrue(cells.contains(List.of("ann", "10.0.0.7", since, since, "portal-7", "api")), table.out());
            assertTrue(cells.contains(List.of("bob", "2001:db8:1:2::/64", since, since, "-", "api")), table.out());

            final JsonNode json = JSON.readTree(Jet.run("sessions", "list", "--format", "json", "-c", cfg).out());
            assertEquals(2, json.get("sessions").size(), json.toString());

            final Jet.Result badTime = Jet.run("sessions", "logout", "ann", "10.0.0.7", "--time", "yesterday",
                "-c", cfg);
            assertEquals(ExitCode.REJECTED, badTime.exitCode());
            assertEquals(List.of("jet sessions logout: time must be an instant like 2026-11-26T08:00:00Z, got " +
                "'yesterday'"), badTime.errLines());
            final Jet.Result network = Jet.run("sessions", "login", "cat", "10.0.0.0/24", "-c", cfg);
            assertEquals(ExitCode.REJECTED, network.exitCode());
            assertEquals(List.of("jet sessions login: address must be one address or an IPv6 /64, got " +
                "'10.0.0.0/24'"), network.errLines());
            final Jet.Result missing = Jet.run("sessions", "login", "cat", "-c", cfg);
            assertEquals(ExitCode.USAGE, missing.exitCode());
            assertTrue(missing.err().startsWith("jet sessions login: Missing required parameter: 'ADDRESS'"),
                missing.err());

            final Jet.Result logout = Jet.run("sessions", "logout", "ann", "10.0.0.7", "--config", cfg);
            assertEquals(ExitCode.OK, logout.exitCode(), logout.err());
            assertEquals(List.of("logout of ann at 10.0.0.7 accepted"), logout.outLines());
            final List<String> left = awaitSessions(cfg, 1);
            assertTrue(left.get(1).startsWith("bob,"), left.toString());
        }

        final Jet.Result down = Jet.run("sessions", "list", "--config", cfg);
        assertEquals(ExitCode.UNREACHABLE, down.exitCode(), down.err());
        assertEquals(1, down.errLines().size(), down.err());
        assertTrue(down.err().startsWith("jet sessions list: no daemon answers on 127.0.0.1:"), down.err());
    }

    /** @return the CSV listing once it holds {@code count} sessions (the engine applies changes within a tick). */
    private static List<String> awaitSessions(final String cfg, final int count) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        List<String> csv = Jet.run("sessions", "list", "--format", "csv", "--config", cfg).outLines();
        while (csv.size() != count + 1 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(50);
            csv = Jet.run("sessions", "list", "--format", "csv", "--config", cfg).outLines();
        }
        assertEquals(count + 1, csv.size(), csv.toString());
        return csv;
    }
}
