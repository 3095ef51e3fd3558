package org.jet.engine.accounting;

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
 * <p>Staged, then committed: {@link #totalAfter} gives a row's total with a batch's delta added without keeping it;
 * {@link #commit} keeps it once the batch is written. A refused batch leaves the totals as stored.
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

    private final Store store;
    private final long completeFromHour;
    private UsageRows held = new UsageRows(1 << 10);
    private long keptFromHour;
    private long newestHour;

    /**
     * @param newestStoredHour the newest hour of any row in the store when the ledger was opened (-1 for none): rows
     *                         of later hours are all written here.
     */
    HourTotals(final Store store, final long newestStoredHour)
    {
        this.store = store;
        this.completeFromHour = newestStoredHour + 1;
    }

    /** Before staging a batch: forgets the rows of hours older than the last {@value #HOURS_KEPT}. */
    void beginBatch()
    {
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
     * Puts into {@code total} the row's stored total plus the delta (bytes in, out, packets in, out); keeps nothing
     * of the delta until {@link #commit}.
     */
    void totalAfter(final long hi, final long lo, final long meta, final long bytesIn, final long bytesOut,
        final long packetsIn, final long packetsOut, final long[] total)
    {
        final long hour = UsageRows.hourOf(meta);
        newestHour = Math.max(newestHour, hour);
        int position = held.find(hi, lo, meta);
        if (position < 0)
        {
            final boolean surelyNew = hour >= completeFromHour && hour >= keptFromHour;
            if (surelyNew || !store.read(hi, lo, meta, total))
            {
                total[0] = total[1] = total[2] = total[3] = 0;
            }
            // What the store holds is true whatever becomes of this batch.
            held.add(hi, lo, meta, total[0], total[1], total[2], total[3]);
            position = held.find(hi, lo, meta);
        }
        held.counters(position, total);
        total[0] += bytesIn;
        total[1] += bytesOut;
        total[2] += packetsIn;
        total[3] += packetsOut;
    }

    /** After the batch was written: keeps the delta {@link #totalAfter} added. */
    void commit(final long hi, final long lo, final long meta, final long bytesIn, final long bytesOut,
        final long packetsIn, final long packetsOut)
    {
        held.add(hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut);
    }
}
