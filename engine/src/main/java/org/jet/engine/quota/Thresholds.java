package org.jet.engine.quota;

import java.util.List;

import org.jet.engine.config.QuotaConfig.Threshold;
import org.jet.engine.config.QuotaConfig.UserState;

/**
 * Decides a user's state from their quota, and which thresholds are newly crossed: the quota-side half of
 * "exactly once per (user, period, threshold)"; {@link Quotas} turns the answer into events in the same batch.
 */
final class Thresholds
{
    private final List<Threshold> thresholds;

    Thresholds(final List<Threshold> thresholds)
    {
        this.thresholds = List.copyOf(thresholds);
    }

    List<Threshold> all()
    {
        return thresholds;
    }

    /** @return a bit per threshold (by index) that the quota is past now. */
    long crossed(final UserQuota quota, final long ownLeft)
    {
        final long allowance = quota.usedOwn + ownLeft;
        long mask = 0;
        for (int i = 0; i < thresholds.size(); i++)
        {
            final Threshold threshold = thresholds.get(i);
            final boolean past = threshold.exhausted() ? quota.overageThisEpoch > 0 :
                allowance > 0 && quota.usedOwn * 100.0 >= threshold.percent() * (double)allowance;
            if (past)
            {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    /** @return the state of a user past the thresholds in {@code mask}. */
    UserState stateOf(final long mask)
    {
        UserState state = UserState.NORMAL;
        for (int i = 0; i < thresholds.size(); i++)
        {
            if ((mask & (1L << i)) != 0 && thresholds.get(i).state().compareTo(state) > 0)
            {
                state = thresholds.get(i).state();
            }
        }
        return state;
    }

    static double percentUsed(final UserQuota quota, final long ownLeft)
    {
        final long allowance = quota.usedOwn + ownLeft;
        return allowance == 0 ? 0 : Math.round(quota.usedOwn * 1000.0 / allowance) / 10.0;
    }
}
