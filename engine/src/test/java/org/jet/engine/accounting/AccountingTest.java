package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jet.collector.record.FlowRecord;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.directory.Directory;
import org.jet.engine.ingest.FlowEvent;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingTest
{
    private static final String ADVICE = "raise accounting.expected_addresses (now 1000)";

    @TempDir
    Path dataDir;

    /**
     * A minute's table of addresses is sized from {@code expected_addresses} (two rows each); one that had to double
     * under load paused the flows, and the operator is told once per size how to avoid it.
     */
    @Test
    void shouldTellOnceWhenAMinutesTableOfAddressesOutgrewItsSizing() throws Exception
    {
        final AccountingConfig config = new AccountingConfig(null, null, "UTC", null, null, 100, null, null, null,
            null, null, 1_000L, 1_000L, 1, 0);
        final PrintStream err = System.err;
        final ByteArrayOutputStream told = new ByteArrayOutputStream();
        try (JetStore store = JetStore.open(dataDir))
        {
            final Path liveDir = dataDir.resolve("live");
            final LiveCounters live = new LiveCounters(liveDir, 100_000, 1_000);
            final Accounting accounting = new Accounting(config, store, Directory.open(store, AuditLog.open(store)),
                (reader, exporter) -> null, live, liveDir);
            accounting.start();
            System.setErr(new PrintStream(told, true, StandardCharsets.UTF_8));
            long now = System.currentTimeMillis();
            // One table after another: 1,900 addresses fit the 2,000 rows sized for; 3,000 do not, and the next table
            // (the ledger's spare, sized the same) outgrows it the same way, to the size already told.
            for (final int addresses : new int[]{1_900, 3_000, 3_000})
            {
                countOneFlowEach(accounting, addresses, now);
                // Tick until the table went to the ledger's thread and was written (it hands over only when the
                // ledger's thread has given its spare table back).
                final long written = accounting.ledgerBatches();
                final long deadline = System.nanoTime() + 30_000_000_000L;
                while (accounting.ledgerBatches() == written)
                {
                    assertTrue(System.nanoTime() < deadline, "the table of addresses was never written");
                    now += 200;
                    accounting.maybeTick(now);
                    Thread.sleep(5);
                }
            }
            accounting.flush();
            live.close();
        }
        finally
        {
            System.setErr(err);
        }
        final String log = told.toString(StandardCharsets.UTF_8);
        assertEquals(1, occurrences(log, ADVICE), log);
    }

    private static int occurrences(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length()))
        {
            count++;
        }
        return count;
    }

    private static void countOneFlowEach(final Accounting accounting, final int addresses, final long nowMs)
    {
        final FlowRecord record = new FlowRecord();
        final FlowEvent event = new FlowEvent();
        for (int i = 0; i < addresses; i++)
        {
            record.clear();
            record.version(9);
            record.srcAddrV4(0xc612_0001);
            record.dstAddrV4(0x0a01_0000 + i); // 10.1.0.0/16: internal by default, no session
            record.protocol(6);
            record.bytes(1_000);
            record.packets(1);
            record.endMs(nowMs - 1_000);
            record.startMs(nowMs - 2_000);
            event.setFlow(record, 0, 0, 0);
            accounting.onFlow(event, nowMs);
        }
    }
}
