package org.jet.engine.accounting;

/**
 * Counts of a few flows, held for a moment so that the memory they need is fetched for all of them at once: each
 * count touches the address's session row (which also holds its usage) and its user's usage row, both likely cache
 * misses, and misses asked for together overlap instead of queueing one behind the other. Primitive arrays,
 * nothing allocated per count.
 *
 * <p>A count is one internal end of a flow: its address, class, counters as seen from it, time span and (once
 * resolved) user.
 */
final class PendingCounts
{
    /** Counts held before they are added: enough for the misses to overlap, few enough to stay in L1. */
    static final int CAPACITY = 64;

    final long[] addrHi = new long[CAPACITY];
    final long[] addrLo = new long[CAPACITY];
    final int[] trafficClass = new int[CAPACITY];
    final long[] inBytes = new long[CAPACITY];
    final long[] outBytes = new long[CAPACITY];
    final long[] inPackets = new long[CAPACITY];
    final long[] outPackets = new long[CAPACITY];
    final long[] startMs = new long[CAPACITY];
    final long[] endMs = new long[CAPACITY];
    /** The hour of the start: for a count that spans hours (at every hour's turn, most do), not {@link #hour}. */
    final long[] firstHour = new long[CAPACITY];
    /** The hour of the end: the count's (last) usage rows are of that hour. */
    final long[] hour = new long[CAPACITY];
    final long[] user = new long[CAPACITY];
    /** Where the address's session row is ({@code SessionTable.rowsOf}), once resolved. */
    final int[] row = new int[CAPACITY];
    /** Hashes, taken once for the fetch and the lookup after it: the address's, and its user's usage row's. */
    final int[] addressHash = new int[CAPACITY];
    final int[] userHash = new int[CAPACITY];
    /** For a count that spans hours (at every hour's turn, most do), the hash of its user's row of the first hour. */
    final int[] firstHourUserHash = new int[CAPACITY];
    int size;
    /** The users' usage rows the counts add to (one per count, two for one that spans hours), to be fetched first. */
    final int[] userRowHash = new int[2 * CAPACITY];
    final long[] userRowId = new long[2 * CAPACITY];
    final long[] userRowMeta = new long[2 * CAPACITY];
    int userRowsToFetch;

    void add(final long addrHi, final long addrLo, final int trafficClass,
        final long inBytes, final long outBytes, final long inPackets, final long outPackets,
        final long startMs, final long endMs, final long firstHour, final long hour)
    {
        final int n = size++;
        this.addrHi[n] = addrHi;
        this.addrLo[n] = addrLo;
        this.trafficClass[n] = trafficClass;
        this.inBytes[n] = inBytes;
        this.outBytes[n] = outBytes;
        this.inPackets[n] = inPackets;
        this.outPackets[n] = outPackets;
        this.startMs[n] = startMs;
        this.endMs[n] = endMs;
        this.firstHour[n] = firstHour;
        this.hour[n] = hour;
    }

    /**
     * Adds a user's usage row of an hour and class to those to fetch.
     *
     * @return the row key's hash.
     */
    int fetchUserRow(final long user, final long hour, final int trafficClass)
    {
        final long meta = UsageRows.meta(UsageRows.USER, hour, trafficClass);
        final int hash = UsageRows.hash(0, user, meta);
        final int k = userRowsToFetch++;
        userRowHash[k] = hash;
        userRowId[k] = user;
        userRowMeta[k] = meta;
        return hash;
    }

    /** @return true when another flow (two counts at most) may not fit. */
    boolean full()
    {
        return size > CAPACITY - 2;
    }
}
