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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.engine.config.Cidr;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.ingest.RingFullPolicy;
import org.jet.engine.os.SchedulingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as operators run it: real sockets on loopback, the ring, the engine thread and the HTTP API.
 */
public class DaemonTest
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldDeliverADatagramToTheEngine() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(JetConfig.Exporters.LOOPBACK)))
        {
            send(daemon, netflow5(3, 1000, 10));
            awaitAtLeast(3, () -> daemon.consumer().consumed());
            assertEquals(3, daemon.consumer().consumed());
            assertEquals(3000, daemon.consumer().bytes());
            assertEquals(30, daemon.consumer().packets());
        }
    }

    @Test
    void shouldDropAndCountExportersNotAllowed() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(List.of(Cidr.parse("192.0.2.0/24")))))
        {
            send(daemon, netflow5(2, 100, 1));
            awaitAtLeast(1, () -> daemon.status().loss().notAllowed());
            assertEquals(0, daemon.consumer().consumed());
            assertEquals(0, daemon.readers().get(0).exporters().size(), "no state kept for a refused source");
        }
    }

    @Test
    void shouldDrainEverythingOnShutdown() throws Exception
    {
        final Daemon daemon = Daemon.start(config(JetConfig.Exporters.LOOPBACK));
        for (int i = 0; i < 200; i++)
        {
            send(daemon, netflow5(30, 1500, 2));
        }
        awaitAtLeast(200, () -> daemon.readers().get(0).datagrams());
        daemon.close();
        assertEquals(6000, daemon.consumer().consumed(), "every decoded record reached the engine");
        assertEquals("stopping", daemon.status().status());
    }

    @Test
    void shouldServeMetricsAndTheStatusApi() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(JetConfig.Exporters.LOOPBACK)))
        {
            send(daemon, netflow5(5, 100, 1));
            send(daemon, new byte[] {0, 42, 0, 0, 0, 0});
            awaitAtLeast(5, () -> daemon.consumer().consumed());
            awaitAtLeast(2, () -> daemon.readers().get(0).datagrams());
            final String base = "http://127.0.0.1:" + daemon.httpPort();

            final String metrics = get(base + "/metrics", null).body();
            assertTrue(metrics.contains("jet_engine_consumed_records_total 5.0"), metrics);
            assertTrue(metrics.contains("jet_exporter_malformed_datagrams_total{exporter=\"127.0.0.1:"), metrics);
            assertTrue(metrics.contains("reason=\"unknown_version\"} 1.0"), metrics);

            assertEquals(401, get(base + "/api/v1/status", null).statusCode());
            assertEquals(401, get(base + "/api/v1/status", "wrong").statusCode());
            final HttpResponse<String> response = get(base + "/api/v1/status", AdminToken.read(dataDir));
            assertEquals(200, response.statusCode());
            final JsonNode status = JSON.readTree(response.body());
            assertEquals("ok", status.get("status").asText());
            assertEquals(5, status.get("totals").get("consumed").asLong());
            assertEquals(1, status.get("loss").get("malformed").asLong());
            // Each send() uses a fresh socket: two source ports, two exporters.
            assertEquals(2, status.get("exporters").size());
        }
    }

    @Test
    void shouldKeepTemplatesAcrossARestart() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(JetConfig.Exporters.LOOPBACK)))
        {
            sendFrom(daemon, 40_001, netflow9(true, 0));
            awaitAtLeast(1, () -> daemon.readers().get(0).datagrams());
        }
        try (Daemon daemon = Daemon.start(config(JetConfig.Exporters.LOOPBACK)))
        {
            sendFrom(daemon, 40_001, netflow9(false, 3));
            awaitAtLeast(3, () -> daemon.consumer().consumed());
            assertEquals(3 * 700, daemon.consumer().bytes(), "data decoded with the template learned before restart");
        }
    }

    @Test
    void shouldKeepReadersOrdinaryWhenTheRingBlocks() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(new JetConfig.Ring(null, RingFullPolicy.BLOCK, null, null))))
        {
            send(daemon, netflow5(1, 1000, 10));
            awaitAtLeast(1, () -> daemon.consumer().consumed());

            // Real-time is asked for by default and may be permitted here (root in CI); blocking must not get it.
            assertEquals(1, daemon.config().receive().realtimePriority());
            assertEquals(SchedulingPolicy.OTHER, SchedulingPolicy.of("jet-reader-0"),
                "real-time permitted here: " + SchedulingPolicy.realtimePermitted());
        }
    }

    @Test
    void shouldRunTheEngineAtRealTimePriorityWherePermitted() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(JetConfig.Exporters.LOOPBACK)))
        {
            send(daemon, netflow5(1, 1000, 10));
            awaitAtLeast(1, () -> daemon.consumer().consumed());

            if (SchedulingPolicy.realtimePermitted())
            {
                assertEquals(SchedulingPolicy.FIFO, SchedulingPolicy.of("jet-engine-0"));
                assertEquals(1, SchedulingPolicy.priorityOf("jet-engine-0"));
                assertEquals(SchedulingPolicy.FIFO, SchedulingPolicy.of("jet-reader-0"));
            }
            else
            {
                assertEquals(SchedulingPolicy.OTHER, SchedulingPolicy.of("jet-engine-0"), "not permitted here");
            }
        }
    }

    @Test
    void shouldKeepTheEngineOrdinaryWhenItSpins() throws Exception
    {
        try (Daemon daemon = Daemon.start(config(new JetConfig.Ring(1 << 10, null, true, null))))
        {
            send(daemon, netflow5(1, 1000, 10));
            awaitAtLeast(1, () -> daemon.consumer().consumed());

            assertEquals(1, daemon.config().ring().engineRealtimePriority());
            assertEquals(SchedulingPolicy.OTHER, SchedulingPolicy.of("jet-engine-0"),
                "real-time permitted here: " + SchedulingPolicy.realtimePermitted());
        }
    }

    @Test
    void shouldKeepTheEngineOrdinaryOnOneCore()
    {
        final JetConfig.Ring ring = new JetConfig.Ring(null, null, null, 3);

        assertEquals(3, Daemon.enginePriority(ring, 2));
        assertEquals(0, Daemon.enginePriority(ring, 1));
        assertEquals(0, Daemon.enginePriority(new JetConfig.Ring(null, null, true, 3), 8), "spinning");
    }

    private JetConfig config(final List<Cidr> allow)
    {
        return config(allow, null);
    }

    /** The test config (loopback exporters) with other ring settings. */
    private JetConfig config(final JetConfig.Ring ring)
    {
        return config(null, ring);
    }

    private JetConfig config(final List<Cidr> allow, final JetConfig.Ring ring)
    {
        return new JetConfig(dataDir, List.of(HostPort.parse("127.0.0.1:0")), null, ring,
            new JetConfig.Exporters(allow, null), null, new JetConfig.Http(HostPort.parse("127.0.0.1:0")), null,
            null, null, null);
    }

    private static void send(final Daemon daemon, final byte[] datagram) throws Exception
    {
        final int port = daemon.ingest().bound().get(0).local().getPort();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    private static void sendFrom(final Daemon daemon, final int sourcePort, final byte[] datagram) throws Exception
    {
        final int port = daemon.ingest().bound().get(0).local().getPort();
        try (DatagramSocket socket = new DatagramSocket(sourcePort, InetAddress.getLoopbackAddress()))
        {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    /**
     * NetFlow v9: either a template flowset (template 256: src addr, dst addr, bytes, packets) or a data flowset of
     * {@code records} records of 700 bytes, 7 packets.
     */
    static byte[] netflow9(final boolean template, final int records)
    {
        final ByteBuffer out = ByteBuffer.allocate(20 + 4 + (template ? 4 + 16 : 16 * records));
        out.putShort((short)9).putShort((short)1).putInt(100_000).putInt((int)(System.currentTimeMillis() / 1000))
            .putInt(template ? 1 : 2).putInt(0);
        if (template)
        {
            out.putShort((short)0).putShort((short)24).putShort((short)256).putShort((short)4)
                .putShort((short)8).putShort((short)4).putShort((short)12).putShort((short)4)
                .putShort((short)1).putShort((short)4).putShort((short)2).putShort((short)4);
        }
        else
        {
            out.putShort((short)256).putShort((short)(4 + 16 * records));
            for (int i = 0; i < records; i++)
            {
                out.putInt(0xc612_0001).putInt(0x0a00_0001 + i).putInt(700).putInt(7);
            }
        }
        return out.array();
    }

    private static HttpResponse<String> get(final String url, final String token) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitAtLeast(final long expected, final LongSupplier value) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (value.getAsLong() < expected && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
        assertTrue(value.getAsLong() >= expected, "expected at least " + expected + ", got " + value.getAsLong());
    }

    /**
     * A NetFlow v5 datagram of {@code count} records of {@code bytes} bytes and {@code packets} packets each.
     */
    public static byte[] netflow5(final int count, final int bytes, final int packets)
    {
        final ByteBuffer out = ByteBuffer.allocate(24 + 48 * count);
        final long now = System.currentTimeMillis();
        out.putShort((short)5).putShort((short)count).putInt(100_000).putInt((int)(now / 1000)).putInt(0)
            .putInt(0).putInt(0);
        for (int i = 0; i < count; i++)
        {
            out.putInt(0xc612_0001).putInt(0x0a00_0001 + i).putInt(0).putShort((short)1).putShort((short)2)
                .putInt(packets).putInt(bytes).putInt(90_000).putInt(99_000)
                .putShort((short)443).putShort((short)(40_000 + i)).put((byte)0).put((byte)0x18).put((byte)6)
                .put((byte)0).putShort((short)0).putShort((short)0).put((byte)0).put((byte)0).putShort((short)0);
        }
        return out.array();
    }
}
