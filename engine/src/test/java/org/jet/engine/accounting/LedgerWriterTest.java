package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;

import org.jet.engine.config.AccountingConfig;
import org.jet.engine.directory.Directory;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerWriterTest
{
    private static final long HOUR = 3_600_000L;
    /** Long enough that the address table's later slices are surely still waiting when the users' batch is done. */
    private static final long SPREAD_MS = 60_000;

    @TempDir
    Path dataDir;

    /**
     * A table of addresses is spread over time, a slice at a time; users' batches (what quotas act on) are written
     * at once in between; and a stopping writer writes what is left without waiting.
     */
    @Test
    void shouldSpreadAddressSlicesWriteUsersBetweenAndFinishEverythingWhenClosed() throws Exception
    {
        final long now = System.currentTimeMillis();
        final long hour = now / HOUR;
        final AccountingConfig config = new AccountingConfig(null, null, "UTC", null, null, null, null, null, null,
            null, null, null, null, null, null);
        final TrafficClasses classes = new TrafficClasses(config);
        final int addressRows = 2 * LedgerWriter.ADDRESS_SLICE_ROWS + 100;
        try (JetStore store = JetStore.open(dataDir))
        {
            final Path liveDir = dataDir.resolve("live");
            final LiveCounters live = new LiveCounters(liveDir, 100_000, 1_000);
            final Ledger ledger = new Ledger(store, classes.names());
            final LiveFolder folder = new LiveFolder(live, liveDir, classes, ZoneOffset.UTC);
            folder.reconcile(ledger, now);
            final Directory directory = Directory.open(store, AuditLog.open(store));
            final LedgerWriter writer = new LedgerWriter(ledger, folder, directory, addressRows, 16, SPREAD_MS, 0);
            writer.start();

            final UsageRows addresses = new UsageRows(addressRows);
            for (int i = 0; i < addressRows; i++)
            {
                addresses.add(0, 0x0000_ffff_0a00_0000L + i, UsageRows.meta(UsageRows.IP, hour, 1), 10, 0, 1, 0);
            }
            final UsageRows users = new UsageRows(16);
            users.add(0, 7, UsageRows.meta(UsageRows.USER, hour, 1), 300, 0, 3, 0);
            assertTrue(writer.handOver(LedgerWriter.Kind.ADDRESSES, addresses) != null);
            assertTrue(writer.handOver(LedgerWriter.Kind.USERS, users) != null);

            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (ledger.read(UsageRows.USER, hour * HOUR, (hour + 1) * HOUR).isEmpty())
            {
                assertTrue(System.nanoTime() < deadline, "the users' batch was never written");
                Thread.sleep(10);
            }
            // Unpaced, the other slices would follow within milliseconds; paced, the next is 20 s away.
            Thread.sleep(500);
            final int addressesWritten = ledger.read(UsageRows.IP, hour * HOUR, (hour + 1) * HOUR).size();
            assertEquals(LedgerWriter.ADDRESS_SLICE_ROWS, addressesWritten,
                "one slice written, the users' batch at once, the other slices spread over time");

            writer.close();
            assertEquals(addressRows, ledger.read(UsageRows.IP, hour * HOUR, (hour + 1) * HOUR).size(),
                "a stopping writer writes the rest at once");
            assertEquals(300 + 10L * addressRows, live.user(7).bytesIn() + sumOfAddresses(live),
                "every row folded into the live counters once");
            live.close();
        }
    }

    private static long sumOfAddresses(final LiveCounters live)
    {
        final long[] sum = new long[1];
        live.forEachIp((hi, lo, in, out, pIn, pOut, rated, last) -> sum[0] += in);
        return sum[0];
    }
}
