package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IpUsageTableTest
{
    private static final long V4 = 0x0000_ffff_0000_0000L;

    @Test
    void shouldKeepCollidingAddressesApartIncludingAcrossTheTableEnd()
    {
        final IpUsageTable table = new IpUsageTable(8, 8);
        assertEquals(16, table.capacity());
        final int shift = 64 - 4;
        // Six IPv4 addresses whose probe starts at the last slot: the chain wraps to slots 0..4.
        final List<Long> colliding = new ArrayList<>();
        for (long v4 = 0; colliding.size() < 6; v4++)
        {
            if (IpUsageTable.hash(0, V4 | v4, shift) == 15)
            {
                colliding.add(V4 | v4);
            }
        }
        for (int round = 1; round <= 3; round++)
        {
            for (int i = 0; i < colliding.size(); i++)
            {
                assertTrue(table.add(0, colliding.get(i), i + 1, 10 * (i + 1), 1, 2, 3, round));
            }
        }

        final Map<String, long[]> seen = collect(table);
        assertEquals(6, seen.size());
        for (int i = 0; i < colliding.size(); i++)
        {
            assertArrayEquals(new long[]{3L * (i + 1), 30L * (i + 1), 3, 6, 9, 3}, seen.get(key(0, colliding.get(i))));
        }
    }

    @Test
    void shouldTellAddressesThatDifferOnlyInTheHighHalf()
    {
        final IpUsageTable table = new IpUsageTable(4, 4);
        table.add(0x2001_0db8_0000_0001L, 1, 5, 0, 1, 0, 5, 1);
        table.add(0x2001_0db8_0000_0002L, 1, 7, 0, 1, 0, 7, 1);
        table.add(0, 1, 11, 0, 1, 0, 11, 1); // ::1

        final Map<String, long[]> seen = collect(table);
        assertEquals(5, seen.get(key(0x2001_0db8_0000_0001L, 1))[0]);
        assertEquals(7, seen.get(key(0x2001_0db8_0000_0002L, 1))[0]);
        assertEquals(11, seen.get(key(0, 1))[0]);
    }

    @Test
    void shouldGrowByDoublingAndKeepEveryEntryAndTheFirstTouchedOrder()
    {
        final IpUsageTable table = new IpUsageTable(8, 10_000);
        final List<String> order = new ArrayList<>();
        table.add(0, 0, 1, 1, 1, 1, 1, 1); // the address :: has its own slot and must survive growth too
        order.add(key(0, 0));
        for (int i = 1; i <= 5_000; i++)
        {
            table.add(0, V4 | i, i, 2L * i, 1, 1, i, i);
            order.add(key(0, V4 | i));
        }
        for (int i = 1; i <= 5_000; i++)
        {
            table.add(0, V4 | i, i, 0, 1, 0, 0, 0);
        }

        assertEquals(16_384, table.capacity());
        assertEquals(5_001, table.size());
        final Map<String, long[]> seen = collect(table);
        assertEquals(order, new ArrayList<>(seen.keySet()));
        for (int i = 1; i <= 5_000; i++)
        {
            assertArrayEquals(new long[]{2L * i, 2L * i, 2, 1, i, i}, seen.get(key(0, V4 | i)));
        }
        assertArrayEquals(new long[]{1, 1, 1, 1, 1, 1}, seen.get(key(0, 0)));
        assertEquals(0, table.droppedRecords());
    }

    @Test
    void shouldAskForAFoldAtMaxEntriesThenRefuseNewAddressesAtThreeQuartersAndCountThem()
    {
        final IpUsageTable table = new IpUsageTable(8, 8);
        for (int i = 1; i <= 7; i++)
        {
            assertTrue(table.add(0, V4 | i, 1, 1, 1, 1, 1, 1));
        }
        assertFalse(table.needsFold());
        assertTrue(table.add(0, V4 | 8, 1, 1, 1, 1, 1, 1));
        assertTrue(table.needsFold());

        for (int i = 9; i <= 12; i++)
        {
            assertTrue(table.add(0, V4 | i, 1, 1, 1, 1, 1, 1), "room up to load 3/4");
        }
        assertFalse(table.add(0, V4 | 13, 100, 20, 1, 1, 1, 1));
        assertFalse(table.add(0, V4 | 14, 5, 0, 1, 1, 1, 1));
        assertEquals(2, table.droppedRecords());
        assertEquals(125, table.droppedBytes());

        assertTrue(table.add(0, V4 | 1, 1, 1, 1, 1, 1, 1), "a known address is still counted");
        assertTrue(table.add(0, 0, 1, 1, 1, 1, 1, 1), "so is ::, in its own slot");
        assertEquals(16, table.capacity());
        assertEquals(13, table.size());
        assertEquals(2, collect(table).get(key(0, V4 | 1))[0]);

        table.clear();
        assertTrue(table.add(0, V4 | 13, 1, 1, 1, 1, 1, 1));
        assertEquals(2, table.droppedRecords(), "drop counters survive a clear");
    }

    @Test
    void shouldClearOnlyWhatWasTouchedAndStartNewEntriesFromZero()
    {
        final IpUsageTable table = new IpUsageTable(64, 64);
        for (int i = 0; i < 40; i++)
        {
            table.add(0, V4 | i, 1_000, 1_000, 10, 10, 1_000, 5_000);
        }
        table.clear();
        assertEquals(0, table.size());
        assertEquals(0, collect(table).size());

        table.add(0, V4 | 3, 1, 2, 3, 4, 5, 6);
        table.add(0, 0, 1, 1, 1, 1, 1, 1);
        final Map<String, long[]> seen = collect(table);
        assertEquals(2, seen.size());
        assertArrayEquals(new long[]{1, 2, 3, 4, 5, 6}, seen.get(key(0, V4 | 3)));
    }

    @Test
    void shouldAddAsUnsigned64BitCountersAndKeepTheLatestTime()
    {
        final IpUsageTable table = new IpUsageTable(4, 4);
        table.add(0, V4 | 1, -1L, Long.MAX_VALUE, -1L, 0, -2L, 2_000); // 2^64-1, 2^63-1, ...
        table.add(0, V4 | 1, 2, 1, 1, 0, 5, 1_000);

        final long[] counters = collect(table).get(key(0, V4 | 1));
        assertEquals(1, counters[0], "(2^64 - 1) + 2 wraps to 1");
        assertEquals("9223372036854775808", Long.toUnsignedString(counters[1]), "2^63 - 1 + 1 is 2^63");
        assertEquals(0, counters[2]);
        assertEquals(3, counters[4]);
        assertEquals(2_000, counters[5], "an older record does not move last seen back");
    }

    @Test
    void shouldVisitExactlyTheAddressesTouchedSinceTheLastClearWithTheirSums()
    {
        final IpUsageTable table = new IpUsageTable(16, 100_000);
        final Random random = new Random(7);
        for (int tick = 0; tick < 5; tick++)
        {
            final Map<String, long[]> model = new LinkedHashMap<>();
            for (int i = 0; i < 20_000; i++)
            {
                final boolean v6 = random.nextInt(4) == 0;
                final long hi = v6 ? 0x2001_0db8_0000_0000L | random.nextInt(64) : 0;
                final long lo = v6 ? random.nextInt(4_000) : V4 | random.nextInt(12_000);
                final long in = random.nextInt(1_500);
                final long out = random.nextInt(1_500);
                final long time = random.nextInt(1_000_000);
                table.add(hi, lo, in, out, 1, 2, in / 2, time);
                final long[] m = model.computeIfAbsent(key(hi, lo), k -> new long[6]);
                m[0] += in;
                m[1] += out;
                m[2] += 1;
                m[3] += 2;
                m[4] += in / 2;
                m[5] = Math.max(m[5], time);
            }
            final Map<String, long[]> seen = collect(table);
            assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(seen.keySet()));
            for (final Map.Entry<String, long[]> e : model.entrySet())
            {
                assertArrayEquals(e.getValue(), seen.get(e.getKey()), e.getKey());
            }
            table.clear();
        }
    }

    @Test
    void shouldAllocateNothingPerRecord()
    {
        final IpUsageTable table = new IpUsageTable(100_000, 100_000);
        final long[] counted = new long[1];
        final IpUsageVisitor visitor = (hi, lo, in, out, pIn, pOut, rated, last) -> counted[0] += in;
        addTick(table, 0, visitor);
        table.clear();

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int tick = 1; tick <= 5; tick++)
        {
            addTick(table, tick, visitor);
            table.clear();
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 1_024, "allocated " + allocated + " bytes for 500,000 records");
        assertEquals(6 * 50_000L * 100, counted[0]);
    }

    @Test
    void shouldRejectBadSizes()
    {
        assertThrows(IllegalArgumentException.class, () -> new IpUsageTable(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new IpUsageTable(10, 5));
        assertThrows(IllegalArgumentException.class, () -> new IpUsageTable(10, IpUsageTable.MAX_ENTRIES + 1));
    }

    private static void addTick(final IpUsageTable table, final int tick, final IpUsageVisitor visitor)
    {
        for (int i = 0; i < 100_000; i++)
        {
            table.add(0, V4 | (i % 50_000) + tick, 50, 10, 1, 1, 50, i);
        }
        table.forEach(visitor);
    }

    static String key(final long hi, final long lo)
    {
        return Long.toHexString(hi) + ":" + Long.toHexString(lo);
    }

    /** Everything the visitor reports, in visiting order: key to {in, out, packets in, packets out, rated, last}. */
    static Map<String, long[]> collect(final IpUsageTable table)
    {
        final Map<String, long[]> seen = new LinkedHashMap<>();
        table.forEach((hi, lo, in, out, pIn, pOut, rated, last) ->
        {
            final long[] previous = seen.put(key(hi, lo), new long[]{in, out, pIn, pOut, rated, last});
            assertEquals(null, previous, "visited twice: " + key(hi, lo));
        });
        return seen;
    }
}
