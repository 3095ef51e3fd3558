package org.jet.engine.session.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jet.collector.record.IpAddress;
import org.jet.engine.config.Cidr;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionChange.Kind;
import org.junit.jupiter.api.Test;

class AccountingHandlerTest
{
    private static final long NOW_MS = 1_800_000_000_000L;
    private static final byte[] OTHER_SECRET = "other secret".getBytes(StandardCharsets.UTF_8);

    private final CollectingSink sink = new CollectingSink();
    private final RadiusCounters counters = new RadiusCounters();
    private final AccountingHandler handler = new AccountingHandler(new RadiusClients(List.of(
        new RadiusClients.Client("loopback", Cidr.parse("127.0.0.0/8"), Packets.TESTING123),
        new RadiusClients.Client("bras-7", Cidr.parse("127.0.0.7/32"), OTHER_SECRET))),
        sink, counters, 64, () -> NOW_MS);
    private final byte[] response = new byte[RadiusAuthenticator.RESPONSE_LENGTH];

    @Test
    void shouldPublishOneStartPerAddressAndAnswer() throws Exception
    {
        final byte[] packet = Packets.resource("radclient-start.bin");

        assertEquals(20, handle(packet, "127.0.0.1", 40_000));

        assertArrayEquals(Packets.hex("058d0014 bb6f1e9525606a5a6976291a76d5c8bc"), response);
        final long timeMs = 1_700_000_000_000L - 5_000;
        assertEquals(List.of(
            new SessionChange(Kind.START, "alice", 0, IpAddress.mappedLo(0x0a01_0203), 128, timeMs, "sess-1",
                "radius:bras-1"),
            new SessionChange(Kind.START, "alice", 0x2001_0db8_0001_0002L, 0, 64, timeMs, "sess-1", "radius:bras-1")),
            sink.changes());
        assertEquals(1, counters.requests(AcctStatusType.START));
        assertEquals(1, counters.responses());
        assertEquals(2, counters.sessionChanges());
    }

    @Test
    void shouldTakeTheTimeOfArrivalMinusTheDelayAndTheNasIpv6AsSource() throws Exception
    {
        assertEquals(20, handle(Packets.resource("radclient-interim-ipv6.bin"), "127.0.0.1", 40_000));

        final List<SessionChange> changes = sink.changes();
        assertEquals(2, changes.size());
        for (final SessionChange change : changes)
        {
            assertEquals(Kind.UPDATE, change.kind());
            assertEquals(NOW_MS, change.timeMs());
            assertEquals("radius:2001:db8::1", change.source());
            assertEquals("s2", change.sessionId());
        }
        assertEquals(128, changes.get(0).prefixLength());
        assertEquals(64, changes.get(1).prefixLength());
        assertEquals(0x2001_0db8_00aa_0000L, changes.get(1).addrHi());
    }

    @Test
    void shouldResetTheSourceOnAccountingOnAndOff() throws Exception
    {
        assertEquals(20, handle(Packets.resource("radclient-accounting-on.bin"), "127.0.0.1", 40_000));
        assertEquals(20, handle(Packets.request().status(8).integer(41, 2).integer(55, 0).sign(Packets.TESTING123),
            "127.0.0.2", 40_000));

        assertEquals(List.of(
            new SessionChange(Kind.SOURCE_RESET, null, 0, 0, 0, NOW_MS, null, "radius:192.0.2.1"),
            new SessionChange(Kind.SOURCE_RESET, null, 0, 0, 0, NOW_MS - 2_000, null, "radius:127.0.0.2")),
            sink.changes());
        assertEquals(1, counters.requests(AcctStatusType.ACCOUNTING_ON));
        assertEquals(1, counters.requests(AcctStatusType.ACCOUNTING_OFF));
    }

    @Test
    void shouldPublishStopsAndKeepControlCharactersOutOfTheSource() throws Exception
    {
        final byte[] stop = Packets.request().status(2).text(1, "carol").text(44, "s9").text(32, "nas\n1")
            .attribute(8, Packets.ipv4(10, 0, 0, 9)).sign(Packets.TESTING123);

        assertEquals(20, handle(stop, "127.0.0.1", 40_000));

        assertEquals(List.of(new SessionChange(Kind.STOP, "carol", 0, IpAddress.mappedLo(0x0a00_0009), 128, NOW_MS,
            "s9", "radius:nas?1")), sink.changes());
        assertEquals(1, counters.requests(AcctStatusType.STOP));
    }

    @Test
    void shouldAnswerButNotPublishUnusableRequests() throws Exception
    {
        final byte[] noAddress = Packets.request().status(1).text(1, "dave").sign(Packets.TESTING123);
        final byte[] noUser = Packets.request().identifier(8).status(2).attribute(8, Packets.ipv4(10, 0, 0, 1))
            .sign(Packets.TESTING123);
        final byte[] tunnel = Packets.request().identifier(9).status(9).sign(Packets.TESTING123);

        assertEquals(20, handle(noAddress, "127.0.0.1", 40_000));
        assertEquals(20, handle(noUser, "127.0.0.1", 40_000));
        assertEquals(20, handle(tunnel, "127.0.0.1", 40_000));

        assertEquals(List.of(), sink.changes());
        assertEquals(2, counters.unusable());
        assertEquals(1, counters.requests(AcctStatusType.OTHER));
        assertEquals(3, counters.responses());
    }

    @Test
    void shouldDropUnknownClientsBadAuthenticatorsAndMalformedPackets() throws Exception
    {
        final byte[] start = Packets.resource("radclient-start.bin");

        assertEquals(0, handle(start, "192.0.2.99", 40_000));
        // 127.0.0.7 is its own client, with another secret.
        assertEquals(0, handle(start, "127.0.0.7", 40_000));
        assertEquals(0, handle(Arrays.copyOf(start, 19), "127.0.0.1", 40_000));

        assertEquals(List.of(), sink.changes());
        assertEquals(1, counters.unknownClients());
        assertEquals(1, counters.badAuthenticators());
        assertEquals(1, counters.malformed(RadiusMalformation.TOO_SHORT));
        assertEquals(1, counters.malformed());
        assertEquals(0, counters.responses());
    }

    @Test
    void shouldAnswerARetransmitAgainWithoutPublishingAgain() throws Exception
    {
        final byte[] start = Packets.resource("radclient-start.bin");
        assertEquals(20, handle(start, "127.0.0.1", 40_000));
        final byte[] first = response.clone();
        Arrays.fill(response, (byte)0);

        assertEquals(20, handle(start, "127.0.0.1", 40_000));

        assertArrayEquals(first, response);
        assertEquals(2, sink.changes().size());
        assertEquals(1, counters.duplicates());
        assertEquals(2, counters.responses());
        assertEquals(1, counters.requests(AcctStatusType.START));
    }

    @Test
    void shouldTreatTheSameBytesFromAnotherPortAsANewRequest() throws Exception
    {
        final byte[] start = Packets.resource("radclient-start.bin");
        assertEquals(20, handle(start, "127.0.0.1", 40_000));

        assertEquals(20, handle(start, "127.0.0.1", 40_001));

        assertEquals(4, sink.changes().size());
        assertEquals(0, counters.duplicates());
    }

    @Test
    void shouldNotAnswerWhatTheSinkRefusedAndPublishItWhenSentAgain() throws Exception
    {
        final byte[] start = Packets.resource("radclient-start.bin");
        sink.refuse(1);

        assertEquals(0, handle(start, "127.0.0.1", 40_000));
        assertEquals(0, sink.changes().size());
        assertEquals(1, counters.sinkRefused());
        assertEquals(0, counters.responses());

        assertEquals(20, handle(start, "127.0.0.1", 40_000));
        assertEquals(2, sink.changes().size());
        assertEquals(0, counters.duplicates());
        assertEquals(1, counters.requests(AcctStatusType.START));
    }

    @Test
    void shouldForgetTheOldestRequestsWhenTheCacheIsFull() throws Exception
    {
        final byte[] first = Packets.request().identifier(0).status(3).text(1, "erin")
            .attribute(8, Packets.ipv4(10, 0, 0, 1)).sign(Packets.TESTING123);
        assertEquals(20, handle(first, "127.0.0.1", 40_000));
        for (int i = 1; i <= 64; i++)
        {
            final byte[] other = Packets.request().identifier(i).status(3).text(1, "erin")
                .attribute(8, Packets.ipv4(10, 0, 0, 1)).sign(Packets.TESTING123);
            assertEquals(20, handle(other, "127.0.0.1", 40_000));
        }

        assertEquals(20, handle(first, "127.0.0.1", 40_000));

        assertEquals(66, sink.changes().size(), "the first request was forgotten, so published again");
        assertEquals(0, counters.duplicates());
    }

    @Test
    void shouldUseTheLongestMatchingClient() throws Exception
    {
        final byte[] signedWithOther = Packets.request().status(7).sign(OTHER_SECRET);

        assertEquals(20, handle(signedWithOther, "127.0.0.7", 40_000));
        assertEquals(0, handle(signedWithOther, "127.0.0.8", 40_000));
        assertEquals(1, counters.badAuthenticators());
    }

    private int handle(final byte[] packet, final String source, final int port) throws Exception
    {
        // The datagram sits in a bigger receive buffer, as in the server.
        final byte[] buffer = Arrays.copyOf(packet, AccountingRequest.MAX_LENGTH);
        return handler.handle(buffer, packet.length, InetAddress.getByName(source), port, response);
    }
}
