package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.ZoneOffset;

import org.jet.engine.config.AccountingConfig;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveFolderTest
{
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dataDir;

    @Test
    void shouldRebuildTheLiveCountersFromTheLedgerWhenAFoldWasLost() throws Exception
    {
        final long now = System.currentTimeMillis();
        final AccountingConfig config = new AccountingConfig(null, null, "UTC", null, null, null, null, null, null,
            null, null, null, null, null, null);
        final TrafficClasses classes = new TrafficClasses(config);
        final Path liveDir = dataDir.resolve("live");
        final UsageRows rows = new UsageRows(16);
        rows.add(0, 7, UsageRows.meta(UsageRows.USER, now / HOUR, TrafficClasses.INTERNET), 100, 10, 1, 1);
        rows.add(0, 7, UsageRows.meta(UsageRows.USER, now / HOUR, TrafficClasses.ON_NET), 50, 0, 1, 0);

        try (JetStore store = JetStore.open(dataDir))
        {
            final LiveCounters live = new LiveCounters(liveDir, 1_000, 1_000);
            final Ledger ledger = new Ledger(store, classes.names());
            final LiveFolder folder = new LiveFolder(live, liveDir, classes, ZoneOffset.UTC);
            folder.reconcile(ledger, now);
            ledger.write(rows, user -> new long[0], batch -> { });
            folder.fold(rows, ledger.checkpoint(), now);
            ledger.write(rows, user -> new long[0], batch -> { }); // the process dies before this one is folded
            assertEquals(150, live.user(7).bytesIn());
            live.close();
        }

        try (JetStore store = JetStore.open(dataDir))
        {
            final LiveCounters live = new LiveCounters(liveDir, 1_000, 1_000);
            final Ledger ledger = new Ledger(store, classes.names());
            new LiveFolder(live, liveDir, classes, ZoneOffset.UTC).reconcile(ledger, now);
            assertEquals(300, live.user(7).bytesIn(), "rebuilt from the ledger: both batches, once each");
            assertEquals(220, live.user(7).ratedBytes(), "on-net is free by default; both directions count");
            live.close();
        }

        try (JetStore store = JetStore.open(dataDir))
        {
            final LiveCounters live = new LiveCounters(liveDir, 1_000, 1_000);
            final LiveFolder folder = new LiveFolder(live, liveDir, classes, ZoneOffset.UTC);
            folder.reconcile(new Ledger(store, classes.names()), now);
            assertEquals(300, live.user(7).bytesIn(), "in step: kept as is");
            folder.fold(rows, 3, now + 62L * 24 * HOUR);
            assertEquals(0, live.user(7) == null ? 0 : live.user(7).bytesIn(),
                "a new month starts at zero; rows of the last one stay in the ledger only");
            live.close();
        }
    }
}
