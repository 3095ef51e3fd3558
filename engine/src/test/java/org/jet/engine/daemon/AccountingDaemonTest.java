package org.jet.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.Cidr;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.session.radius.Radclient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage end to end in a running daemon: a portal login over the API, NetFlow from a real socket, the ledger in
 * RocksDB, the usage API by user, address and cost centre, and all of it again after a restart.
 */
class AccountingDaemonTest
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldAttributeFlowsToTheLoggedInUserAndKeepItAcrossARestart() throws Exception
    {
        try (Daemon daemon = Daemon.start(config()))
        {
            daemon.directory().addCostCentre("eng", "Engineering", null, "test");
            daemon.directory().addCostCentre("cs", "Computer Science", "eng", "test");
            daemon.directory().addUser("alice", "Alice", null, "cs", "test");

            // Logged in a minute ago: the flows below end a second or two before now (NetFlow v5 times are in
            // whole seconds), and a flow counts for the session open when it ended.
            final HttpResponse<String> login = post(daemon, "/api/v1/sessions",
                "{\"action\":\"login\",\"user\":\"alice\",\"address\":\"10.0.0.1\",\"time\":\"" +
                java.time.Instant.now().minusSeconds(60) + "\"}");
            assertEquals(202, login.statusCode(), login.body());
            assertEquals(400, post(daemon, "/api/v1/sessions",
                "{\"action\":\"login\",\"user\":\"alice\",\"address\":\"10.0.0.0/24\"}").statusCode());

            // 10.0.0.1 (alice), 10.0.0.2 and 10.0.0.3 (nobody), 1000 bytes and 10 packets each, from outside.
            send(daemon, DaemonTest.netflow5(3, 1000, 10));

            final Map<String, Long> byUser = awaitBytesIn(daemon, "user", "alice", 1000);
            assertEquals(Map.of("alice", 1000L), byUser);
            final Map<String, Long> byIp = awaitBytesIn(daemon, "ip", "10.0.0.3", 1000);
            assertEquals(Map.of("10.0.0.1", 1000L, "10.0.0.2", 1000L, "10.0.0.3", 1000L), byIp);
            assertEquals(Map.of("cs", 1000L, "eng", 1000L), bytesIn(daemon, "costcentre"),
                "a faculty's usage includes its departments'");
            final JsonNode current = JSON.readTree(get(daemon, "/api/v1/usage/current?by=user&key=alice").body());
            assertEquals(1000, current.get("rows").get(0).get("bytes_in").asLong(), "this month's live counters");
            assertEquals(1000, current.get("rows").get(0).get("rated_bytes").asLong());

            final String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
                daemon.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("jet_accounting_flows_total 3.0"), metrics);
            assertTrue(metrics.contains("jet_accounting_unattributed_bytes_total 2000.0"), metrics);
            assertTrue(metrics.contains("jet_sessions_open 1.0"), metrics);
            final JsonNode status = JSON.readTree(get(daemon, "/api/v1/status").body());
            assertEquals(1, status.get("accounting").get("open_sessions").asInt());
            assertEquals(3, status.get("accounting").get("flows").asLong());
            assertTrue(status.get("accounting").get("ledger_batches").asLong() > 0);
            assertEquals(0, status.get("actions").get("waiting").asLong(), "the welcome events left the outbox");
            final JsonNode sessions = JSON.readTree(get(daemon, "/api/v1/sessions").body()).get("sessions");
            assertEquals(1, sessions.size());
            assertEquals("alice", sessions.get(0).get("user").asText());
        }

        try (Daemon daemon = Daemon.start(config()))
        {
            assertEquals(Map.of("alice", 1000L), bytesIn(daemon, "user"), "the ledger survives a restart");
            send(daemon, DaemonTest.netflow5(1, 500, 1));
            assertEquals(1500, awaitBytesIn(daemon, "user", "alice", 1500).get("alice"),
                "the session survives a restart");

            post(daemon, "/api/v1/sessions", "{\"action\":\"logout\",\"user\":\"alice\",\"address\":\"10.0.0.1\"," +
                "\"time\":\"" + java.time.Instant.now().minusSeconds(30) + "\"}");
            send(daemon, DaemonTest.netflow5(1, 7, 1));
            awaitBytesIn(daemon, "ip", "10.0.0.1", 1507);
            assertEquals(1500, bytesIn(daemon, "user").get("alice"), "after logout the address bills nobody");
        }
    }

    /**
     * FreeRADIUS's radclient plays the NAS: its Start gives 10.0.0.2 to bob, flows to that address are his; its
     * Accounting-On (the NAS rebooted) ends every session it opened.
     */
    @Test
    void shouldAttributeFlowsToTheUserARadiusStartNamed() throws Exception
    {
        Radclient.assumeInstalled();
        final JetConfig.Radius radius = new JetConfig.Radius(HostPort.parse("127.0.0.1:0"),
            List.of(new JetConfig.RadiusClient(Cidr.parse("127.0.0.1"), "bras", "s3cret", null)), null);
        try (Daemon daemon = Daemon.start(new JetConfig(dataDir, List.of(HostPort.parse("127.0.0.1:0")), null, null,
            null, null, new JetConfig.Http(HostPort.parse("127.0.0.1:0")), accounting(), radius, null, null)))
        {
            final int port = daemon.radius().port();
            final long start = java.time.Instant.now().minusSeconds(60).getEpochSecond();
            final Radclient started = Radclient.send(port, "s3cret", 3, "Acct-Status-Type = Start",
                "User-Name = \"bob\"", "Framed-IP-Address = 10.0.0.2", "Acct-Session-Id = \"b-1\"",
                "NAS-Identifier = \"bras-1\"", "Event-Timestamp = " + start);
            assertEquals(0, started.exit(), started.output());

            send(daemon, DaemonTest.netflow5(3, 1000, 10));
            assertEquals(1000, awaitBytesIn(daemon, "user", "bob", 1000).get("bob"));
            assertEquals(1, JSON.readTree(get(daemon, "/api/v1/sessions").body()).get("sessions").size());

            final Radclient reboot = Radclient.send(port, "s3cret", 3, "Acct-Status-Type = Accounting-On",
                "NAS-Identifier = \"bras-1\"", "Event-Timestamp = " + (start + 30));
            assertEquals(0, reboot.exit(), reboot.output());
            final long deadline = System.currentTimeMillis() + 10_000;
            while (JSON.readTree(get(daemon, "/api/v1/sessions").body()).get("sessions").size() > 0 &&
                System.currentTimeMillis() < deadline)
            {
                Thread.sleep(20);
            }
            assertEquals(0, JSON.readTree(get(daemon, "/api/v1/sessions").body()).get("sessions").size(),
                "Accounting-On ends the sessions of the NAS");
            send(daemon, DaemonTest.netflow5(3, 1000, 10));
            awaitBytesIn(daemon, "ip", "10.0.0.2", 2000);
            assertEquals(1000, bytesIn(daemon, "user").get("bob"), "no session, no bill");
        }
    }

    @Test
    void shouldRejectABadUsageQueryWithOneLine() throws Exception
    {
        try (Daemon daemon = Daemon.start(config()))
        {
            final HttpResponse<String> response = get(daemon, "/api/v1/usage?by=planet");
            assertEquals(400, response.statusCode());
            assertEquals("by must be user, ip or costcentre, got 'planet'",
                JSON.readTree(response.body()).get("error").asText());
            assertEquals(400, get(daemon, "/api/v1/usage?from=yesterday").statusCode());
        }
    }

    private Map<String, Long> awaitBytesIn(final Daemon daemon, final String by, final String key,
        final long expected) throws Exception
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        Map<String, Long> rows = bytesIn(daemon, by);
        while (rows.getOrDefault(key, 0L) < expected && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(50);
            rows = bytesIn(daemon, by);
        }
        assertTrue(rows.getOrDefault(key, 0L) >= expected, by + " " + key + ": " + rows);
        return rows;
    }

    private Map<String, Long> bytesIn(final Daemon daemon, final String by) throws Exception
    {
        final HttpResponse<String> response = get(daemon, "/api/v1/usage?by=" + by);
        assertEquals(200, response.statusCode(), response.body());
        final Map<String, Long> rows = new HashMap<>();
        for (final JsonNode row : JSON.readTree(response.body()).get("rows"))
        {
            rows.put(row.get("key").asText(), row.get("total").get("bytes_in").asLong());
        }
        return rows;
    }

    private JetConfig config()
    {
        return new JetConfig(dataDir, List.of(HostPort.parse("127.0.0.1:0")), null, null, null, null,
            new JetConfig.Http(HostPort.parse("127.0.0.1:0")), accounting(), null, null, null);
    }

    /** The defaults, but usage per address reaches the ledger within a second, as users' does. */
    private static AccountingConfig accounting()
    {
        return new AccountingConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, 10,
            null);
    }

    private HttpResponse<String> get(final Daemon daemon, final String path) throws Exception
    {
        return HTTP.send(request(daemon, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final Daemon daemon, final String path, final String body) throws Exception
    {
        return HTTP.send(request(daemon, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(final Daemon daemon, final String path) throws Exception
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
            .header("Authorization", "Bearer " + AdminToken.read(dataDir));
    }

    private static void send(final Daemon daemon, final byte[] datagram) throws Exception
    {
        final int port = daemon.ingest().bound().get(0).local().getPort();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
    }
}
