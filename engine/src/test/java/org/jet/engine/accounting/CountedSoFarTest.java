package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CountedSoFarTest
{
    @Test
    void shouldGrowKeepEveryFlowAndExpireIdleAndEndedOnes()
    {
        final CountedSoFar table = new CountedSoFar(10_000);
        for (long i = 1; i <= 10_000; i++)
        {
            assertTrue(table.find(i, i * 31, 1_000));
            table.set(i, 2 * i, 3 * i, 4 * i);
        }
        for (long i = 1; i <= 10_000; i++)
        {
            assertTrue(table.find(i, i * 31, 2_000));
            assertEquals(i, table.forward(), "flow " + i + " kept its counts through the growth");
            assertEquals(4 * i, table.reversePackets());
            if (i % 2 == 0)
            {
                table.end();
            }
        }
        assertEquals(10_000, table.size());
        table.expire(2_500, 1_000);
        assertEquals(5_000, table.size(), "ended flows are forgotten");
        table.expire(10_000, 1_000);
        assertEquals(0, table.size(), "idle flows are forgotten");
    }

    @Test
    void shouldCountOverflowsWhenFull()
    {
        final CountedSoFar table = new CountedSoFar(1_024);
        int refused = 0;
        for (long i = 1; i <= 3_000; i++)
        {
            if (!table.find(i, i * 17, 0))
            {
                refused++;
            }
        }
        assertEquals(3_000 - 1_024, refused);
        assertEquals(refused, table.overflows());
        assertFalse(table.find(99_999, 1, 0));
    }
}
