package org.jet.engine.accounting;

/**
 * What the engine counted since the last tick: usage per IP address and per user, in two primitive hash tables
 * ({@link IpUsageTable}, {@link UserUsageTable}). The engine thread adds each flow record here (tens of
 * nanoseconds, no allocation); every tick it folds the deltas into {@link LiveCounters} and the ledger, then calls
 * {@link #clear()}, which costs what the tick touched.
 *
 * <p>In and out are from the internal side's point of view: in is download, out is upload. Counters are unsigned
 * 64-bit values held in longs. When a table fills up before the tick, {@link #needsFold()} turns true: fold
 * early. Records a full table refuses are counted, never silently lost (see {@link IpUsageTable}).
 *
 * <p>Not thread-safe: the engine thread is the only one that touches it.
 */
public final class UsageDeltas
{
    private final IpUsageTable ips;
    private final UserUsageTable users;

    /**
     * @param expectedIps   distinct addresses a tick is expected to touch (sizes the table up front).
     * @param maxIps        distinct addresses after which a fold is asked for; the table grows no further.
     * @param expectedUsers distinct users a tick is expected to touch.
     * @param maxUsers      distinct users after which a fold is asked for.
     */
    public UsageDeltas(final int expectedIps, final int maxIps, final int expectedUsers, final int maxUsers)
    {
        ips = new IpUsageTable(expectedIps, maxIps);
        users = new UserUsageTable(expectedUsers, maxUsers);
    }

    /**
     * Adds one record's usage to an address; see {@link IpUsageTable#add}.
     *
     * @return false when the record was refused because the table is full (counted).
     */
    public boolean addIp(
        final long hi,
        final long lo,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long timeMs)
    {
        return ips.add(hi, lo, bytesIn, bytesOut, packetsIn, packetsOut, ratedBytes, timeMs);
    }

    /**
     * Adds one record's usage to a user; see {@link UserUsageTable#add}.
     *
     * @return false when the record was refused because the table is full (counted).
     */
    public boolean addUser(
        final long userId,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long timeMs)
    {
        return users.add(userId, bytesIn, bytesOut, packetsIn, packetsOut, ratedBytes, timeMs);
    }

    /** Visits each address touched since the last clear, in first-touched order. */
    public void forEachIp(final IpUsageVisitor visitor)
    {
        ips.forEach(visitor);
    }

    /** Visits each user touched since the last clear, in first-touched order. */
    public void forEachUser(final UserUsageVisitor visitor)
    {
        users.forEach(visitor);
    }

    /** @return true when either table holds as many entries as it should before a fold: fold now. */
    public boolean needsFold()
    {
        return ips.needsFold() || users.needsFold();
    }

    public boolean isEmpty()
    {
        return ips.size() == 0 && users.size() == 0;
    }

    /** Forgets every delta, in time proportional to the entries touched. */
    public void clear()
    {
        ips.clear();
        users.clear();
    }

    /** @return the per-address table, for its sizes and drop counters. */
    public IpUsageTable ips()
    {
        return ips;
    }

    /** @return the per-user table, for its sizes and drop counters. */
    public UserUsageTable users()
    {
        return users;
    }
}
