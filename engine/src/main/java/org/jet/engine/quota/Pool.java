package org.jet.engine.quota;

/**
 * A pool shared by the users of a cost centre (and its departments), or by everybody: an allowance per period
 * that users' usage draws from once their own buckets are empty, in the configured order.
 */
public final class Pool
{
    /** The owner of the global pool (cost centres have positive numeric ids). */
    public static final long GLOBAL = -1;

    public long owner;
    public long periodStartMs;
    public long allowance;
    public long balance;

    public Pool()
    {
    }

    Pool(final long owner, final long periodStartMs, final long allowance)
    {
        this.owner = owner;
        this.periodStartMs = periodStartMs;
        this.allowance = allowance;
        this.balance = allowance;
    }

    Pool copy()
    {
        final Pool copy = new Pool(owner, periodStartMs, allowance);
        copy.balance = balance;
        return copy;
    }

    /** Changes the allowance within the period: what was used stays used. */
    void allow(final long bytes)
    {
        balance = Math.max(0, balance + bytes - allowance);
        allowance = bytes;
    }
}
