package org.jet.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;

class SessionIndexTest
{
    @Test
    void shouldFindManyRowsAtOnceAsOneAtATimeWhenTheyShareAHomeSlot()
    {
        final SessionIndex index = new SessionIndex(16);
        final int mask = index.capacity() - 1;
        // Six addresses with the same home slot: four held (three of them past their home), two absent.
        final List<Long> sharing = new ArrayList<>();
        for (int i = 0; sharing.size() < 6; i++)
        {
            final long lo = IpAddress.mappedLo(0x0a000000 + i);
            if ((SessionIndex.hash(0, lo) & mask) == 7)
            {
                sharing.add(lo);
            }
        }
        for (int i = 0; i < 4; i++)
        {
            put(index, sharing.get(i), i + 1);
        }
        final int count = sharing.size() + 2;
        final long[] los = new long[count];
        for (int k = 0; k < sharing.size(); k++)
        {
            los[k] = sharing.get(k);
        }
        los[6] = IpAddress.mappedLo(0x0b000001);
        los[7] = IpAddress.mappedLo(0x0b000002);
        final int[] rows = rowsOf(index, los);

        final Set<Integer> distinct = new HashSet<>();
        for (int k = 0; k < count; k++)
        {
            assertEquals(index.rowOf(0, los[k]), rows[k], "address " + k);
            if (k < 4)
            {
                assertTrue(distinct.add(rows[k]), "a row of its own: address " + k);
                assertEquals(k + 1, index.userAt(rows[k], 10), "address " + k);
            }
            else
            {
                assertEquals(-1, rows[k], "absent: address " + k);
            }
        }
    }

    @Test
    void shouldFindRowsOfBatchesLargerThanAnyBefore()
    {
        final SessionIndex index = new SessionIndex(16);
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++)
        {
            put(index, IpAddress.mappedLo(0x0a000000 + i), i + 1);
        }
        for (int batch = 1; batch <= 1_024; batch *= 4)
        {
            final long[] los = new long[batch];
            for (int k = 0; k < batch; k++)
            {
                // About half held, half not.
                los[k] = IpAddress.mappedLo(0x0a000000 + random.nextInt(10_000));
            }
            final int[] rows = rowsOf(index, los);
            for (int k = 0; k < batch; k++)
            {
                assertEquals(index.rowOf(0, los[k]), rows[k], "address " + k + " of a batch of " + batch);
                if (rows[k] >= 0)
                {
                    assertNotEquals(SessionTable.NO_USER, index.userAt(rows[k], 10));
                }
            }
        }
    }

    private static int[] rowsOf(final SessionIndex index, final long[] los)
    {
        final int[] hashes = new int[los.length];
        for (int k = 0; k < los.length; k++)
        {
            hashes[k] = SessionIndex.hash(0, los[k]);
        }
        final int[] rows = new int[los.length];
        index.rowsOf(los.length, hashes, new long[los.length], los, rows);
        return rows;
    }

    private static void put(final SessionIndex index, final long lo, final long userId)
    {
        final SessionChange start = new SessionChange(SessionChange.Kind.START, "u" + userId, 0, lo, 128, 0,
            "s" + userId, "radius:bras");
        index.put(0, lo, List.of(new Session(start, userId)));
    }
}
