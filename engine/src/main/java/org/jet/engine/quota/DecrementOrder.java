package org.jet.engine.quota;

import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

import org.jet.engine.config.QuotaConfig;
import org.jet.engine.config.QuotaConfig.BucketKind;

/**
 * The configured order in which buckets pay for usage, and which usage each step pays for: usage of a traffic class
 * in one direction is taken from the first step that pays for it and has balance, then the next; what no bucket
 * can pay is overage; what no step pays for is free.
 */
final class DecrementOrder
{
    static final int IN = 0;
    static final int OUT = 1;

    private final List<BucketKind> steps;
    /** step × class × direction: whether the step's buckets pay for that usage. */
    private final boolean[][][] pays;

    DecrementOrder(final List<QuotaConfig.Step> order, final List<String> classNames)
    {
        this.steps = order.stream().map(QuotaConfig.Step::bucket).toList();
        this.pays = new boolean[order.size()][classNames.size()][2];
        for (int s = 0; s < order.size(); s++)
        {
            final QuotaConfig.Step step = order.get(s);
            for (int c = 0; c < classNames.size(); c++)
            {
                final boolean classPays = step.classes().isEmpty() || step.classes().contains(classNames.get(c));
                pays[s][c][IN] = classPays && step.directions().contains(QuotaConfig.Direction.IN);
                pays[s][c][OUT] = classPays && step.directions().contains(QuotaConfig.Direction.OUT);
            }
        }
    }

    List<BucketKind> steps()
    {
        return steps;
    }

    /** @return {@code bytes} when some step pays for this usage, else 0 (it is free). */
    long counted(final int trafficClass, final int direction, final long bytes)
    {
        for (int s = 0; s < steps.size(); s++)
        {
            if (pays[s][trafficClass][direction])
            {
                return bytes;
            }
        }
        return 0;
    }

    /** @return whether any pool of the order exists for a user in cost centres {@code chain}. */
    boolean drawsOnPools(final long[] chain, final LongPredicate poolExists)
    {
        for (final BucketKind kind : steps)
        {
            if (kind == BucketKind.GLOBAL_POOL && poolExists.test(Pool.GLOBAL))
            {
                return true;
            }
            if (kind == BucketKind.COST_CENTRE_POOL)
            {
                for (final long centre : chain)
                {
                    if (poolExists.test(centre))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Debits rated {@code bytes} of usage from the user's buckets and pools in order.
     *
     * @param chain the user's cost centre and its ancestors, nearest first.
     * @param pools a pool by owner, ready to change, or null when there is none.
     */
    void pay(final UserQuota quota, final int trafficClass, final int direction, final long bytes, final long nowMs,
        final long[] chain, final LongFunction<Pool> pools)
    {
        if (bytes == 0)
        {
            return;
        }
        long left = bytes;
        boolean payable = false;
        for (int s = 0; s < steps.size() && left > 0; s++)
        {
            if (!pays[s][trafficClass][direction])
            {
                continue;
            }
            payable = true;
            final long before = left;
            switch (steps.get(s))
            {
                case USER_PLAN -> left = take(quota, left, nowMs, Bucket.Kind.PLAN, Bucket.Kind.ROLLOVER);
                case USER_TOPUPS -> left = take(quota, left, nowMs, Bucket.Kind.TOPUP, Bucket.Kind.CARD);
                case COST_CENTRE_POOL ->
                {
                    for (final long centre : chain)
                    {
                        left = take(pools.apply(centre), left);
                    }
                }
                case GLOBAL_POOL -> left = take(pools.apply(Pool.GLOBAL), left);
            }
            if (steps.get(s) == BucketKind.USER_PLAN || steps.get(s) == BucketKind.USER_TOPUPS)
            {
                quota.usedOwn += before - left;
            }
            else
            {
                quota.usedPools += before - left;
            }
        }
        if (payable && left > 0)
        {
            quota.overage += left;
            quota.overageThisEpoch += left;
        }
    }

    private static long take(final UserQuota quota, final long bytes, final long nowMs, final Bucket.Kind kind,
        final Bucket.Kind orKind)
    {
        long left = bytes;
        for (final Bucket bucket : quota.buckets)
        {
            if ((bucket.kind == kind || bucket.kind == orKind) && !bucket.expired(nowMs) && bucket.balance > 0)
            {
                final long taken = Math.min(left, bucket.balance);
                bucket.balance -= taken;
                left -= taken;
                if (left == 0)
                {
                    break;
                }
            }
        }
        return left;
    }

    private static long take(final Pool pool, final long bytes)
    {
        if (pool == null || bytes == 0)
        {
            return bytes;
        }
        final long taken = Math.min(bytes, pool.balance);
        pool.balance -= taken;
        return bytes - taken;
    }
}
