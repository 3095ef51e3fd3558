package org.jet.engine.quota;

import java.util.ArrayList;
import java.util.List;

import org.jet.engine.config.QuotaConfig.UserState;

/**
 * One user's quota in the current period: their own buckets, what was debited where, their state and which
 * thresholds have already told the world. Mutable; the ledger's thread changes a copy and keeps it only once the
 * batch holding the change is written.
 */
final class UserQuota
{
    long userId;
    long periodStartMs;
    /** Grows each time the allowance changes (top-up, plan, reset): an event id holds it, so a threshold crossed
     * again after a top-up is a new event, and one crossed once per allowance is one event, restarts included. */
    long epoch;
    /** Rollovers (soonest expiry first: older allowance goes first), the plan, then top-ups and cards (oldest
     * first). */
    List<Bucket> buckets = new ArrayList<>();
    /** Debited from own buckets this period. */
    long usedOwn;
    /** Debited from pools this period. */
    long usedPools;
    /** Found no bucket with balance this period, bytes. */
    long overage;
    /** Overage since the allowance last changed: the user has run out when this is above 0. */
    long overageThisEpoch;
    /** Usage of hours in earlier periods that arrived after the period closed: kept for audits, not debited. */
    long late;
    UserState state = UserState.NORMAL;
    /** Thresholds (by index) whose event was emitted and that are still crossed. */
    long fired;

    UserQuota(final long userId, final long periodStartMs)
    {
        this.userId = userId;
        this.periodStartMs = periodStartMs;
    }

    UserQuota copy()
    {
        final UserQuota copy = new UserQuota(userId, periodStartMs);
        copy.epoch = epoch;
        buckets.forEach(bucket -> copy.buckets.add(bucket.copy()));
        copy.usedOwn = usedOwn;
        copy.usedPools = usedPools;
        copy.overage = overage;
        copy.overageThisEpoch = overageThisEpoch;
        copy.late = late;
        copy.state = state;
        copy.fired = fired;
        return copy;
    }

    /** @return what is left in the user's own buckets that have not expired. */
    long ownBalance(final long nowMs)
    {
        long sum = 0;
        for (final Bucket bucket : buckets)
        {
            if (!bucket.expired(nowMs))
            {
                sum += bucket.balance;
            }
        }
        return sum;
    }

    Bucket plan()
    {
        for (final Bucket bucket : buckets)
        {
            if (bucket.kind == Bucket.Kind.PLAN)
            {
                return bucket;
            }
        }
        return null;
    }

    /** Keeps the order debits follow: rollovers by expiry, the plan, then top-ups and cards by age. */
    void sortBuckets()
    {
        buckets.sort((a, b) ->
        {
            final int rank = Integer.compare(rank(a), rank(b));
            if (rank != 0)
            {
                return rank;
            }
            return a.kind == Bucket.Kind.ROLLOVER ? Long.compare(a.expiresMs, b.expiresMs) :
                Long.compare(a.createdMs, b.createdMs);
        });
    }

    private static int rank(final Bucket bucket)
    {
        return switch (bucket.kind)
        {
            case ROLLOVER -> 0;
            case PLAN -> 1;
            case TOPUP, CARD -> 2;
        };
    }
}
