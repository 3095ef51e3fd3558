package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.Cidr;
import org.jet.engine.ingest.FlowEvent;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionTable;
import org.junit.jupiter.api.Test;

class AccountantTest
{
    private static final long T0 = 1_790_000_000_000L - 1_790_000_000_000L % 3_600_000L; // an hour boundary
    private static final long NOW = T0 + 30 * 60_000L;
    private static final int ALICE_IP = 0x0a000001; // 10.0.0.1
    private static final int BOB_IP = 0x0a000002;
    private static final int REMOTE = 0xc6336401; // 198.51.100.1
    private static final long ALICE = 7;
    private static final long BOB = 8;

    private final ExporterTable exporterTable = new ExporterTable(4);
    private final Exporter router = exporterTable.lookup(0, IpAddress.mappedLo(0xc0000201), 2055);
    private final FlowRecord record = new FlowRecord();
    private final FlowEvent event = new FlowEvent();
    private final UsageRows rows = new UsageRows(64);
    private final SessionTable sessions = new SessionTable(64, 7_200_000, 86_400_000, new NoHistory());

    private Accountant accountant(final AccountingConfig config)
    {
        return accountant(config, rows);
    }

    private Accountant accountant(final AccountingConfig config, final UsageRows rows)
    {
        return accountant(config, rows, sessions);
    }

    private Accountant accountant(final AccountingConfig config, final UsageRows rows, final SessionTable sessions)
    {
        return new Accountant(config, new TrafficClasses(config), sessions, rows, rows,
            (reader, id) -> exporterTable.exporters().get(id), login -> "lab".equals(login) ? 99 : -1);
    }

    private static Map<List<Long>, List<Long>> contents(final UsageRows rows)
    {
        final Map<List<Long>, List<Long>> contents = new HashMap<>();
        rows.forEach((hi, lo, meta, in, out, pin, pout) ->
            assertEquals(null, contents.put(List.of(hi, lo, meta), List.of(in, out, pin, pout)), "one row per key"));
        return contents;
    }

    private static AccountingConfig config()
    {
        return new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")), null, "UTC",
            null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void shouldCountDownloadsAndUploadsForTheUserHoldingTheAddress()
    {
        final Accountant accountant = accountant(config());
        login("alice", ALICE_IP, T0);
        flow(REMOTE, ALICE_IP, 1000, 2, NOW);
        accountant.onFlow(event, NOW);
        flow(ALICE_IP, REMOTE, 300, 1, NOW);
        accountant.onFlow(event, NOW);

        final Usage user = sum(UsageRows.USER, ALICE);
        assertEquals(new Usage(1000, 300, 2, 1), user);
        assertEquals(user, sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)), "the address keeps the same usage");
    }

    @Test
    void shouldKeepUsageOfAnAddressWithoutSessionAndNeverBillTransit()
    {
        final Accountant accountant = accountant(config());
        flow(REMOTE, BOB_IP, 500, 1, NOW);
        accountant.onFlow(event, NOW);
        flow(REMOTE, 0xc6336402, 999, 1, NOW);
        accountant.onFlow(event, NOW);

        assertEquals(new Usage(500, 0, 1, 0), sum(UsageRows.IP, IpAddress.mappedLo(BOB_IP)));
        assertEquals(500, accountant.unattributedBytes());
        assertEquals(1, accountant.transit());
        assertEquals(0, countRows(UsageRows.USER));
    }

    @Test
    void shouldGiveALateFlowToTheUserWhoHadTheAddressThen()
    {
        final Accountant accountant = accountant(config());
        login("alice", ALICE_IP, T0);
        sessions.apply(change(SessionChange.Kind.STOP, "alice", ALICE_IP, T0 + 10 * 60_000L), ALICE);
        login("bob", ALICE_IP, T0 + 11 * 60_000L);

        flow(REMOTE, ALICE_IP, 4000, 4, T0 + 9 * 60_000L); // ended while alice held the address
        accountant.onFlow(event, NOW);
        flow(REMOTE, ALICE_IP, 100, 1, T0 + 20 * 60_000L);
        accountant.onFlow(event, NOW);

        assertEquals(4000, sum(UsageRows.USER, ALICE).bytesIn());
        assertEquals(100, sum(UsageRows.USER, BOB).bytesIn());
    }

    @Test
    void shouldScaleBySamplingAndCountBiflowReverseAsTheOtherDirection()
    {
        final Accountant accountant = accountant(config());
        login("alice", ALICE_IP, T0);
        flow(ALICE_IP, REMOTE, 100, 1, NOW);
        record.reverseBytes(2000);
        record.reversePackets(3);
        record.samplingRate(10);
        event.setFlow(record, 0, router.id(), 0);
        accountant.onFlow(event, NOW);

        assertEquals(new Usage(20_000, 1000, 30, 10), sum(UsageRows.USER, ALICE));
    }

    @Test
    void shouldRecordOnNetForBothEndsAndRateItFree()
    {
        final Accountant accountant = accountant(config());
        login("alice", ALICE_IP, T0);
        login("bob", BOB_IP, T0);
        flow(ALICE_IP, BOB_IP, 700, 1, NOW);
        accountant.onFlow(event, NOW);

        assertEquals(new Usage(0, 700, 0, 1), sum(UsageRows.USER, ALICE));
        assertEquals(new Usage(700, 0, 1, 0), sum(UsageRows.USER, BOB));
        rows.forEach((hi, lo, meta, a, b, c, d) -> assertEquals(TrafficClasses.ON_NET, UsageRows.classOf(meta)));
    }

    @Test
    void shouldSplitAFlowAcrossHoursInProportion()
    {
        final Accountant accountant = accountant(config());
        flow(REMOTE, ALICE_IP, 1000, 10, T0 + 15 * 60_000L);
        record.startMs(T0 - 45 * 60_000L); // 45 minutes in the previous hour, 15 in this one
        event.setFlow(record, 0, router.id(), 0);
        accountant.onFlow(event, NOW);

        final Map<Long, Long> byHour = new HashMap<>();
        accountant.moveAllAddressUsage();
        rows.forEach((hi, lo, meta, in, out, pin, pout) -> byHour.merge(UsageRows.hourOf(meta), in, Long::sum));
        assertEquals(750, byHour.get(T0 / 3_600_000L - 1));
        assertEquals(250, byHour.get(T0 / 3_600_000L));
    }

    @Test
    void shouldSplitAUsersFlowAcrossHoursIntoRowsFoundWhereTheirKeysSay()
    {
        final Accountant accountant = accountant(config());
        login("alice", ALICE_IP, T0 - 3_600_000L);
        // Flows across the turn, as for the first minutes of every hour: the first hour's row is asked for ahead too.
        for (int n = 0; n < 3; n++)
        {
            flow(REMOTE, ALICE_IP, 1000, 10, T0 + 15 * 60_000L);
            record.startMs(T0 - 45 * 60_000L);
            event.setFlow(record, 0, router.id(), 0);
            accountant.onFlowBatched(event, NOW);
        }
        accountant.flush();

        final Map<Long, Long> byHour = new HashMap<>();
        rows.forEach((hi, lo, meta, in, out, pin, pout) ->
        {
            if (UsageRows.kindOf(meta) == UsageRows.USER)
            {
                assertEquals(ALICE, lo);
                byHour.merge(UsageRows.hourOf(meta), in, Long::sum);
                assertTrue(rows.find(hi, lo, meta) >= 0, "the row is where its key's hash leads");
            }
        });
        assertEquals(Map.of(T0 / 3_600_000L - 1, 2250L, T0 / 3_600_000L, 750L), byHour);
    }

    @Test
    void shouldTurnRunningTotalsIntoDeltas()
    {
        final Accountant accountant = accountant(config());
        for (final long total : new long[]{1000, 2500, 2600})
        {
            record.clear();
            record.srcAddrV4(REMOTE);
            record.dstAddrV4(ALICE_IP);
            record.srcPort(443);
            record.dstPort(50000);
            record.protocol(6);
            record.bytesTotal(total);
            record.packetsTotal(total / 100);
            record.endMs(NOW);
            event.setFlow(record, 0, router.id(), 0);
            accountant.onFlow(event, NOW);
        }
        assertEquals(new Usage(2600, 0, 26, 0), sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)));
    }

    @Test
    void shouldCountNselUpdatesOnceAndOnlyTheRestAtTeardown()
    {
        final Accountant accountant = accountant(config());
        nsel(1, 0, 0);       // created
        accountant.onFlow(event, NOW);
        nsel(5, 2557, 1117); // update: since the last one
        accountant.onFlow(event, NOW);
        nsel(5, 31, 0);
        accountant.onFlow(event, NOW);
        nsel(2, 2600, 1200); // teardown: the connection's total
        accountant.onFlow(event, NOW);

        assertEquals(new Usage(1200, 2600, 0, 0), sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)),
            "alice initiated: her upload is the initiator's bytes, her download the responder's");
    }

    @Test
    void shouldAttributeByTheInsideAddressUnderNat()
    {
        final Accountant accountant = accountant(config());
        login("alice", ALICE_IP, T0);
        // Seen outside the NAT: to the public address, translated to alice's inside address.
        flow(REMOTE, 0xcb007101, 900, 1, NOW);
        record.postNatDstAddr(0, IpAddress.mappedLo(ALICE_IP));
        event.setFlow(record, 0, router.id(), 0);
        accountant.onFlow(event, NOW);

        assertEquals(900, sum(UsageRows.USER, ALICE).bytesIn());
    }

    @Test
    void shouldAttributeAnIpv6AddressByItsSlash64Session()
    {
        final Accountant accountant = accountant(config());
        final long prefix = 0x2001_0db8_0001_0002L;
        sessions.apply(new SessionChange(SessionChange.Kind.START, "alice", prefix, 0, 64, T0, "s6", "test"), ALICE);
        record.clear();
        record.srcAddr(0x2001_0db8_ffff_0000L, 1);
        record.dstAddr(prefix, 0x1234_5678_9abc_def0L);
        record.bytes(640);
        record.packets(1);
        record.endMs(NOW);
        event.setFlow(record, 0, router.id(), 0);
        accountant.onFlow(event, NOW);

        assertEquals(640, sum(UsageRows.USER, ALICE).bytesIn());
    }

    @Test
    void shouldCountOnlyTheConfiguredInterfacesOfAnExporter()
    {
        final AccountingConfig config = new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8")), null, "UTC", null,
            List.of(new AccountingConfig.ExporterRule(Cidr.parse("192.0.2.1"), List.of(3L))), null, null, null, null,
            null, null, null, null, null, null);
        final Accountant accountant = accountant(config);
        flow(REMOTE, ALICE_IP, 100, 1, NOW);
        record.inputIf(3);
        event.setFlow(record, 0, router.id(), 0);
        accountant.onFlow(event, NOW);
        flow(REMOTE, ALICE_IP, 5000, 1, NOW);
        record.inputIf(7);
        record.outputIf(8);
        event.setFlow(record, 0, router.id(), 0);
        accountant.onFlow(event, NOW);

        assertEquals(100, sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)).bytesIn());
        assertEquals(1, accountant.otherInterface());
    }

    @Test
    void shouldCountASkewedFlowWhenItArrived()
    {
        final Accountant accountant = accountant(config());
        flow(REMOTE, ALICE_IP, 100, 1, NOW + 86_400_000L); // a day in the future
        accountant.onFlow(event, NOW);
        rows.forEach((hi, lo, meta, a, b, c, d) -> assertEquals(NOW / 3_600_000L, UsageRows.hourOf(meta)));
        assertEquals(1, accountant.skewed());
    }

    @Test
    void shouldRateTrafficClassesInTheirHours()
    {
        final AccountingConfig config = new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8")), null, "UTC",
            List.of(new AccountingConfig.TrafficClass("mirror", List.of(Cidr.parse("198.51.100.0/24")), null, null,
                null, 0.0), new AccountingConfig.TrafficClass("night", null, null, null, "22:00-06:00", 0.5)),
            null, null, null, null, null, null, null, null, null, null, null);
        final TrafficClasses classes = new TrafficClasses(config);
        final long lo = IpAddress.mappedLo(REMOTE);
        final long elsewhere = IpAddress.mappedLo(0x08080808);
        final long noonUtc = T0 - T0 % 86_400_000L + 12 * 3_600_000L;
        assertEquals("mirror", classes.names().get(classes.classify(0, lo, 443, 6, noonUtc)));
        assertEquals("internet", classes.names().get(classes.classify(0, elsewhere, 443, 6, noonUtc)));
        assertEquals("night", classes.names().get(classes.classify(0, elsewhere, 443, 6, noonUtc + 11 * 3_600_000L)));
        assertEquals(0, classes.rate(classes.classify(0, lo, 443, 6, noonUtc), 1000));
        assertEquals(500, classes.rate(2 + 1, 1000));
        assertEquals(Long.MAX_VALUE / 2, classes.rate(3, Long.MAX_VALUE - 1) + 0, "no overflow on huge counts");
    }

    @Test
    void shouldClassifyByTheFirstMatchingClassWhenEveryClassNamesItsRemoteNetworks()
    {
        // Every class names remote networks, so an address outside all of them is internet without a scan of the
        // classes; inside them, the order of the classes and their other conditions still decide.
        final AccountingConfig config = new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8")), null, "UTC",
            List.of(
                new AccountingConfig.TrafficClass("dns", List.of(Cidr.parse("198.51.100.0/24")), List.of(53), 17,
                    null, 0.0),
                new AccountingConfig.TrafficClass("mirror",
                    List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8::/32")), null, null, null, 0.0),
                new AccountingConfig.TrafficClass("cdn", List.of(Cidr.parse("203.0.113.0/25")), null, null, null,
                    0.5)),
            null, null, null, null, null, null, null, null, null, null, null);
        final TrafficClasses classes = new TrafficClasses(config);
        final Cidr v6 = Cidr.parse("2001:db8::1/128");
        final Cidr otherV6 = Cidr.parse("2001:db9::1/128");

        assertEquals("dns", className(classes, 0, IpAddress.mappedLo(0xc6336407), 53, 17));
        assertEquals("mirror", className(classes, 0, IpAddress.mappedLo(0xc6336407), 53, 6));
        assertEquals("mirror", className(classes, v6.hi(), v6.lo(), 443, 6));
        assertEquals("cdn", className(classes, 0, IpAddress.mappedLo(0xcb007105), 443, 6));
        assertEquals("internet", className(classes, 0, IpAddress.mappedLo(0xcb0071c8), 443, 6), "same /16, not in /25");
        assertEquals("internet", className(classes, 0, IpAddress.mappedLo(0x08080808), 53, 17));
        assertEquals("internet", className(classes, otherV6.hi(), otherV6.lo(), 443, 6));
    }

    private static String className(final TrafficClasses classes, final long hi, final long lo, final int port,
        final int protocol)
    {
        return classes.names().get(classes.classify(hi, lo, port, protocol, NOW));
    }

    @Test
    void shouldChargeAStaticallyAssignedNetworkUnlessASessionHoldsTheAddress()
    {
        final AccountingConfig config = new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8")), null, "UTC", null,
            null, null, null, null, null, null,
            List.of(new AccountingConfig.StaticAssignment(Cidr.parse("10.0.0.0/30"), "lab")), null, null, null, null);
        final Accountant accountant = accountant(config);
        login("alice", ALICE_IP, T0);
        flow(REMOTE, ALICE_IP, 100, 1, NOW);
        accountant.onFlow(event, NOW);
        flow(REMOTE, BOB_IP, 40, 1, NOW);
        accountant.onFlow(event, NOW);
        flow(REMOTE, 0x0a000009, 5, 1, NOW); // outside the lab network
        accountant.onFlow(event, NOW);

        assertEquals(100, sum(UsageRows.USER, ALICE).bytesIn(), "a session takes precedence");
        assertEquals(40, sum(UsageRows.USER, 99).bytesIn());
        assertEquals(5, accountant.unattributedBytes());
    }

    @Test
    void shouldCountBatchedFlowsExactlyAsOneAtATime()
    {
        final AccountingConfig config = new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8")), null, "UTC",
            List.of(new AccountingConfig.TrafficClass("peering", List.of(Cidr.parse("198.51.100.0/25")), null, null,
                null, 0.5)),
            null, null, null, null, null, null,
            List.of(new AccountingConfig.StaticAssignment(Cidr.parse("10.0.0.16/30"), "lab")), null, null, null, null);
        final UsageRows oneAtATime = new UsageRows(16);
        final UsageRows batched = new UsageRows(16);
        final SessionTable otherSessions = new SessionTable(64, 7_200_000, 86_400_000, new NoHistory());
        final Accountant single = accountant(config, oneAtATime, sessions);
        final Accountant batching = accountant(config, batched, otherSessions);
        for (final SessionTable table : List.of(sessions, otherSessions))
        {
            // Addresses 10.0.0.1..8 held by users 1..8; 10.0.0.3 went from user 3 to user 103 ten minutes ago.
            for (int i = 1; i <= 8; i++)
            {
                table.apply(change(SessionChange.Kind.START, "u" + i, 0x0a000000 + i, T0 - 3_600_000L), i);
            }
            table.apply(change(SessionChange.Kind.START, "u103", 0x0a000003, NOW - 10 * 60_000L), 103);
        }

        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int n = 0; n < 5_000; n++)
        {
            // Inside: a held address, a lab one (static), or one nobody holds; outside: two classes, or inside again.
            final int inside = 0x0a000000 + 1 + random.nextInt(24);
            final int other = random.nextInt(8) == 0 ? 0x0a000000 + 1 + random.nextInt(24) :
                REMOTE + random.nextInt(256);
            final long endMs = NOW - random.nextLong(50 * 60_000L); // this hour or the last one
            flow(random.nextBoolean() ? inside : other, random.nextBoolean() ? other : inside,
                1 + random.nextInt(100_000), 1 + random.nextInt(100), endMs);
            record.startMs(endMs - random.nextLong(random.nextInt(10) == 0 ? 7_200_000L : 60_000L));
            event.setFlow(record, 0, router.id(), 0);
            single.onFlow(event, NOW);
            batching.onFlowBatched(event, NOW);
        }
        batching.flush();
        single.moveAllAddressUsage();
        batching.moveAllAddressUsage();

        assertEquals(contents(oneAtATime), contents(batched));
        assertEquals(single.unattributedBytes(), batching.unattributedBytes());
        assertEquals(single.flows(), batching.flows());
        assertEquals(oneAtATime.size(), batched.size());
    }

    @Test
    void shouldHoldBatchedFlowsUntilFlushedAndCountThemIntoTheTableTheyCameFor()
    {
        final UsageRows handedOver = new UsageRows(16);
        final UsageRows next = new UsageRows(16);
        final Accountant accountant = accountant(config(), handedOver);
        login("alice", ALICE_IP, T0 - 3_600_000L);
        flow(REMOTE, ALICE_IP, 1000, 1, T0 - 60_000L); // late: the previous hour
        accountant.onFlowBatched(event, NOW);
        flow(REMOTE, ALICE_IP, 300, 1, NOW);
        accountant.onFlowBatched(event, NOW);
        assertEquals(0, handedOver.size(), "held, not counted yet");

        accountant.countAddressesInto(next);
        accountant.countUsersInto(next);

        assertEquals(Map.of(T0 / 3_600_000L - 1, 1000L, T0 / 3_600_000L, 300L), bytesInByHour(handedOver,
            UsageRows.USER), "users' usage counted into the table it came for, each in its own hour");
        assertEquals(0, next.size());
        assertEquals(Map.of(), bytesInByHour(handedOver, UsageRows.IP), "the address's usage is held in its row");
        accountant.moveAllAddressUsage();
        assertEquals(Map.of(T0 / 3_600_000L - 1, 1000L, T0 / 3_600_000L, 300L), bytesInByHour(next, UsageRows.IP),
            "then moved into the table of the moment");
    }

    @Test
    void shouldHoldTwoHoursOrClassesOfAnAddressInItsRowAndCountAThirdStraightIntoTheTable()
    {
        final AccountingConfig config = new AccountingConfig(List.of(Cidr.parse("10.0.0.0/8")), null, "UTC",
            List.of(new AccountingConfig.TrafficClass("peering", List.of(Cidr.parse("198.51.100.0/25")), null, null,
                null, 0.5)),
            null, null, null, null, null, null, null, null, null, null, null);
        final Accountant accountant = accountant(config);
        login("alice", ALICE_IP, T0 - 3_600_000L);
        final int internet = 0xcb007101; // 203.0.113.1
        flow(internet, ALICE_IP, 1000, 1, NOW); // internet, this hour: held
        accountant.onFlow(event, NOW);
        flow(REMOTE, ALICE_IP, 200, 1, NOW); // peering, this hour: held
        accountant.onFlow(event, NOW);
        flow(internet, ALICE_IP, 30, 1, T0 - 60_000L); // internet, last hour: a third pair, into the table
        accountant.onFlow(event, NOW);
        flow(internet, ALICE_IP, 4, 1, NOW);
        accountant.onFlow(event, NOW);

        assertEquals(Map.of(T0 / 3_600_000L - 1, 30L), bytesInByHour(rows, UsageRows.IP));
        accountant.moveAllAddressUsage();
        assertEquals(Map.of(T0 / 3_600_000L - 1, 30L, T0 / 3_600_000L, 1204L), bytesInByHour(rows, UsageRows.IP));
        assertEquals(new Usage(1234, 0, 4, 0), sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)));
        assertEquals(sum(UsageRows.USER, ALICE), sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)));
        final Usage moved = sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP));
        accountant.moveAllAddressUsage();
        assertEquals(moved, sum(UsageRows.IP, IpAddress.mappedLo(ALICE_IP)), "moved once, not twice");
    }

    private static Map<Long, Long> bytesInByHour(final UsageRows rows, final int kind)
    {
        final Map<Long, Long> byHour = new HashMap<>();
        rows.forEach((hi, lo, meta, in, out, pin, pout) ->
        {
            if (UsageRows.kindOf(meta) == kind)
            {
                byHour.merge(UsageRows.hourOf(meta), in, Long::sum);
            }
        });
        return byHour;
    }

    private void nsel(final int event, final long initiator, final long responder)
    {
        record.clear();
        record.srcAddrV4(ALICE_IP);
        record.dstAddrV4(REMOTE);
        record.srcPort(55182);
        record.dstPort(3128);
        record.protocol(6);
        record.initiatorOctets(initiator);
        record.responderOctets(responder);
        record.firewallEvent(event);
        record.endMs(NOW);
        this.event.setFlow(record, 0, router.id(), 0);
    }

    private void flow(final int src, final int dst, final long bytes, final long packets, final long endMs)
    {
        record.clear();
        record.srcAddrV4(src);
        record.dstAddrV4(dst);
        record.srcPort(443);
        record.dstPort(50000);
        record.protocol(6);
        record.bytes(bytes);
        record.packets(packets);
        record.endMs(endMs);
        record.startMs(endMs - 1000);
        event.setFlow(record, 0, router.id(), 0);
    }

    private void login(final String user, final int ip, final long timeMs)
    {
        sessions.apply(change(SessionChange.Kind.START, user, ip, timeMs), "alice".equals(user) ? ALICE : BOB);
    }

    private static SessionChange change(final SessionChange.Kind kind, final String user, final int ip,
        final long timeMs)
    {
        return new SessionChange(kind, user, 0, IpAddress.mappedLo(ip), 128, timeMs, user + "-1", "test");
    }

    private Usage sum(final int kind, final long lo)
    {
        sessions.moveAllUsage();
        final long[] sum = new long[4];
        rows.forEach((hi, rowLo, meta, in, out, pin, pout) ->
        {
            if (UsageRows.kindOf(meta) == kind && rowLo == lo)
            {
                sum[0] += in;
                sum[1] += out;
                sum[2] += pin;
                sum[3] += pout;
            }
        });
        return new Usage(sum[0], sum[1], sum[2], sum[3]);
    }

    private int countRows(final int kind)
    {
        sessions.moveAllUsage();
        final int[] n = new int[1];
        rows.forEach((hi, lo, meta, a, b, c, d) -> n[0] += UsageRows.kindOf(meta) == kind ? 1 : 0);
        return n[0];
    }

    private record Usage(long bytesIn, long bytesOut, long packetsIn, long packetsOut)
    {
    }

    private static final class NoHistory implements SessionTable.Listener
    {
        @Override
        public void onOpened(final Session session)
        {
        }

        @Override
        public void onClosed(final Session session)
        {
        }
    }
}
