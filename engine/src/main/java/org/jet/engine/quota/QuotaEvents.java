package org.jet.engine.quota;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jet.engine.action.Outbox;
import org.jet.engine.config.QuotaConfig.Threshold;
import org.jet.engine.config.QuotaConfig.UserState;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.User;
import org.jet.engine.session.SessionStore;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Subject;
import org.rocksdb.WriteBatch;

/**
 * Turns a user's quota into their state and the events of each move, added to the batch that changes the quota.
 * Event ids are made of the user, the period, the allowance's generation and the threshold, so the same crossing
 * is never two events, restarts included.
 */
final class QuotaEvents
{
    private final Thresholds thresholds;
    private final QuotaPeriods periods;
    private final Outbox outbox;
    private final Directory directory;
    private final SessionStore sessions;

    QuotaEvents(final Thresholds thresholds, final QuotaPeriods periods, final Outbox outbox,
        final Directory directory, final SessionStore sessions)
    {
        this.thresholds = thresholds;
        this.periods = periods;
        this.outbox = outbox;
        this.directory = directory;
        this.sessions = sessions;
    }

    /**
     * Moves the user to the state their quota puts them in, adding the events of the move to {@code batch}.
     *
     * @return events added.
     */
    int evaluate(final UserQuota quota, final WriteBatch batch, final long nowMs)
    {
        final long ownLeft = quota.ownBalance(nowMs);
        final long crossed = thresholds.crossed(quota, ownLeft);
        final UserState before = quota.state;
        final UserState after = thresholds.stateOf(crossed);
        final String period = Long.toString(quota.periodStartMs / 1000);
        int events = 0;
        if (before.compareTo(UserState.SHAPED) >= 0 && after.compareTo(before) < 0)
        {
            add(batch, quota, "restored-" + quota.userId + "-" + period + "-" + quota.epoch, JetEvent.Type.RESTORED,
                after, ownLeft, nowMs, Map.of("from", before.name()));
            events++;
            if (after == UserState.SHAPED)
            {
                // The device was told to cut them off; shaping is what holds now.
                quota.fired &= ~shapedBits();
            }
        }
        quota.fired &= crossed;
        final List<Threshold> all = thresholds.all();
        for (int i = 0; i < all.size(); i++)
        {
            final long bit = 1L << i;
            if ((crossed & bit) != 0 && (quota.fired & bit) == 0)
            {
                quota.fired |= bit;
                final Threshold threshold = all.get(i);
                final Map<String, String> details = new LinkedHashMap<>();
                details.put("threshold", threshold.label());
                if (threshold.state() == UserState.SHAPED)
                {
                    details.put("rate_bits_per_second", Long.toString(threshold.shapeBitsPerSecond()));
                }
                add(batch, quota, "quota-" + quota.userId + "-" + period + "-" + quota.epoch + "-" + i,
                    JetEvent.Type.valueOf(threshold.state().name()), after, ownLeft, nowMs, details);
                events++;
            }
        }
        quota.state = after;
        return events;
    }

    private long shapedBits()
    {
        long mask = 0;
        for (int i = 0; i < thresholds.all().size(); i++)
        {
            if (thresholds.all().get(i).state() == UserState.SHAPED)
            {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    private void add(final WriteBatch batch, final UserQuota quota, final String id, final JetEvent.Type type,
        final UserState state, final long ownLeft, final long nowMs, final Map<String, String> details)
    {
        outbox.add(batch, new JetEvent(id, type, Instant.ofEpochMilli(nowMs), subject(quota.userId),
            quotaState(quota, state, ownLeft), details));
    }

    private Subject subject(final long userId)
    {
        final User user = directory.user(userId);
        final List<String> addresses = sessions.addressesOf(userId);
        return user == null ? new Subject("#" + userId, null, null, null, addresses) :
            new Subject(user.login(), user.name(), user.email(), user.costCentre(), addresses);
    }

    private JetEvent.QuotaState quotaState(final UserQuota quota, final UserState state, final long ownLeft)
    {
        return new JetEvent.QuotaState(state.name(), quota.usedOwn + ownLeft, quota.usedOwn, ownLeft,
            Thresholds.percentUsed(quota, ownLeft), Instant.ofEpochMilli(periods.endOf(quota.periodStartMs)));
    }

    /** Adds the receipt of a top-up (a TOP_UP event, its id the bucket's). */
    void topUp(final WriteBatch batch, final UserQuota quota, final Bucket bucket, final long nowMs)
    {
        final Map<String, String> details = new LinkedHashMap<>();
        details.put("amount_bytes", Long.toString(bucket.amount));
        details.put("bucket", bucket.id);
        if (bucket.expiresMs != 0)
        {
            details.put("expires", Instant.ofEpochMilli(bucket.expiresMs).toString());
        }
        if (bucket.reference != null)
        {
            details.put("reference", bucket.reference);
        }
        add(batch, quota, bucket.id, JetEvent.Type.TOP_UP, quota.state, quota.ownBalance(nowMs), nowMs, details);
    }
}
