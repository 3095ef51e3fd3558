package org.jet.cli.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.cli.ExitCode;
import org.jet.cli.Jet;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.daemon.DaemonTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jet usage} against a real daemon (in this JVM, on loopback ports) that counted real NetFlow v5 for two
 * users logged in with {@code jet sessions login}; one daemon for the whole class.
 */
class UsageCommandTest
{
    /** alice gets 1.5 MiB and 512 bytes; bob 1.5 MiB; 10.0.0.3 (nobody) 1.5 MiB. */
    private static final int FLOW_BYTES = 1536 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Daemon daemon;
    private static String cfg;
    private static String from;
    private static String to;

    @BeforeAll
    static void startDaemonAndCountSomeTraffic() throws Exception
    {
        cfg = config("jet.yml").toString();
        daemon = Daemon.start(ConfigLoader.load(Path.of(cfg)));
        daemon.directory().addCostCentre("eng", "Engineering", null, "test");
        daemon.directory().addCostCentre("cs", "Computer Science", "eng", "test");
        daemon.directory().addUser("alice", "Alice", null, "cs", "test");
        daemon.directory().addUser("bob", "Bob", null, "eng", "test");

        // Logged in a minute ago: a flow counts for the session open at its end, a second or so before now.
        final String minuteAgo = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        final Jet.Result login = Jet.run("sessions", "login", "alice", "10.0.0.1", "--time", minuteAgo,
            "--config", cfg);
        assertEquals(ExitCode.OK, login.exitCode(), login.err());
        assertEquals(List.of("login of alice at 10.0.0.1 accepted"), login.outLines());
        assertEquals(ExitCode.OK, Jet.run("sessions", "login", "bob", "10.0.0.2", "--time", minuteAgo,
            "--session-id", "portal-2", "-c", cfg).exitCode());

        send(DaemonTest.netflow5(3, FLOW_BYTES, 10));
        send(DaemonTest.netflow5(1, 512, 1));

        final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        from = hour.minus(1, ChronoUnit.HOURS).toString();
        to = hour.plus(2, ChronoUnit.HOURS).toString();
        awaitCsvLine("user", "alice,total," + (FLOW_BYTES + 512) + ",0,11,0");
        // Each address's row reaches the ledger on its own pass (the session's addresses a slice a tick).
        awaitCsvLine("ip", "10.0.0.1,total," + (FLOW_BYTES + 512) + ",0,11,0");
        awaitCsvLine("ip", "10.0.0.2,total," + FLOW_BYTES + ",0,10,0");
        awaitCsvLine("ip", "10.0.0.3,total," + FLOW_BYTES + ",0,10,0");
    }

    @AfterAll
    static void stopDaemon()
    {
        if (daemon != null)
        {
            daemon.close();
        }
    }

    @Test
    void shouldPrintATableByUserWithHumanSizesAndThePeriod()
    {
        final Jet.Result table = usage("--by", "user");
        assertEquals(ExitCode.OK, table.exitCode(), table.err());
        assertEquals(List.of(
            "USER   BYTES IN  BYTES OUT  PACKETS IN  PACKETS OUT",
            "alice  1.5 MiB   0 B        11          0",
            "bob    1.5 MiB   0 B        10          0",
            "period " + from + " .. " + to), table.outLines());
    }

    @Test
    void shouldPrintARowPerTrafficClassUnderEachKey()
    {
        final Jet.Result table = usage("--by", "costcentre", "--classes");
        assertEquals(ExitCode.OK, table.exitCode(), table.err());
        assertEquals(List.of(
            "COST CENTRE  BYTES IN  BYTES OUT  PACKETS IN  PACKETS OUT",
            "eng          3.0 MiB   0 B        21          0",
            "  internet   3.0 MiB   0 B        21          0",
            "cs           1.5 MiB   0 B        11          0",
            "  internet   1.5 MiB   0 B        11          0",
            "period " + from + " .. " + to), table.outLines(), "a faculty's usage includes its departments'");
    }

    @Test
    void shouldWriteExactCountsPerClassAndTotalAsCsv()
    {
        final Jet.Result csv = usage("--by", "user", "--format", "csv");
        assertEquals(ExitCode.OK, csv.exitCode(), csv.err());
        assertEquals(List.of(
            "key,traffic_class,bytes_in,bytes_out,packets_in,packets_out",
            "alice,internet,1573376,0,11,0",
            "alice,total,1573376,0,11,0",
            "bob,internet,1572864,0,10,0",
            "bob,total,1572864,0,10,0"), csv.outLines());

        final List<String> byIp = usage("--by", "ip", "--format", "csv").outLines();
        assertEquals(7, byIp.size(), byIp.toString());
        assertTrue(byIp.contains("10.0.0.3,total,1572864,0,10,0"), byIp.toString());
    }

    @Test
    void shouldPrintTheApiDocumentAsJson() throws Exception
    {
        final Jet.Result json = usage("--by", "ip", "--format", "json");
        assertEquals(ExitCode.OK, json.exitCode(), json.err());
        assertEquals(1, json.outLines().size(), json.out());
        final JsonNode report = JSON.readTree(json.out());
        assertEquals("ip", report.get("by").asText());
        assertEquals(from, report.get("from").asText());
        assertEquals(to, report.get("to").asText());
        final JsonNode first = report.get("rows").get(0);
        assertEquals("10.0.0.1", first.get("key").asText(), "biggest first");
        assertEquals(FLOW_BYTES + 512, first.get("total").get("bytes_in").asLong());
        assertEquals(11, first.get("classes").get("internet").get("packets_in").asLong());
    }

    @Test
    void shouldSayWhenNothingWasRecorded()
    {
        final Jet.Result empty = Jet.run("usage", "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z",
            "--config", cfg);
        assertEquals(ExitCode.OK, empty.exitCode(), empty.err());
        assertEquals(List.of("no usage recorded between 2020-01-01T00:00:00Z and 2020-01-02T00:00:00Z"),
            empty.outLines());
    }

    @Test
    void shouldRejectABadKeyOrTimeInOneLine()
    {
        final Jet.Result by = Jet.run("usage", "--by", "planet", "--config", cfg);
        assertEquals(ExitCode.USAGE, by.exitCode());
        assertEquals(List.of("jet usage: --by must be user, ip or costcentre, got 'planet'"), by.errLines());
        assertEquals("", by.out());

        final Jet.Result time = Jet.run("usage", "--from", "yesterday", "--config", cfg);
        assertEquals(ExitCode.REJECTED, time.exitCode());
        assertEquals(List.of("jet usage: from must be a date (2026-11-01), a local time (2026-11-01T08:00) or an " +
            "instant (2026-11-01T08:00:00Z), got 'yesterday'"), time.errLines());

        final Jet.Result backwards = Jet.run("usage", "--from", "2026-11-02", "--to", "2026-11-01", "-c", cfg);
        assertEquals(ExitCode.REJECTED, backwards.exitCode());
        assertEquals(List.of("jet usage: to must be after from"), backwards.errLines());
    }

    @Test
    void shouldExitThreeWhenNoDaemonAnswers() throws Exception
    {
        // Same data directory (so the admin token is found), a port nobody listens on.
        final Jet.Result down = Jet.run("usage", "--config", config("elsewhere.yml").toString());
        assertEquals(ExitCode.UNREACHABLE, down.exitCode(), down.err());
        assertEquals(1, down.errLines().size(), down.err());
        assertTrue(down.err().startsWith("jet usage: no daemon answers on 127.0.0.1:"), down.err());
    }

    private static Jet.Result usage(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("usage", "--from", from, "--to", to,
            "--config", cfg));
        command.addAll(List.of(args));
        return Jet.run(command.toArray(new String[0]));
    }

    private static void awaitCsvLine(final String by, final String line) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        Jet.Result csv = usage("--by", by, "--format", "csv");
        while (!csv.outLines().contains(line) && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(50);
            csv = usage("--by", by, "--format", "csv");
        }
        assertTrue(csv.outLines().contains(line), csv.out() + csv.err());
    }

    private static Path config(final String name) throws Exception
    {
        final int httpPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            httpPort = socket.getLocalPort();
        }
        final Path config = dir.resolve(name);
        Files.writeString(config, String.join("\n",
            "data_dir: " + dir.resolve("data"),
            "listen: ['127.0.0.1:0']",
            "http:",
            "  listen: 127.0.0.1:" + httpPort,
            "accounting:",
            "  address_ledger_every_ticks: 10", // usage per address within a second, as per user
            ""));
        return config;
    }

    private static void send(final byte[] datagram) throws Exception
    {
        final int port = daemon.ingest().bound().get(0).local().getPort();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
    }
}
