package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UsageDeltasTest
{
    @Test
    void shouldKeepAddressesAndUsersApartAndClearBoth()
    {
        final UsageDeltas deltas = new UsageDeltas(16, 64, 4, 16);
        assertTrue(deltas.isEmpty());
        deltas.addIp(0, 0x0000_ffff_0a00_0001L, 100, 10, 2, 1, 100, 1_000);
        deltas.addIp(0, 0x0000_ffff_0a00_0001L, 50, 5, 1, 1, 25, 2_000);
        deltas.addUser(7, 150, 15, 3, 2, 125, 2_000);

        final List<String> seen = new ArrayList<>();
        deltas.forEachIp((hi, lo, in, out, pIn, pOut, rated, last) ->
            seen.add("ip " + Long.toHexString(lo) + " " + in + " " + out + " " + pIn + " " + pOut + " " + rated + " " +
                last));
        deltas.forEachUser((id, in, out, pIn, pOut, rated, last) ->
            seen.add("user " + id + " " + in + " " + out + " " + pIn + " " + pOut + " " + rated + " " + last));
        assertEquals(List.of("ip ffff0a000001 150 15 3 2 125 2000", "user 7 150 15 3 2 125 2000"), seen);

        deltas.clear();
        assertTrue(deltas.isEmpty());
        deltas.forEachIp((hi, lo, in, out, pIn, pOut, rated, last) -> seen.add("ip after clear"));
        deltas.forEachUser((id, in, out, pIn, pOut, rated, last) -> seen.add("user after clear"));
        assertEquals(2, seen.size());
    }

    @Test
    void shouldAskForAFoldWhenEitherTableReachesItsMaximum()
    {
        final UsageDeltas deltas = new UsageDeltas(4, 4, 2, 2);
        deltas.addUser(1, 1, 1, 1, 1, 1, 1);
        assertFalse(deltas.needsFold());
        deltas.addUser(2, 1, 1, 1, 1, 1, 1);
        assertTrue(deltas.needsFold());
        deltas.clear();
        assertFalse(deltas.needsFold());

        for (int i = 1; i <= 4; i++)
        {
            deltas.addIp(0, 0x0000_ffff_0000_0000L | i, 1, 1, 1, 1, 1, 1);
        }
        assertTrue(deltas.needsFold());
        assertEquals(4, deltas.ips().size());
        assertEquals(0, deltas.users().size());
    }
}
