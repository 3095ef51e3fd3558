package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class UsageRowsTest
{
    private static final long HOUR = 490_000;

    @Test
    void shouldSumRowsByKeyThroughGrowthAndVisitThemInFirstTouchedOrder()
    {
        final UsageRows rows = new UsageRows(16);
        final Map<List<Long>, long[]> expected = new LinkedHashMap<>();
        final SplittableRandom random = new SplittableRandom(7);
        // As the engine counts: hashes taken (and home slots touched) for a batch of keys, then the adds, during
        // which the table grows; a hash taken before the growth must still find the key's row after it.
        final int batch = 64;
        final long[][] keys = new long[batch][];
        final int[] hashes = new int[batch];
        final long[] ids = new long[batch];
        final long[] metas = new long[batch];
        for (int n = 0; n < 50_000; n += batch)
        {
            for (int k = 0; k < batch; k++)
            {
                // Keys that differ only in one part: the address's high half, the kind, the hour or the class.
                final long hi = random.nextInt(3);
                final long lo = random.nextInt(2_000);
                final long meta = UsageRows.meta(1 + random.nextInt(2), HOUR + random.nextInt(2), random.nextInt(3));
                keys[k] = new long[]{hi, lo, meta, random.nextInt(1_000_000)};
                hashes[k] = UsageRows.hash(hi, lo, meta);
                ids[k] = lo;
                metas[k] = meta;
            }
            rows.touchIdRows(batch, hashes, ids, metas);
            for (int k = 0; k < batch; k++)
            {
                final long hi = keys[k][0];
                final long lo = keys[k][1];
                final long meta = keys[k][2];
                final long in = keys[k][3];
                if ((k & 1) == 0)
                {
                    rows.add(hashes[k], hi, lo, meta, in, 2 * in, 3, 4);
                }
                else
                {
                    rows.add(hi, lo, meta, in, 2 * in, 3, 4);
                }
                final long[] sum = expected.computeIfAbsent(List.of(hi, lo, meta), key -> new long[4]);
                sum[0] += in;
                sum[1] += 2 * in;
                sum[2] += 3;
                sum[3] += 4;
            }
        }

        assertEquals(expected.size(), rows.size());
        final List<List<Long>> order = new ArrayList<>();
        final Map<List<Long>, long[]> actual = new HashMap<>();
        rows.forEach((hi, lo, meta, in, out, pin, pout) ->
        {
            order.add(List.of(hi, lo, meta));
            actual.put(List.of(hi, lo, meta), new long[]{in, out, pin, pout});
        });
        assertEquals(new ArrayList<>(expected.keySet()), order);
        expected.forEach((key, sum) -> assertEquals(List.of(sum[0], sum[1], sum[2], sum[3]),
            List.of(actual.get(key)[0], actual.get(key)[1], actual.get(key)[2], actual.get(key)[3]), key.toString()));
    }

    @Test
    void shouldGiveASubjectsRowsOfConsecutiveHoursHomesOnOneAlignedPairOfSlots()
    {
        // HOUR begins an eight-hour stretch; a table of 2^20 slots keeps 20 bits of the hash.
        for (long hour = HOUR; hour < HOUR + 7; hour++)
        {
            final int home = UsageRows.hash(0, 42, UsageRows.meta(UsageRows.USER, hour, 1)) & 0xf_ffff;
            final int next = UsageRows.hash(0, 42, UsageRows.meta(UsageRows.USER, hour + 1, 1)) & 0xf_ffff;
            assertEquals(1, home ^ next, "hours " + hour + " and " + (hour + 1));
        }
        // Another stretch, class or subject: homes anywhere.
        final int home = UsageRows.hash(0, 42, UsageRows.meta(UsageRows.USER, HOUR, 1)) >>> 1;
        assertNotEquals(home, UsageRows.hash(0, 42, UsageRows.meta(UsageRows.USER, HOUR + 8, 1)) >>> 1);
        assertNotEquals(home, UsageRows.hash(0, 42, UsageRows.meta(UsageRows.USER, HOUR, 2)) >>> 1);
        assertNotEquals(home, UsageRows.hash(0, 43, UsageRows.meta(UsageRows.USER, HOUR, 1)) >>> 1);
    }

    @Test
    void shouldSpreadOneHoursRowsOverEverySlotNotOnlyThoseOfItsParity()
    {
        // Rows of one hour (most of the time, all a table holds) must find homes in odd and even slots alike, or
        // half the slots would be homes to none and probes would run twice as long.
        int odd = 0;
        for (long user = 1; user <= 10_000; user++)
        {
            odd += UsageRows.hash(0, user, UsageRows.meta(UsageRows.USER, HOUR + 1, 1)) & 1;
        }
        assertEquals(5_000, odd, 300);
    }

    @Test
    void shouldKeepEveryHourOfASubjectApartWhenLateFlowsBringMany()
    {
        // Two days of hours of a few subjects (late flows), sharing homes by stretch: each row still its own.
        final UsageRows rows = new UsageRows(16);
        for (int round = 0; round < 3; round++)
        {
            for (long user = 1; user <= 50; user++)
            {
                for (long hour = HOUR - 24; hour < HOUR + 24; hour++)
                {
                    rows.add(0, user, UsageRows.meta(UsageRows.USER, hour, 1), user, hour, 1, 2);
                }
            }
        }

        assertEquals(50 * 48, rows.size());
        rows.forEach((hi, lo, meta, in, out, pin, pout) ->
            assertEquals(List.of(3 * lo, 3 * UsageRows.hourOf(meta), 3L, 6L), List.of(in, out, pin, pout)));
    }

    @Test
    void shouldStartAgainFromNothingAfterAClear()
    {
        final UsageRows rows = new UsageRows(16);
        final long meta = UsageRows.meta(UsageRows.USER, HOUR, 1);
        for (int user = 0; user < 1_000; user++)
        {
            rows.add(0, user, meta, 10, 0, 1, 0);
        }
        rows.clear();
        rows.add(0, 5, meta, 7, 0, 1, 0);
        rows.add(0, 5, meta, 1, 0, 1, 0);

        final List<long[]> seen = new ArrayList<>();
        rows.forEach((hi, lo, m, in, out, pin, pout) -> seen.add(new long[]{lo, in, pin}));
        assertEquals(1, rows.size());
        assertEquals(List.of(5L, 8L, 2L), List.of(seen.get(0)[0], seen.get(0)[1], seen.get(0)[2]));
    }

    @Test
    void shouldWrapCountersAsUnsigned64Bit()
    {
        final UsageRows rows = new UsageRows(16);
        final long meta = UsageRows.meta(UsageRows.IP, HOUR, 0);
        rows.add(0, 1, meta, -1, 0, 0, 0); // 2^64 - 1 as unsigned
        rows.add(0, 1, meta, 2, 0, 0, 0);

        final long[] in = new long[1];
        rows.forEach((hi, lo, m, bytesIn, out, pin, pout) -> in[0] = bytesIn);
        assertEquals(1, in[0]);
    }
}
