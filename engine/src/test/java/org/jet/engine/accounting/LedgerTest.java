package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.jet.collector.record.IpAddress;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest
{
    private static final long HOUR = 3_600_000L;
    private static final long T = 1_790_000_000_000L / HOUR * HOUR;

    @TempDir
    Path dataDir;

    @Test
    void shouldSumWritesByMergeAndReadThemBackByRange()
    {
        final UsageRows rows = new UsageRows(16);
        final long ip = IpAddress.mappedLo(0x0a000001);
        try (JetStore store = JetStore.open(dataDir))
        {
            final Ledger ledger = new Ledger(store, List.of("on-net", "internet"));
            rows.add(0, ip, UsageRows.meta(UsageRows.IP, T / HOUR, 1), 100, 10, 1, 1);
            rows.add(0, 7, UsageRows.meta(UsageRows.USER, T / HOUR, 1), 100, 10, 1, 1);
            ledger.write(rows, user -> new long[]{3, 4}, batch -> { });
            ledger.write(rows, user -> new long[]{3, 4}, batch -> { });
            rows.clear();
            rows.add(0, 7, UsageRows.meta(UsageRows.USER, T / HOUR + 1, 0), 5, 0, 1, 0);
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            assertEquals(3, ledger.checkpoint());

            assertEquals(List.of(new Ledger.Row(0, 7, "internet", 200, 20, 2, 2)),
                ledger.read(UsageRows.USER, T, T + HOUR));
            assertEquals(List.of(new Ledger.Row(0, 7, "internet", 200, 20, 2, 2),
                new Ledger.Row(0, 7, "on-net", 5, 0, 1, 0)), ledger.read(UsageRows.USER, T, T + 2 * HOUR));
            assertEquals(List.of(new Ledger.Row(0, ip, "internet", 200, 20, 2, 2)),
                ledger.read(UsageRows.IP, T - HOUR, T + 5 * HOUR));
            assertEquals(List.of(new Ledger.Row(0, 3, "internet", 200, 20, 2, 2),
                new Ledger.Row(0, 3, "on-net", 5, 0, 1, 0),
                new Ledger.Row(0, 4, "internet", 200, 20, 2, 2)), ledger.read(UsageRows.COST_CENTRE, T, T + 2 * HOUR));
        }
        try (JetStore store = JetStore.open(dataDir))
        {
            final Ledger ledger = new Ledger(store, List.of("on-net", "internet", "mirror"));
            assertEquals(3, ledger.checkpoint(), "the checkpoint is stored with the usage");
            assertEquals(1, ledger.read(UsageRows.IP, T, T + HOUR).size());
        }
        try (JetStore store = JetStore.open(dataDir))
        {
            final Ledger ledger = new Ledger(store, List.of("mirror", "internet", "on-net"));
            assertEquals("internet", ledger.read(UsageRows.IP, T, T + HOUR).get(0).trafficClass(),
                "classes keep their stored numbers when the config reorders them");
        }
    }

    @Test
    void shouldKeepUsersTotalsRightAcrossRestartsRefusedBatchesAndRowsMergedByEarlierVersions() throws Exception
    {
        final long hour = System.currentTimeMillis() / HOUR;
        final long userMeta = UsageRows.meta(UsageRows.USER, hour, 1);
        final UsageRows rows = new UsageRows(16);
        rows.add(0, 7, userMeta, 100, 10, 2, 1);
        try (JetStore store = JetStore.open(dataDir))
        {
            // A user's row as an earlier version merged it, one key per counter: still counted with the totals.
            final Ledger ledger = new Ledger(store, List.of("on-net", "internet"));
            final byte[] merged = java.nio.ByteBuffer.allocate(24).put((byte)UsageRows.USER).putInt((int)hour)
                .putShort((short)1).putLong(0).putLong(7).put((byte)Ledger.BYTES_IN).array();
            store.db().merge(store.cf(org.jet.engine.store.Family.USAGE), merged,
                org.jet.engine.store.Bytes.uint64LittleEndian(1_000));
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            assertThrows(IllegalStateException.class, () -> ledger.write(rows, user -> new long[]{3}, batch ->
            {
                throw new IllegalStateException("refused");
            }));
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            assertEquals(List.of(new Ledger.Row(0, 7, "internet", 1_300, 30, 6, 3)),
                ledger.read(UsageRows.USER, hour * HOUR, (hour + 1) * HOUR), "a refused batch adds nothing");
        }
        try (JetStore store = JetStore.open(dataDir))
        {
            // Reopened in the same hour: the totals go on from what is stored.
            final Ledger ledger = new Ledger(store, List.of("on-net", "internet"));
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            rows.clear();
            rows.add(0, 7, UsageRows.meta(UsageRows.USER, hour + 1, 1), 5, 5, 1, 1);
            rows.add(0, 7, UsageRows.meta(UsageRows.USER, hour + 2, 1), 5, 5, 1, 1);
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            rows.clear();
            // A late flow for an hour the totals no longer hold (only the last two are kept): read back first.
            rows.add(0, 7, userMeta, 100, 10, 2, 1);
            rows.add(0, 7, UsageRows.meta(UsageRows.USER, hour + 2, 1), 5, 5, 1, 1);
            ledger.write(rows, user -> new long[]{3}, batch -> { });
            assertEquals(List.of(new Ledger.Row(0, 7, "internet", 1_500, 50, 10, 5)),
                ledger.read(UsageRows.USER, hour * HOUR, (hour + 1) * HOUR));
            assertEquals(List.of(new Ledger.Row(0, 7, "internet", 1_515, 65, 13, 8)),
                ledger.read(UsageRows.USER, hour * HOUR, (hour + 3) * HOUR));
            assertEquals(List.of(new Ledger.Row(0, 3, "internet", 515, 65, 13, 8)),
                ledger.read(UsageRows.COST_CENTRE, hour * HOUR, (hour + 3) * HOUR),
                "the cost centre's totals likewise (without the merged row, which was the user's only)");
        }
    }
}
