package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
