package org.jet.engine.accounting;

import java.util.Arrays;

/**
 * What the ledger holds for users' and cost centres' rows of the last hours, so that a batch can write each row's
 * new total (one put, updated in place in RocksDB's memtable) instead of merging four deltas: users' rows are
 * written every second, and four merges a row, each a new memtable entry to flush and compact, cost the ledger's
 * thread and RocksDB's background threads more than a core at a hundred thousand users.
 *
 * <p>Single writer (the ledger's thread). A row it does not hold is zero in the store when its hour is later than
 * every hour the store had at open and was never evicted (every write to it went through here); else it is read from
 * the store once. Rows of hours before the last two are evicted when a newer hour appears.
 *
 * <p>Added in place, undone on refusal: {@link #add} adds a batch's delta to a row's total at once (one probe of the
 * table) and notes the delta in a journal; {@link #rollback} takes the batch's deltas out again when the store refuses
 * it, so the totals stay as stored. The journal is written in order, a few cache lines per hundred rows, where a
 * second pass of probes after each write cost a third of the ledger thread.
 */
final class HourTotals
{
    /** Reads a row's stored total; false when the store has none. */
    @FunctionalInterface
    interface Store
    {
        boolean read(long hi, long lo, long meta, long[] total);
    }

    private static final int HOURS_KEPT = 2;
    /** A journal entry: key (hi, lo, meta) and the four deltas. */
    private static final int JOURNAL_STRIDE = 7;

    private final Store store;
    private final long completeFromHour;
    private UsageRows held;
    private long keptFromHour;
    private long newestHour;
    private long[] journal;
    private int journalSize;

    /**
     * @param newestStoredHour the newest hour of any row in the store when the ledger was opened (-1 for none): rows
     *                         of later hours are all written here.
     * @param expectedRows     rows a batch is expected to hold (users' of both hours at an hour's turn): the rows
     *                         held and the journal are sized for them at start, not doubled in the first batches.
     */
    HourTotals(final Store store, final long newestStoredHour, final int expectedRows)
    {
        this.store = store;
        this.completeFromHour = newestStoredHour + 1;
        this.held = new UsageRows(expectedRows);
        this.journal = new long[JOURNAL_STRIDE * Math.max(1 << 10, expectedRows)];
    }

    /**
     * Before adding a batch: forgets the previous batch's journal (it was written) and the rows of hours older than
     * the last {@value #HOURS_KEPT}.
     */
    void beginBatch()
    {
        journalSize = 0;
        final long keepFrom = newestHour - HOURS_KEPT + 1;
        if (keepFrom <= keptFromHour)
        {
            return;
        }
        final UsageRows kept = new UsageRows(held.size());
        held.forEach((hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) ->
        {
            if (UsageRows.hourOf(meta) >= keepFrom)
            {
                kept.add(hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut);
            }
        });
        held = kept;
        keptFromHour = keepFrom;
    }

    /**
     * Adds a batch's delta (bytes in, out, packets in, out) to the row's total and puts the new total into
     * {@code total}. Undone by {@link #rollback} until the next {@link #beginBatch}.
     */
    void add(final long hi, final long lo, final long meta, final long bytesIn, final long bytesOut,
        final long packetsIn, final long packetsOut, final long[] total)
    {
        final long hour = UsageRows.hourOf(meta);
        newestHour = Math.max(newestHour, hour);
        journal(hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut);
        final int position = held.find(hi, lo, meta);
        if (position >= 0)
        {
            held.addTo(position, bytesIn, bytesOut, packetsIn, packetsOut);
            held.counters(position, total);
            return;
        }
        final boolean surelyNew = hour >= completeFromHour && hour >= keptFromHour;
        if (surelyNew || !store.read(hi, lo, meta, total))
        {
            total[0] = total[1] = total[2] = total[3] = 0;
        }
        total[0] += bytesIn;
        total[1] += bytesOut;
        total[2] += packetsIn;
        total[3] += packetsOut;
        held.add(hi, lo, meta, total[0], total[1], total[2], total[3]);
    }

    /**
     * Takes the deltas added since {@link #beginBatch} out again: the store refused the batch. What was read from
     * the store stays held (it is true whatever became of the batch).
     */
    void rollback()
    {
        final long[] journal = this.journal;
        for (int n = 0; n < journalSize; n += JOURNAL_STRIDE)
        {
            held.add(journal[n], journal[n + 1], journal[n + 2], -journal[n + 3], -journal[n + 4], -journal[n + 5],
                -journal[n + 6]);
        }
        journalSize = 0;
    }

    private void journal(final long hi, final long lo, final long meta, final long bytesIn, final long bytesOut,
        final long packetsIn, final long packetsOut)
    {
        if (journalSize + JOURNAL_STRIDE > journal.length)
        {
            journal = Arrays.copyOf(journal, journal.length * 2);
        }
        final long[] journal = this.journal;
        final int n = journalSize;
        journal[n] = hi;
        journal[n + 1] = lo;
        journal[n + 2] = meta;
        journal[n + 3] = bytesIn;
        journal[n + 4] = bytesOut;
        journal[n + 5] = packetsIn;
        journal[n + 6] = packetsOut;
        journalSize = n + JOURNAL_STRIDE;
    }
}
