package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class UserUsageTableTest
{
    @Test
    void shouldKeepCollidingUsersApartIncludingAcrossTheTableEnd()
    {
        final UserUsageTable table = new UserUsageTable(8, 8);
        final List<Long> colliding = new ArrayList<>();
        for (long id = 1; colliding.size() < 6; id++)
        {
            if (UserUsageTable.hash(id, 64 - 4) == 15)
            {
                colliding.add(id);
            }
        }
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < colliding.size(); i++)
            {
                assertTrue(table.add(colliding.get(i), i + 1, 0, 1, 0, 2L * (i + 1), 9));
            }
        }

        final Map<Long, long[]> seen = collect(table);
        assertEquals(colliding, new ArrayList<>(seen.keySet()));
        for (int i = 0; i < colliding.size(); i++)
        {
            assertArrayEquals(new long[]{2L * (i + 1), 0, 2, 0, 4L * (i + 1), 9}, seen.get(colliding.get(i)));
        }
    }

    @Test
    void shouldGrowKeepUserZeroAndRefuseNewUsersOnlyWhenFull()
    {
        final UserUsageTable table = new UserUsageTable(2, 100);
        table.add(0, 7, 7, 1, 1, 7, 7);
        for (long id = 1; id <= 100; id++)
        {
            assertTrue(table.add(id, id, 0, 1, 0, id, id));
        }
        assertEquals(256, table.capacity());
        assertTrue(table.needsFold());
        assertEquals(7, collect(table).get(0L)[0]);

        for (long id = 101; id <= 191; id++)
        {
            assertTrue(table.add(id, 1, 0, 1, 0, 1, 1));
        }
        assertFalse(table.add(192, 40, 2, 1, 0, 1, 1), "load 3/4 of the largest capacity reached");
        assertEquals(1, table.droppedRecords());
        assertEquals(42, table.droppedBytes());
        assertTrue(table.add(50, 1, 0, 1, 0, 1, 1));
        assertEquals(51, collect(table).get(50L)[0]);
    }

    @Test
    void shouldAddAsUnsigned64BitCounters()
    {
        final UserUsageTable table = new UserUsageTable(4, 4);
        table.add(42, -1L, 0, 0, 0, -1L, 10);
        table.add(42, 1, 0, 0, 0, 3, 5);
        final long[] counters = collect(table).get(42L);
        assertEquals(0, counters[0]);
        assertEquals(2, counters[4]);
        assertEquals(10, counters[5]);
    }

    @Test
    void shouldVisitExactlyTheUsersTouchedSinceTheLastClear()
    {
        final UserUsageTable table = new UserUsageTable(4, 50_000);
        final Random random = new Random(11);
        for (int tick = 0; tick < 4; tick++)
        {
            final Map<Long, long[]> model = new LinkedHashMap<>();
            for (int i = 0; i < 10_000; i++)
            {
                final long id = random.nextInt(3_000);
                final long in = random.nextInt(10_000);
                table.add(id, in, 1, 1, 1, in, i);
                final long[] m = model.computeIfAbsent(id, k -> new long[6]);
                m[0] += in;
                m[1] += 1;
                m[2] += 1;
                m[3] += 1;
                m[4] += in;
                m[5] = i;
            }
            final Map<Long, long[]> seen = collect(table);
            assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(seen.keySet()));
            for (final Map.Entry<Long, long[]> e : model.entrySet())
            {
                assertArrayEquals(e.getValue(), seen.get(e.getKey()));
            }
            table.clear();
            assertEquals(0, collect(table).size());
        }
    }

    @Test
    void shouldAllocateNothingPerRecord()
    {
        final UserUsageTable table = new UserUsageTable(10_000, 10_000);
        for (int i = 0; i < 100_000; i++)
        {
            table.add(i % 10_000, 1, 1, 1, 1, 1, i);
        }
        table.clear();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 500_000; i++)
        {
            table.add(i % 10_000, 1, 1, 1, 1, 1, i);
        }
        table.clear();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_024, "allocated " + allocated + " bytes for 500,000 records");
    }

    private static Map<Long, long[]> collect(final UserUsageTable table)
    {
        final Map<Long, long[]> seen = new LinkedHashMap<>();
        table.forEach((id, in, out, pIn, pOut, rated, last) ->
            assertEquals(null, seen.put(id, new long[]{in, out, pIn, pOut, rated, last}), "visited twice: " + id));
        return seen;
    }
}
