package org.jet.engine.accounting;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import java.util.function.Consumer;

import org.jet.engine.directory.Directory;
import org.jet.engine.os.Niceness;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's own thread: writes the batches of usage the engine hands over (one atomic, synced RocksDB batch
 * each), then folds them into the live counters, then hands the emptied table back. Writing a million rows takes
 * seconds; on the engine thread it would stop the flows, here it only makes the next batch bigger.
 *
 * <p>Two tables of each kind (addresses, users) go back and forth: the engine counts into one while this thread
 * writes the other. When the engine
 * has a batch ready and this thread is still writing, the engine keeps counting into the batch it has (nothing
 * waits, nothing is lost; the batch covers more ticks). A batch the store refuses is kept and tried again every
 * second, while the engine keeps counting into the next one.
 *
 * <p>A table of addresses is written in slices of {@value #ADDRESS_SLICE_ROWS} rows, each its own atomic batch with
 * its checkpoint, with users' tables written between slices: per-address usage is history, users' usage is what
 * quotas act on, and a minute of a million addresses would otherwise hold users' usage back for seconds. The
 * slices are spread over most of the addresses' cadence, so that writing them is a steady load, not a burst.
 */
final class LedgerWriter implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    private static final long RETRY_MS = 1_000;
    /** How long the thread waits for a batch when it has nothing else to do (quota periods are checked between). */
    private static final long IDLE_POLL_MS = 100;
    /** Rows of addresses written in one batch at most: tens of milliseconds of writing. */
    static final int ADDRESS_SLICE_ROWS = 1 << 14;
    private static final Consumer<WriteBatch> NOTHING_ELSE = batch -> { };

    /** Which table a batch is: they come at different cadences and each goes back to its own slot. */
    enum Kind
    {
        ADDRESSES, USERS
    }

    private record Batch(Kind kind, UsageRows rows)
    {
    }

    private final Ledger ledger;
    private final long addressSpreadMs;
    private final LiveFolder liveFolder;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(Kind.values().length);
    private final List<BlockingQueue<UsageRows>> empty = List.of(new ArrayBlockingQueue<>(1),
        new ArrayBlockingQueue<>(1));
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long ledgerFailures;
    private volatile long liveFailures;
    private volatile long batches;
    private volatile long lastBatchRows;
    private volatile long lastBatchMs;
    private volatile UsageDebits debits = UsageDebits.NONE;
    private final CostCentreChains costCentreChains;
    private final int nice;
    private long nextLedgerErrorLogMs;
    private long nextLiveErrorLogMs;

    /**
     * @param addressSpreadMs a table of addresses is written a slice at a time over about this long (0: at once).
     * @param nice            how much nicer than Jet's other threads this one runs (0: as nice as they are).
     */
    LedgerWriter(final Ledger ledger, final LiveFolder liveFolder, final Directory directory,
        final int addressRowsExpected, final int userRowsExpected, final long addressSpreadMs, final int nice)
    {
        this.addressSpreadMs = addressSpreadMs;
        this.nice = nice;
        this.ledger = ledger;
        this.liveFolder = liveFolder;
        this.costCentreChains = new CostCentreChains(directory);
        empty.get(Kind.ADDRESSES.ordinal()).add(new UsageRows(addressRowsExpected));
        empty.get(Kind.USERS.ordinal()).add(new UsageRows(userRowsExpected));
        thread = new Thread(this, "jet-ledger");
        thread.setDaemon(true);
    }

    void debits(final UsageDebits debits)
    {
        this.debits = debits;
    }

    void start()
    {
        thread.start();
    }

    /**
     * Engine thread: hands over a batch when this thread is free.
     *
     * @return the empty table to count into next, or null when this thread is still writing (keep counting into
     *         {@code rows}).
     */
    UsageRows handOver(final Kind kind, final UsageRows rows)
    {
        final UsageRows next = empty.get(kind.ordinal()).poll();
        if (next != null)
        {
            full.add(new Batch(kind, rows));
        }
        return next;
    }

    @Override
    public void run()
    {
        lowerPriority();
        // A table of addresses is written a slice at a time, users' tables in between: a minute of a million
        // addresses takes seconds to write, and users' usage (what quotas act on) must not wait for it. The slices
        // are spread over addressSpreadMs: written at once, a million addresses (RocksDB merges, the live counters'
        // fold, then RocksDB's flush and compaction) took the machine's cores from the engine for seconds, and the
        // ring overflowed once a minute.
        Batch addresses = null;
        int addressesDone = 0;
        long nextSliceMs = 0;
        long sliceEveryMs = 0;
        while (running || !full.isEmpty() || addresses != null)
        {
            final Batch batch;
            try
            {
                final long waitMs = addresses == null ? IDLE_POLL_MS :
                    Math.min(IDLE_POLL_MS, Math.max(0, nextSliceMs - System.currentTimeMillis()));
                batch = full.poll(running ? waitMs : 0, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            tickDebits();
            if (batch != null && batch.kind() == Kind.USERS)
            {
                writeUntilWritten(batch.rows(), 0, batch.rows().size());
                giveBack(batch);
            }
            else if (batch != null)
            {
                addresses = batch;
                addressesDone = 0;
                final int slices = (addresses.rows().size() + ADDRESS_SLICE_ROWS - 1) / ADDRESS_SLICE_ROWS;
                sliceEveryMs = slices > 1 ? addressSpreadMs / slices : 0;
                nextSliceMs = System.currentTimeMillis();
            }
            if (addresses != null && (!running || System.currentTimeMillis() >= nextSliceMs))
            {
                final int end = Math.min(addressesDone + ADDRESS_SLICE_ROWS, addresses.rows().size());
                writeUntilWritten(addresses.rows(), addressesDone, end);
                addressesDone = end;
                nextSliceMs += sliceEveryMs;
                if (addressesDone == addresses.rows().size())
                {
                    giveBack(addresses);
                    addresses = null;
                }
            }
        }
    }

    private void giveBack(final Batch batch)
    {
        batch.rows().clear();
        empty.get(batch.kind().ordinal()).add(batch.rows());
    }

    private void tickDebits()
    {
        try
        {
            debits.tick(System.currentTimeMillis());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("the quota period could not be reset; trying again", ex);
        }
    }

    private void writeUntilWritten(final UsageRows rows, final int from, final int to)
    {
        while (!write(rows, from, to))
        {
            if (!running)
            {
                LOG.error("stopping with {} row(s) of usage the ledger refused: they are lost", to - from);
                return;
            }
            try
            {
                Thread.sleep(RETRY_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Writes a batch to the ledger, then folds it into the live counters.
     *
     * @return false when the ledger refused it (nothing of it was written: the batch is atomic).
     */
    boolean write(final UsageRows rows)
    {
        return write(rows, 0, rows.size());
    }

    /**
     * Writes the rows {@code from} to {@code to} of a table as {@link #write(UsageRows)} writes a whole one.
     */
    private boolean write(final UsageRows rows, final int from, final int to)
    {
        final long startNs = System.nanoTime();
        costCentreChains.refresh();
        try
        {
            if (from == 0 && to == rows.size())
            {
                debits.writeWith(rows, System.currentTimeMillis(),
                    alsoInBatch -> ledger.write(rows, costCentreChains, alsoInBatch));
            }
            else
            {
                // Only a table of addresses is written in slices, and quotas debit users.
                ledger.write(rows, from, to, costCentreChains, NOTHING_ELSE);
            }
        }
        catch (final RuntimeException ex)
        {
            ledgerFailures++;
            if (nextLedgerErrorLogMs <= System.currentTimeMillis())
            {
                LOG.error("the ledger could not be written ({} failure(s) so far); the usage is kept in memory and " +
                    "written when the store recovers", ledgerFailures, ex);
                nextLedgerErrorLogMs = System.currentTimeMillis() + 60_000;
            }
            return false;
        }
        try
        {
            // Folded only after the ledger has it: the live counters never run ahead of the truth.
            liveFolder.fold(rows, from, to, ledger.checkpoint(), System.currentTimeMillis());
        }
        catch (final RuntimeException ex)
        {
            liveFailures++;
            if (nextLiveErrorLogMs <= System.currentTimeMillis())
            {
                LOG.error("the live counters could not be updated ({} failure(s) so far); they are rebuilt from the " +
                    "ledger at the next start", liveFailures, ex);
                nextLiveErrorLogMs = System.currentTimeMillis() + 60_000;
            }
        }
        batches++;
        lastBatchRows = to - from;
        lastBatchMs = (System.nanoTime() - startNs) / 1_000_000;
        return true;
    }

    /**
     * The ledger has seconds of slack (tables wait for it), the readers milliseconds (their socket buffers) and the
     * engine a fraction of a second (the ring): when the CPU is short, this thread should be the one that waits. At
     * 1.2M records/s with 100,000 users on two cores, that took the loss from 1-3 % to 0.005-0.2 %.
     */
    private void lowerPriority()
    {
        if (nice <= 0)
        {
            return;
        }
        final Integer now = Niceness.lowerCallingThread(nice);
        if (now == null)
        {
            LOG.warn("the ledger's thread could not be made nicer (accounting.ledger_nice: {}): it runs at the " +
                "priority of the readers and the engine", nice);
        }
        else
        {
            LOG.info("the ledger's thread runs at nice {} (accounting.ledger_nice: {})", now, nice);
        }
    }

    /**
     * Writes what was handed over, then stops the thread. The caller then writes the engine's last batch itself,
     * with {@link #write}.
     */
    void close() throws InterruptedException
    {
        running = false;
        thread.join(60_000);
    }

    long ledgerFailures()
    {
        return ledgerFailures;
    }

    long liveFailures()
    {
        return liveFailures;
    }

    long batches()
    {
        return batches;
    }

    long lastBatchRows()
    {
        return lastBatchRows;
    }

    long lastBatchMs()
    {
        return lastBatchMs;
    }
}
