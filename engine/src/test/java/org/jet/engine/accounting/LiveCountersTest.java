package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCountersTest
{
    static final long V4 = 0x0000_ffff_0000_0000L;
    private static final long V6_HI = 0x2001_0db8_0000_0001L;

    @TempDir
    Path dir;

    @Test
    void shouldSumWhatEachFoldAdds()
    {
        try (LiveCounters live = open())
        {
            final UsageDeltas deltas = new UsageDeltas(16, 64, 16, 64);
            for (int tick = 1; tick <= 2; tick++)
            {
                deltas.addIp(0, V4 | 0x0a00_0001L, 1_000, 100, 10, 5, 800, 1_000L * tick);
                deltas.addIp(V6_HI, 1, 2_000, 200, 20, 6, 2_000, 1_000L * tick);
                deltas.addIp(0, 0, 1, 1, 1, 1, 1, 1);
                deltas.addUser(42, 3_000, 300, 30, 11, 2_800, 1_000L * tick);
                deltas.addUser(0, 7, 0, 1, 0, 7, 5);
                live.fold(deltas);
                deltas.clear();
            }

            assertEquals(new UsageSnapshot(2_000, 200, 20, 10, 1_600, 2_000), live.ip(0, V4 | 0x0a00_0001L));
            assertEquals(new UsageSnapshot(4_000, 400, 40, 12, 4_000, 2_000), live.ip(V6_HI, 1));
            assertEquals(new UsageSnapshot(2, 2, 2, 2, 2, 1), live.ip(0, 0));
            assertEquals(new UsageSnapshot(6_000, 600, 60, 22, 5_600, 2_000), live.user(42));
            assertEquals(new UsageSnapshot(14, 0, 2, 0, 14, 5), live.user(0));
            assertNull(live.ip(0, V4 | 0x0a00_0002L));
            assertNull(live.ip(0, 1), "::1 is not ::ffff:0.0.0.1");
            assertNull(live.user(43));
            assertEquals(3, live.ipCount());
            assertEquals(2, live.userCount());
            assertEquals(0, live.foldFailures());
        }
    }

    @Test
    void shouldAddAsUnsigned64BitAndKeepTheLatestTime()
    {
        try (LiveCounters live = open())
        {
            final UsageDeltas deltas = new UsageDeltas(4, 4, 4, 4);
            deltas.addUser(1, -1L, Long.MAX_VALUE, 0, 0, 0, 9_000);
            live.fold(deltas);
            deltas.clear();
            deltas.addUser(1, 2, 1, 0, 0, 0, 8_000);
            live.fold(deltas);

            final UsageSnapshot user = live.user(1);
            assertEquals(1, user.bytesIn());
            assertEquals("9223372036854775808", Long.toUnsignedString(user.bytesOut()));
            assertEquals(9_000, user.lastSeenMs());
        }
    }

    @Test
    void shouldKeepCountersAcrossCloseAndReopenAndMarkOnlyWhileOpen() throws Exception
    {
        try (LiveCounters live = open())
        {
            assertTrue(Files.exists(dir.resolve(LiveCounters.OPEN_MARKER)));
            live.fold(tick(500, 50, 1));
        }
        assertFalse(Files.exists(dir.resolve(LiveCounters.OPEN_MARKER)));
        assertTrue(Files.size(dir.resolve(LiveCounters.IP_FILE)) > 0);
        assertTrue(Files.size(dir.resolve(LiveCounters.USER_FILE)) > 0);

        try (LiveCounters live = open())
        {
            assertEquals(500, live.ipCount());
            assertEquals(50, live.userCount());
            live.fold(tick(500, 50, 1));
            assertExpected(live, 500, 50, 2);
        }
    }

    @Test
    void shouldVisitEveryAddressAndUser()
    {
        try (LiveCounters live = open())
        {
            live.fold(tick(300, 40, 1));
            final Map<Long, Long> users = new HashMap<>();
            live.forEachUser((id, in, out, pIn, pOut, rated, last) -> assertNull(users.put(id, in)));
            assertEquals(40, users.size());
            for (long id = 1; id <= 40; id++)
            {
                assertEquals(id * 10, users.get(id));
            }

            final Map<Long, Long> ips = new HashMap<>();
            live.forEachIp((hi, lo, in, out, pIn, pOut, rated, last) -> assertNull(ips.put(lo, out)));
            assertEquals(300, ips.size());
            assertEquals(7L, ips.get(V4 | 7));
        }
    }

    /** The second and later folds of a user go to the place the first found: they must land on that user only. */
    @Test
    void shouldFoldUsersAgainIntoTheirOwnEntriesAndStartAfreshAfterANewPeriod()
    {
        try (LiveCounters live = open())
        {
            for (int round = 1; round <= 3; round++)
            {
                for (long id = 1; id <= 500; id++)
                {
                    live.foldUser(id, id, 2 * id, 1, 0, id, 1_000L * round);
                }
            }
            for (long id = 1; id <= 500; id++)
            {
                final UsageSnapshot user = live.user(id);
                assertEquals(3 * id, user.bytesIn(), "user " + id);
                assertEquals(6 * id, user.bytesOut(), "user " + id);
                assertEquals(3, user.packetsIn(), "user " + id);
                assertEquals(3_000L, user.lastSeenMs(), "user " + id);
            }
            live.resetPeriod();
            live.foldUser(7, 5, 0, 1, 0, 5, 9_000);
            assertEquals(1, live.userCount());
            assertEquals(5, live.user(7).bytesIn(), "a new period's entry, not the old place");
            live.foldUser(7, 5, 0, 1, 0, 5, 9_000);
            assertEquals(10, live.user(7).bytesIn());
        }
    }

    @Test
    void shouldForgetEverythingOnANewPeriod()
    {
        try (LiveCounters live = open())
        {
            live.fold(tick(100, 10, 1));
            live.resetPeriod();
            assertEquals(0, live.ipCount());
            assertEquals(0, live.userCount());
            assertNull(live.ip(0, V4 | 1));
            assertNull(live.user(1));

            live.fold(tick(100, 10, 1));
            assertExpected(live, 100, 10, 1);
        }
    }

    @Test
    void shouldFoldWithoutAllocatingPerEntry()
    {
        try (LiveCounters live = open())
        {
            final UsageDeltas deltas = tick(1_000, 100, 1);
            for (int i = 0; i < 20; i++)
            {
                live.fold(deltas);
            }
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++)
            {
                live.fold(deltas);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // A one-off allocation inside Chronicle (a few hundred bytes) may land in the window; one object per
            // entry would be at least 16 bytes each.
            assertTrue(allocated < 22_000, "allocated " + allocated + " bytes folding 22,000 entries");
            assertExpected(live, 1_000, 100, 40);
        }
    }

    @Test
    void shouldHoldAMillionAddressesAndAHundredThousandUsers() throws Exception
    {
        try (LiveCounters live = new LiveCounters(dir, 1_000_000, 100_000))
        {
            final UsageDeltas deltas = new UsageDeltas(65_536, 1_000_000, 16_384, 100_000);
            for (int i = 0; i < 1_000_000; i++)
            {
                deltas.addIp(0, V4 | 0x0a00_0000L + i, 1, 2, 1, 1, 1, i);
            }
            for (int id = 1; id <= 100_000; id++)
            {
                deltas.addUser(id, 3, 4, 1, 1, 3, id);
            }
            live.fold(deltas);
            assertEquals(1_000_000, live.ipCount());
            assertEquals(100_000, live.userCount());
            assertEquals(new UsageSnapshot(1, 2, 1, 1, 1, 999_999), live.ip(0, V4 | 0x0a00_0000L + 999_999));
            assertEquals(new UsageSnapshot(3, 4, 1, 1, 3, 100_000), live.user(100_000));
            assertEquals(0, live.foldFailures());
        }
    }

    @Test
    void shouldRejectNonPositiveSizes()
    {
        assertThrows(IllegalArgumentException.class, () -> new LiveCounters(dir, 0, 10));
    }

    private LiveCounters open()
    {
        try
        {
            return new LiveCounters(dir, 2_000, 200);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Address i (1..ips) gets in = i, out = i; user u (1..users) gets in = 10u; times = 1000 * stamp. */
    static UsageDeltas tick(final int ips, final int users, final long stamp)
    {
        final UsageDeltas deltas = new UsageDeltas(ips, ips, users, users);
        for (int i = 1; i <= ips; i++)
        {
            deltas.addIp(0, V4 | i, i, i, 1, 1, i / 2, 1_000 * stamp);
        }
        for (int u = 1; u <= users; u++)
        {
            deltas.addUser(u, 10L * u, u, 1, 1, 5L * u, 1_000 * stamp);
        }
        return deltas;
    }

    /** What {@code folds} folds of {@link #tick} leave. */
    static void assertExpected(final LiveCounters live, final int ips, final int users, final int folds)
    {
        assertEquals(ips, live.ipCount());
        assertEquals(users, live.userCount());
        for (int i = 1; i <= ips; i++)
        {
            final UsageSnapshot ip = live.ip(0, V4 | i);
            assertEquals((long)i * folds, ip.bytesIn(), "address " + i);
            assertEquals((long)i * folds, ip.bytesOut(), "address " + i);
            assertEquals(folds, ip.packetsIn(), "address " + i);
            assertEquals((long)(i / 2) * folds, ip.ratedBytes(), "address " + i);
        }
        for (int u = 1; u <= users; u++)
        {
            final UsageSnapshot user = live.user(u);
            assertEquals(10L * u * folds, user.bytesIn(), "user " + u);
            assertEquals(5L * u * folds, user.ratedBytes(), "user " + u);
        }
    }
}
