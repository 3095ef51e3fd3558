package org.jet.engine.quota;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jet.engine.accounting.Ledger;
import org.jet.engine.accounting.TrafficClasses;
import org.jet.engine.accounting.UsageDebits;
import org.jet.engine.accounting.UsageRows;
import org.jet.engine.action.Outbox;
import org.jet.engine.config.QuotaConfig;
import org.jet.engine.config.QuotaConfig.BucketKind;
import org.jet.engine.config.QuotaConfig.UserState;
import org.jet.engine.directory.CostCentre;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.User;
import org.jet.engine.session.SessionStore;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota ledger: buckets owned by users, cost centres and the whole network, debited in the configured order
 * from the usage the ledger writes, in the same atomic batch (so after a crash balances and usage agree, and no
 * usage is debited twice); thresholds move users between states, each crossing becoming one event in the outbox of
 * that batch.
 *
 * <p>Every change works on copies of what it touches and keeps them only once its batch is written: a batch the
 * store refuses leaves the quota as it was, and the ledger writes the usage again later. One lock: the ledger's
 * thread (debits, resets) and operators (top-ups, plans) take turns.
 */
public final class Quotas implements UsageDebits
{
    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);
    private static final long HOUR_MS = 3_600_000L;
    private static final int IN = DecrementOrder.IN;
    private static final int OUT = DecrementOrder.OUT;

    private final JetStore store;
    private final QuotaConfig config;
    private final QuotaPeriods periods;
    private final TrafficClasses classes;
    private final Directory directory;
    private final AuditLog audit;
    private final Ledger ledger;
    private final QuotaStore quotaStore;
    private final DecrementOrder order;
    private final QuotaEvents events;
    private final Map<Long, UserQuota> users;
    private final Map<Long, Pool> pools;
    private final Map<Long, Long> plans;
    private final Map<Long, UserQuota> stagedUsers = new HashMap<>();
    private final Map<Long, Pool> stagedPools = new HashMap<>();
    private final Map<Long, long[]> chains = new HashMap<>();
    private long topUps;
    private long periodStartMs;
    private long periodEndMs;
    private volatile boolean active;
    private Runnable onEvents = () -> { };

    public Quotas(final JetStore store, final QuotaConfig config, final java.time.ZoneId zone,
        final TrafficClasses classes, final Directory directory, final SessionStore sessions, final Outbox outbox,
        final AuditLog audit, final Ledger ledger)
    {
        this.store = store;
        this.config = config;
        this.periods = new QuotaPeriods(config, zone);
        this.classes = classes;
        this.directory = directory;
        this.audit = audit;
        this.ledger = ledger;
        this.quotaStore = new QuotaStore(store);
        this.order = new DecrementOrder(config.order(), classes.names());
        this.events = new QuotaEvents(new Thresholds(config.thresholds()), periods, outbox, directory, sessions);
        this.users = quotaStore.users();
        this.pools = quotaStore.pools();
        this.plans = quotaStore.plans();
        this.topUps = quotaStore.topUpSequence();
        this.periodStartMs = periods.startOf(System.currentTimeMillis());
        this.periodEndMs = periods.endOf(periodStartMs);
        updateActive();
    }

    /** @param onEvents told after a batch that added events is written (the dispatcher wakes up). */
    public void onEvents(final Runnable onEvents)
    {
        this.onEvents = onEvents;
    }

    // ---- the ledger's thread ------------------------------------------------------------------------------------

    @Override
    public boolean active()
    {
        return active;
    }

    @Override
    public synchronized void writeWith(final UsageRows rows, final long nowMs,
        final Consumer<Consumer<WriteBatch>> ledgerWrite)
    {
        final int[] events = new int[1];
        try
        {
            ledgerWrite.accept(batch ->
            {
                if (active)
                {
                    events[0] = debit(rows, batch, nowMs);
                }
            });
            commit();
        }
        finally
        {
            discard();
        }
        if (events[0] > 0)
        {
            onEvents.run();
        }
    }

    @Override
    public void tick(final long nowMs)
    {
        if (nowMs >= periodEndMs)
        {
            resetAll(nowMs);
        }
    }

    private int debit(final UsageRows rows, final WriteBatch batch, final long nowMs)
    {
        final long currentStart = periodStartMs;
        rows.forEach((hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) ->
        {
            if (UsageRows.kindOf(meta) != UsageRows.USER)
            {
                return;
            }
            final UserQuota quota = managed(lo, nowMs);
            if (quota == null)
            {
                return;
            }
            final int trafficClass = UsageRows.classOf(meta);
            final long ratedIn = classes.rate(trafficClass, bytesIn);
            final long ratedOut = classes.rate(trafficClass, bytesOut);
            if (UsageRows.hourOf(meta) * HOUR_MS < currentStart)
            {
                quota.late += order.counted(trafficClass, IN, ratedIn) + order.counted(trafficClass, OUT, ratedOut);
                return;
            }
            order.pay(quota, trafficClass, IN, ratedIn, nowMs, chain(quota.userId), this::pool);
            order.pay(quota, trafficClass, OUT, ratedOut, nowMs, chain(quota.userId), this::pool);
        });
        int added = 0;
        for (final UserQuota quota : stagedUsers.values())
        {
            added += events.evaluate(quota, batch, nowMs);
        }
        persistStaged(batch);
        return added;
    }

    private long[] chain(final long userId)
    {
        return chains.computeIfAbsent(userId, id ->
            directory.costCentreChain(id).stream().mapToLong(CostCentre::numericId).toArray());
    }

    /** @return the user's quota, staged for change, made when they have one; null when nothing limits them. */
    private UserQuota managed(final long userId, final long nowMs)
    {
        UserQuota quota = stagedUsers.get(userId);
        if (quota != null)
        {
            return quota;
        }
        final UserQuota current = users.get(userId);
        if (current != null)
        {
            quota = current.copy();
        }
        else
        {
            if (planOf(userId) == 0 && !order.drawsOnPools(chain(userId), pools::containsKey))
            {
                return null;
            }
            quota = new UserQuota(userId, periodStartMs);
            quota.epoch = 1;
            setPlan(quota, planOf(userId), nowMs);
        }
        if (quota.periodStartMs < periodStartMs)
        {
            startPeriod(quota, nowMs);
        }
        stagedUsers.put(userId, quota);
        return quota;
    }

    private Pool pool(final long owner)
    {
        Pool pool = stagedPools.get(owner);
        if (pool == null)
        {
            final Pool current = pools.get(owner);
            if (current == null)
            {
                return null;
            }
            pool = current.copy();
            if (pool.periodStartMs < periodStartMs)
            {
                pool.periodStartMs = periodStartMs;
                pool.balance = pool.allowance;
            }
            stagedPools.put(owner, pool);
        }
        return pool;
    }

    private long planOf(final long userId)
    {
        final Long own = plans.get(userId);
        return own != null ? own : config.defaultPlanBytes();
    }

    private static void setPlan(final UserQuota quota, final long bytes, final long nowMs)
    {
        Bucket plan = quota.plan();
        if (plan == null)
        {
            if (bytes == 0)
            {
                return;
            }
            plan = new Bucket("plan", Bucket.Kind.PLAN, 0, nowMs, 0, null);
            quota.buckets.add(plan);
            quota.sortBuckets();
        }
        // What was used of the plan stays used; the allowance moves.
        plan.balance = Math.max(0, plan.balance + bytes - plan.amount);
        plan.amount = bytes;
    }

    /** A new period: the plan is full again, what is left of the old one may roll over, counts start again. */
    private void startPeriod(final UserQuota quota, final long nowMs)
    {
        final Bucket plan = quota.plan();
        final long unused = plan != null ? plan.balance : 0;
        quota.buckets.removeIf(bucket -> bucket.expired(nowMs) || bucket.kind == Bucket.Kind.PLAN ||
            (bucket.balance == 0 && bucket.kind != Bucket.Kind.PLAN));
        if (config.rolloverPeriods() > 0 && unused > 0)
        {
            long expires = periodEndMs;
            for (int p = 1; p < config.rolloverPeriods(); p++)
            {
                expires = periods.endOf(expires);
            }
            quota.buckets.add(new Bucket("rollover-" + Instant.ofEpochMilli(quota.periodStartMs),
                Bucket.Kind.ROLLOVER, unused, nowMs, expires, null));
        }
        quota.periodStartMs = periodStartMs;
        setPlan(quota, planOf(quota.userId), nowMs);
        quota.sortBuckets();
        quota.usedOwn = 0;
        quota.usedPools = 0;
        quota.overage = 0;
        quota.overageThisEpoch = 0;
        quota.late = 0;
        quota.fired = 0;
        quota.epoch++;
    }

    private void resetAll(final long nowMs)
    {
        final long oldStartMs = periodStartMs;
        final long oldEndMs = periodEndMs;
        periodStartMs = periods.startOf(nowMs);
        periodEndMs = periods.endOf(periodStartMs);
        final int added;
        try
        {
            added = change(batch -> startPeriodForAll(batch, nowMs));
        }
        catch (final RuntimeException ex)
        {
            // Not written: the next tick tries again (users reached before that start their period lazily).
            periodStartMs = oldStartMs;
            periodEndMs = oldEndMs;
            throw ex;
        }
        if (added > 0)
        {
            onEvents.run();
        }
    }

    /** Every user with a quota and every pool into the period now started. */
    private int startPeriodForAll(final WriteBatch batch, final long nowMs)
    {
        int added = 0;
        for (final long userId : List.copyOf(users.keySet()))
        {
            final UserQuota quota = managed(userId, nowMs);
            if (quota != null)
            {
                added += events.evaluate(quota, batch, nowMs);
            }
        }
        for (final long owner : List.copyOf(pools.keySet()))
        {
            pool(owner);
        }
        LOG.info("quota period {} starts: {} user(s) and {} pool(s) reset", Instant.ofEpochMilli(periodStartMs),
            users.size(), pools.size());
        return added;
    }

    // ---- operators ----------------------------------------------------------------------------------------------

    /**
     * Credits a user: a new bucket after their other top-ups; if it lifts them below a threshold, they are
     * restored.
     *
     * @param expiresMs when what is left stops counting, or 0 for never.
     * @return the user's quota after it.
     */
    public QuotaView topUp(final String login, final long bytes, final long expiresMs, final String reference,
        final Bucket.Kind kind, final String actor)
    {
        final User user = user(login);
        if (bytes <= 0)
        {
            throw new QuotaException(QuotaException.Reason.INVALID, "a top-up must be more than 0 bytes");
        }
        final long nowMs = System.currentTimeMillis();
        if (expiresMs != 0 && expiresMs <= nowMs)
        {
            throw new QuotaException(QuotaException.Reason.INVALID, "the top-up would expire at once (" +
                Instant.ofEpochMilli(expiresMs) + ")");
        }
        change(batch ->
        {
            final UserQuota quota = managedOrNew(user.numericId(), nowMs);
            final long number = topUps + 1;
            final Bucket bucket = new Bucket("topup-" + number, kind, bytes, nowMs, expiresMs, reference);
            quota.buckets.add(bucket);
            quota.sortBuckets();
            allowanceChanged(quota);
            events.topUp(batch, quota, bucket, nowMs);
            events.evaluate(quota, batch, nowMs);
            quotaStore.putTopUpSequence(batch, number);
            final Map<String, Object> audited = new LinkedHashMap<>();
            audited.put("amount_bytes", bytes);
            audited.put("bucket", bucket.id);
            audited.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            audited.put("expires", expiresMs == 0 ? null : Instant.ofEpochMilli(expiresMs).toString());
            audited.put("reference", reference);
            audit.append(batch, actor, "quota.topup", login, audited);
            topUps = number;
            return 1;
        });
        onEvents.run();
        return show(login);
    }

    /**
     * Sets a user's own plan allowance per period (null: back to the default plan). Effective at once: what was
     * used this period stays used.
     */
    public QuotaView plan(final String login, final Long bytes, final String actor)
    {
        final User user = user(login);
        if (bytes != null && bytes < 0)
        {
            throw new QuotaException(QuotaException.Reason.INVALID, "a plan cannot be negative");
        }
        final long nowMs = System.currentTimeMillis();
        final int added = change(batch ->
        {
            quotaStore.putPlan(batch, user.numericId(), bytes);
            if (bytes == null)
            {
                plans.remove(user.numericId());
            }
            else
            {
                plans.put(user.numericId(), bytes);
            }
            final UserQuota quota = managedOrNew(user.numericId(), nowMs);
            setPlan(quota, planOf(user.numericId()), nowMs);
            allowanceChanged(quota);
            final Map<String, Object> details = new LinkedHashMap<>();
            details.put("allowance_bytes", bytes == null ? "default" : bytes);
            audit.append(batch, actor, "quota.plan", login, details);
            return events.evaluate(quota, batch, nowMs);
        });
        if (added > 0)
        {
            onEvents.run();
        }
        return show(login);
    }

    /**
     * Sets a pool's allowance per period.
     *
     * @param costCentre the cost centre, or null for the global pool.
     */
    public QuotaView.PoolView pool(final String costCentre, final long bytes, final String actor)
    {
        if (bytes < 0)
        {
            throw new QuotaException(QuotaException.Reason.INVALID, "a pool cannot be negative");
        }
        final long owner;
        if (costCentre == null)
        {
            owner = Pool.GLOBAL;
        }
        else
        {
            final CostCentre centre = directory.costCentre(costCentre);
            if (centre == null)
            {
                throw new QuotaException(QuotaException.Reason.NOT_FOUND, "no cost centre '" + costCentre + "'");
            }
            owner = centre.numericId();
        }
        change(batch ->
        {
            Pool pool = pool(owner);
            if (pool == null)
            {
                pool = new Pool(owner, periodStartMs, bytes);
                stagedPools.put(owner, pool);
            }
            else
            {
                pool.allow(bytes);
            }
            final Map<String, Object> details = new LinkedHashMap<>();
            details.put("allowance_bytes", bytes);
            audit.append(batch, actor, "quota.pool", costCentre == null ? "global" : costCentre, details);
            return 0;
        });
        return poolView(owner);
    }

    private UserQuota managedOrNew(final long userId, final long nowMs)
    {
        UserQuota quota = managed(userId, nowMs);
        if (quota == null)
        {
            quota = new UserQuota(userId, periodStartMs);
            quota.epoch = 1;
            stagedUsers.put(userId, quota);
        }
        return quota;
    }

    /** Thresholds may be crossed again, as new events: the allowance they measure is not the same one. */
    private static void allowanceChanged(final UserQuota quota)
    {
        quota.epoch++;
        quota.overageThisEpoch = 0;
    }

    private User user(final String login)
    {
        final User user = directory.user(login);
        if (user == null)
        {
            throw new QuotaException(QuotaException.Reason.NOT_FOUND, "no user '" + login + "'");
        }
        return user;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** @return users with a quota, by state (every state, in order, zeros included). */
    public synchronized Map<String, Long> usersByState()
    {
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final UserState state : UserState.values())
        {
            counts.put(state.name(), 0L);
        }
        users.values().forEach(quota -> counts.merge(quota.state.name(), 1L, Long::sum));
        return counts;
    }

    /** @return the user's quota now. */
    public synchronized QuotaView show(final String login)
    {
        final User user = user(login);
        final long nowMs = System.currentTimeMillis();
        UserQuota quota = users.get(user.numericId());
        if (quota == null)
        {
            quota = new UserQuota(user.numericId(), periodStartMs);
            setPlan(quota, planOf(user.numericId()), nowMs);
        }
        else if (quota.periodStartMs < periodStartMs)
        {
            quota = quota.copy();
            startPeriod(quota, nowMs);
        }
        final long ownLeft = quota.ownBalance(nowMs);
        final List<QuotaView.BucketView> buckets = new ArrayList<>();
        for (final Bucket bucket : quota.buckets)
        {
            buckets.add(new QuotaView.BucketView(bucket.id, bucket.kind.name().toLowerCase(java.util.Locale.ROOT),
                bucket.amount, bucket.expired(nowMs) ? 0 : bucket.balance, Instant.ofEpochMilli(bucket.createdMs)
                .toString(), bucket.expiresMs == 0 ? null : Instant.ofEpochMilli(bucket.expiresMs).toString(),
                bucket.reference));
        }
        final List<QuotaView.PoolView> poolViews = new ArrayList<>();
        for (final BucketKind kind : order.steps())
        {
            if (kind == BucketKind.COST_CENTRE_POOL)
            {
                for (final CostCentre centre : directory.costCentreChain(user.numericId()))
                {
                    if (pools.containsKey(centre.numericId()))
                    {
                        poolViews.add(poolView(centre.numericId()));
                    }
                }
            }
            else if (kind == BucketKind.GLOBAL_POOL && pools.containsKey(Pool.GLOBAL))
            {
                poolViews.add(poolView(Pool.GLOBAL));
            }
        }
        return new QuotaView(login, quota.state.name(), Instant.ofEpochMilli(quota.periodStartMs).toString(),
            Instant.ofEpochMilli(periods.endOf(quota.periodStartMs)).toString(), quota.usedOwn + ownLeft,
            quota.usedOwn, ownLeft, Thresholds.percentUsed(quota, ownLeft), quota.usedPools, quota.overage,
            quota.late, buckets, poolViews);
    }

    private synchronized QuotaView.PoolView poolView(final long owner)
    {
        final Pool pool = pools.get(owner);
        final String name = owner == Pool.GLOBAL ? "global" : directory.costCentres().stream()
            .filter(centre -> centre.numericId() == owner).map(CostCentre::id).findFirst().orElse("#" + owner);
        final boolean stale = pool.periodStartMs < periodStartMs;
        return new QuotaView.PoolView(name, pool.allowance, stale ? pool.allowance : pool.balance);
    }

    /**
     * Recomputes what the user's usage this period should have debited, from the usage ledger, for an audit: it
     * equals {@code debited} unless the quota was changed by hand outside Jet.
     *
     * @param ledgerBytes counted usage of the period's hours in the ledger, rated, in the classes and directions
     *                    some bucket pays for.
     * @param debited     what the quota ledger debited for it: own buckets, pools and overage.
     */
    public record Recomputed(String login, String periodStart, long ledgerBytes, long debited, boolean matches)
    {
    }

    /** @return the user's period recomputed from the usage ledger (reads the period's hours: not for hot paths). */
    public Recomputed recompute(final String login)
    {
        final User user = user(login);
        final long nowMs = System.currentTimeMillis();
        final long start;
        final long debited;
        synchronized (this)
        {
            final UserQuota quota = users.get(user.numericId());
            start = periodStartMs;
            debited = quota == null || quota.periodStartMs < periodStartMs ? 0 :
                quota.usedOwn + quota.usedPools + quota.overage;
        }
        long counted = 0;
        final List<String> names = classes.names();
        for (final Ledger.Row row : ledger.read(UsageRows.USER, start, nowMs + HOUR_MS))
        {
            final int trafficClass = names.indexOf(row.trafficClass());
            if (row.lo() == user.numericId() && trafficClass >= 0)
            {
                counted += order.counted(trafficClass, IN, classes.rate(trafficClass, row.bytesIn())) +
                    order.counted(trafficClass, OUT, classes.rate(trafficClass, row.bytesOut()));
            }
        }
        return new Recomputed(login, Instant.ofEpochMilli(start).toString(), counted, debited, counted == debited);
    }

    // ---- changes ------------------------------------------------------------------------------------------------

    private interface Change
    {
        int apply(WriteBatch batch);
    }

    private synchronized int change(final Change work)
    {
        try (WriteBatch batch = new WriteBatch())
        {
            final int added = work.apply(batch);
            persistStaged(batch);
            store.write(batch);
            commit();
            return added;
        }
        finally
        {
            discard();
        }
    }

    private void persistStaged(final WriteBatch batch)
    {
        stagedUsers.values().forEach(quota -> quotaStore.put(batch, quota));
        stagedPools.values().forEach(pool -> quotaStore.put(batch, pool));
    }

    private void commit()
    {
        users.putAll(stagedUsers);
        pools.putAll(stagedPools);
        updateActive();
    }

    private void discard()
    {
        stagedUsers.clear();
        stagedPools.clear();
        chains.clear(); // per change: a user may move to another cost centre between two
    }

    private void updateActive()
    {
        active = config.defaultPlanBytes() > 0 || !plans.isEmpty() || !pools.isEmpty() || !users.isEmpty();
    }
}
