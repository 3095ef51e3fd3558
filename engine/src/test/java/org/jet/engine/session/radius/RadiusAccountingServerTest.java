package org.jet.engine.session.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jet.collector.record.IpAddress;
import org.jet.engine.config.Cidr;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionChange.Kind;
import org.jet.engine.session.SessionSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against FreeRADIUS's own client, {@code radclient} (package freeradius-utils): it builds the requests
 * from attribute text, checks every Response Authenticator Jet sends, and retransmits like a NAS.
 */
class RadiusAccountingServerTest
{
    private static final String SECRET = "s3cret-for-jet";
    private static final long EVENT_SECONDS = 1_700_000_000L;

    @TempDir
    Path dir;

    private final CollectingSink sink = new CollectingSink();
    private RadiusAccountingServer server;

    @BeforeEach
    void start() throws IOException
    {
        final Path secretFile = dir.resolve("radius.secret");
        Files.writeString(secretFile, SECRET + "\n");
        server = start(sink, new JetConfig.RadiusClient(Cidr.parse("127.0.0.1/32"), "local-nas", null, secretFile));
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldPublishWhatRadclientSends() throws Exception
    {
        assumeRadclient();

        assertEquals(0, radclient(SECRET, 1,
            "Acct-Status-Type = Start",
            "User-Name = \"alice\"",
            "Acct-Session-Id = \"a-1\"",
            "NAS-Identifier = \"bras-1\"",
            "Framed-IP-Address = 10.1.2.3",
            "Framed-IPv6-Prefix = 2001:db8:1:2::/64",
            "Event-Timestamp = " + EVENT_SECONDS,
            "Acct-Delay-Time = 3").exit());
        assertEquals(List.of(
            new SessionChange(Kind.START, "alice", 0, IpAddress.mappedLo(0x0a01_0203), 128,
                (EVENT_SECONDS - 3) * 1000, "a-1", "radius:bras-1"),
            new SessionChange(Kind.START, "alice", 0x2001_0db8_0001_0002L, 0, 64,
                (EVENT_SECONDS - 3) * 1000, "a-1", "radius:bras-1")),
            sink.drain());

        assertEquals(0, radclient(SECRET, 1,
            "Acct-Status-Type = Interim-Update",
            "User-Name = \"alice\"",
            "Acct-Session-Id = \"a-1\"",
            "NAS-Identifier = \"bras-1\"",
            "Framed-IPv6-Address = 2001:db8:1:2::77",
            "Event-Timestamp = " + (EVENT_SECONDS + 300)).exit());
        assertEquals(List.of(new SessionChange(Kind.UPDATE, "alice", 0x2001_0db8_0001_0002L, 0x77, 128,
            (EVENT_SECONDS + 300) * 1000, "a-1", "radius:bras-1")), sink.drain());

        assertEquals(0, radclient(SECRET, 1,
            "Acct-Status-Type = Stop",
            "User-Name = \"alice\"",
            "Acct-Session-Id = \"a-1\"",
            "NAS-IP-Address = 192.0.2.1",
            "Framed-IP-Address = 10.1.2.3",
            "Event-Timestamp = " + (EVENT_SECONDS + 600)).exit());
        assertEquals(List.of(new SessionChange(Kind.STOP, "alice", 0, IpAddress.mappedLo(0x0a01_0203), 128,
            (EVENT_SECONDS + 600) * 1000, "a-1", "radius:192.0.2.1")), sink.drain());

        final long before = System.currentTimeMillis();
        assertEquals(0, radclient(SECRET, 1,
            "Acct-Status-Type = Accounting-On",
            "NAS-Identifier = \"bras-1\"").exit());
        final List<SessionChange> reset = sink.drain();
        assertEquals(1, reset.size());
        assertEquals(Kind.SOURCE_RESET, reset.get(0).kind());
        assertEquals("radius:bras-1", reset.get(0).source());
        assertTrue(reset.get(0).timeMs() >= before && reset.get(0).timeMs() <= System.currentTimeMillis(),
            "no Event-Timestamp: the time of arrival");

        final RadiusCounters counters = server.counters();
        assertEquals(1, counters.requests(AcctStatusType.START));
        assertEquals(1, counters.requests(AcctStatusType.INTERIM_UPDATE));
        assertEquals(1, counters.requests(AcctStatusType.STOP));
        assertEquals(1, counters.requests(AcctStatusType.ACCOUNTING_ON));
        assertEquals(4, counters.responses());
        assertEquals(5, counters.sessionChanges());
    }

    @Test
    void shouldNotAnswerAWrongSecret() throws Exception
    {
        assumeRadclient();

        final Radclient result = radclient("not-the-secret", 1,
            "Acct-Status-Type = Start", "User-Name = \"mallory\"", "Framed-IP-Address = 10.6.6.6");

        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("No reply"), result.output());
        assertEquals(List.of(), sink.changes());
        assertEquals(1, server.counters().badAuthenticators());
        assertEquals(0, server.counters().responses());
    }

    @Test
    void shouldPublishARetransmitOnceWhenTheEngineIsSlow() throws Exception
    {
        assumeRadclient();
        server.close();
        // The first change takes longer than radclient's timeout: it sends the request again (same identifier and
        // authenticator), which is answered from the duplicate cache once the first is done.
        final SlowSink slow = new SlowSink(1_500);
        server = start(slow, new JetConfig.RadiusClient(Cidr.parse("127.0.0.0/8"), "lo", SECRET, null));

        final Radclient result = radclient(SECRET, 4,
            "Acct-Status-Type = Start", "User-Name = \"bob\"", "Framed-IP-Address = 10.0.0.2");

        assertEquals(0, result.exit(), result.output());
        waitFor(() -> server.counters().duplicates() >= 1);
        assertEquals(1, slow.sink.changes().size(), "published once");
        assertEquals(1, server.counters().requests(AcctStatusType.START));
        assertTrue(server.counters().responses() >= 2);
    }

    @Test
    void shouldAnswerARetransmitAfterTheEngineRefusedTheFirst() throws Exception
    {
        assumeRadclient();
        sink.refuse(1);

        final Radclient result = radclient(SECRET, 3,
            "Acct-Status-Type = Start", "User-Name = \"carol\"", "Framed-IP-Address = 10.0.0.3");

        assertEquals(0, result.exit(), result.output());
        assertEquals(1, sink.refused());
        assertEquals(1, sink.changes().size());
        assertEquals(1, server.counters().sinkRefused());
        assertEquals(1, server.counters().responses());
    }

    @Test
    void shouldAnswerTheSameDatagramTwiceAndPublishItOnce() throws Exception
    {
        final byte[] request = Packets.request().identifier(42).status(1).text(1, "dave")
            .attribute(8, Packets.ipv4(10, 0, 0, 4)).sign(SECRET.getBytes(StandardCharsets.UTF_8));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            socket.setSoTimeout(5_000);
            final byte[] first = exchange(socket, request);
            final byte[] second = exchange(socket, request);

            assertEquals(20, first.length);
            assertEquals(5, first[0], "Accounting-Response");
            assertEquals(42, first[1]);
            assertArrayEquals(first, second);
        }
        assertEquals(1, sink.changes().size());
        assertEquals(1, server.counters().duplicates());
        assertEquals(2, server.counters().responses());
    }

    @Test
    void shouldIgnoreUnknownClientsAndMalformedDatagrams() throws Exception
    {
        final byte[] request = Packets.request().status(1).text(1, "eve").attribute(8, Packets.ipv4(10, 0, 0, 5))
            .sign(SECRET.getBytes(StandardCharsets.UTF_8));
        // 127.0.0.2 is loopback too, but not a configured client.
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
            DatagramSocket nas = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)))
        {
            stranger.setSoTimeout(300);
            nas.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> exchange(stranger, request));
            assertThrows(SocketTimeoutException.class, () -> exchange(nas, Arrays.copyOf(request, 12)));
            final byte[] lying = request.clone();
            lying[3] = (byte)(request.length + 1);
            assertThrows(SocketTimeoutException.class, () -> exchange(nas, lying));
        }
        assertEquals(1, server.counters().unknownClients());
        assertEquals(1, server.counters().malformed(RadiusMalformation.TOO_SHORT));
        assertEquals(1, server.counters().malformed(RadiusMalformation.TRUNCATED));
        assertEquals(List.of(), sink.changes());
    }

    @Test
    void shouldSayWhichAddressItCannotBind() throws Exception
    {
        final JetConfig.Radius taken = new JetConfig.Radius(HostPort.parse("127.0.0.1:" + server.port()),
            List.of(new JetConfig.RadiusClient(Cidr.parse("127.0.0.1"), null, "x", null)), null);
        try (RadiusAccountingServer second = new RadiusAccountingServer(taken, sink))
        {
            final IOException ex = assertThrows(IOException.class, second::start);
            assertTrue(ex.getMessage().startsWith("radius.listen 127.0.0.1:" + server.port() + ": cannot listen"),
                ex.getMessage());
        }
    }

    private static RadiusAccountingServer start(final SessionSink sink, final JetConfig.RadiusClient client)
        throws IOException
    {
        final RadiusAccountingServer server = new RadiusAccountingServer(
            new JetConfig.Radius(HostPort.parse("127.0.0.1:0"), List.of(client), null), sink);
        server.start();
        return server;
    }

    private byte[] exchange(final DatagramSocket socket, final byte[] request) throws IOException
    {
        socket.send(new DatagramPacket(request, request.length, InetAddress.getByName("127.0.0.1"), server.port()));
        final DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
        socket.receive(answer);
        return Arrays.copyOf(answer.getData(), answer.getLength());
    }

    private Radclient radclient(final String secret, final int tries, final String... attributes) throws Exception
    {
        return Radclient.send(server.port(), secret, tries, attributes);
    }

    private static void assumeRadclient()
    {
        Radclient.assumeInstalled();
    }

    private static void waitFor(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 10 s");
    }

    /**
     * Takes its time over the first change, like an engine under load.
     */
    private static final class SlowSink implements SessionSink
    {
        final CollectingSink sink = new CollectingSink();
        private final long firstDelayMs;
        private boolean delayed;

        SlowSink(final long firstDelayMs)
        {
            this.firstDelayMs = firstDelayMs;
        }

        @Override
        public boolean accept(final SessionChange change)
        {
            if (!delayed)
            {
                delayed = true;
                try
                {
                    Thread.sleep(firstDelayMs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            return sink.accept(change);
        }
    }
}
