package org.jet.engine.accounting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jet.engine.config.AccountingConfig;
import org.jet.engine.directory.CostCentre;
import org.jet.engine.directory.Directory;
import org.jet.engine.ingest.FlowEvent;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionStore;
import org.jet.engine.session.SessionTable;
import org.jet.engine.store.JetStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's work, on the engine thread: count each flow ({@link Accountant}), apply each session change, and
 * every tick move what was counted on: into the batch for the ledger, which is written every
 * {@code ledger_every_ticks} ticks in one atomic batch.
 */
public final class Accounting
{
    private static final Logger LOG = LoggerFactory.getLogger(Accounting.class);
    private static final long EXPIRE_EVERY_MS = 60_000;

    private final AccountingConfig config;
    private final Directory directory;
    private final TrafficClasses classes;
    private final SessionTable sessions;
    private final SessionStore sessionStore;
    private final UsageRows rows = new UsageRows(1 << 16);
    private final UsageRows unwritten = new UsageRows(1 << 16);
    private final Accountant accountant;
    private final Ledger ledger;
    private final LiveCounters live;
    private final LiveFolder liveFolder;
    private final long tickMs;
    private long nextTickMs;
    private long nextExpireMs;
    private long ticksUnwritten;
    private long ticks;
    private long sessionChanges;
    private long ledgerFailures;
    private long liveFailures;
    private long nextLedgerErrorLogMs;
    private long nextLiveErrorLogMs;

    /**
     * @param live    this period's counters; {@code liveDir} is their directory (the fold state is noted there).
     */
    public Accounting(final AccountingConfig config, final JetStore store, final Directory directory,
        final ExporterLookup exporters, final LiveCounters live, final java.nio.file.Path liveDir)
    {
        this.config = config;
        this.directory = directory;
        this.classes = new TrafficClasses(config);
        this.sessionStore = new SessionStore(store);
        final long ageMs = config.maxFlowAgeSeconds() * 1000L;
        final long restoreStartNs = System.nanoTime();
        final List<Session.Snapshot> open = sessionStore.openSessions();
        // Sized for what is restored, so a million sessions do not rehash the table on the way.
        this.sessions = new SessionTable(Math.max(1 << 16, open.size()), config.sessionIdleSeconds() * 1000L, ageMs,
            sessionStore);
        final long nowMs = System.currentTimeMillis();
        open.forEach(session -> sessions.restore(session, nowMs));
        if (!open.isEmpty())
        {
            LOG.info("restored {} open session(s) in {} ms", open.size(),
                (System.nanoTime() - restoreStartNs) / 1_000_000);
        }
        this.accountant = new Accountant(config, classes, sessions, rows, exporters,
            login -> directory.resolve(login, "config"));
        this.ledger = new Ledger(store, classes.names());
        this.tickMs = config.tickMs();
        this.live = live;
        this.liveFolder = new LiveFolder(live, liveDir, classes, config.zone());
        liveFolder.reconcile(ledger, nowMs);
    }

    public void onFlow(final FlowEvent flow, final long nowMs)
    {
        accountant.onFlow(flow, nowMs);
    }

    /**
     * @param userId the directory's id of the change's user, resolved by the session publisher.
     */
    public void onSession(final SessionChange change, final long userId)
    {
        sessionChanges++;
        sessions.apply(change, userId);
    }

    /**
     * Ticks when a tick is due; called after each batch of events and by the idle timer.
     */
    public void maybeTick(final long nowMs)
    {
        if (nowMs >= nextTickMs)
        {
            tick(nowMs);
            nextTickMs = nowMs + tickMs;
        }
    }

    private void tick(final long nowMs)
    {
        ticks++;
        unwritten.addAll(rows);
        rows.clear();
        ticksUnwritten++;
        if (ticksUnwritten >= config.ledgerEveryTicks())
        {
            writeLedger();
        }
        if (nowMs >= nextExpireMs)
        {
            sessions.expire(nowMs);
            accountant.expire(nowMs);
            nextExpireMs = nowMs + EXPIRE_EVERY_MS;
        }
    }

    private void writeLedger()
    {
        final Map<Long, long[]> chains = new HashMap<>();
        try
        {
            ledger.write(unwritten, user -> chains.computeIfAbsent(user, this::costCentreIds), ticksUnwritten);
        }
        catch (final RuntimeException ex)
        {
            // Nothing of the batch was written (it is atomic): keep it, and try again with the next ticks' usage.
            ledgerFailures++;
            if (nextLedgerErrorLogMs <= System.currentTimeMillis())
            {
                LOG.error("the ledger could not be written ({} failure(s) so far); usage is kept in memory and " +
                    "written when the store recovers", ledgerFailures, ex);
                nextLedgerErrorLogMs = System.currentTimeMillis() + 60_000;
            }
            return;
        }
        try
        {
            // Folded only after the ledger has it: the live counters never run ahead of the truth.
            liveFolder.fold(unwritten, ledger.checkpoint(), System.currentTimeMillis());
        }
        catch (final RuntimeException ex)
        {
            // The ledger has the batch; the live counters are behind and are rebuilt from it at the next start.
            liveFailures++;
            if (nextLiveErrorLogMs <= System.currentTimeMillis())
            {
                LOG.error("the live counters could not be updated ({} failure(s) so far); they are rebuilt from the " +
                    "ledger at the next start", liveFailures, ex);
                nextLiveErrorLogMs = System.currentTimeMillis() + 60_000;
            }
        }
        finally
        {
            unwritten.clear();
            ticksUnwritten = 0;
        }
    }

    private long[] costCentreIds(final long userId)
    {
        final List<CostCentre> chain = directory.costCentreChain(userId);
        final long[] ids = new long[chain.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = chain.get(i).numericId();
        }
        return ids;
    }

    /**
     * Counts what is left and writes it: the daemon is stopping and the ring is drained.
     */
    public void flush(final long nowMs)
    {
        tick(nowMs);
        if (ticksUnwritten > 0)
        {
            writeLedger();
        }
    }

    public Accountant accountant()
    {
        return accountant;
    }

    public SessionTable sessions()
    {
        return sessions;
    }

    /** @return sessions as stored: readable from any thread. */
    public SessionStore sessionStore()
    {
        return sessionStore;
    }

    /** @return this period's counters per address and per user. */
    public LiveCounters live()
    {
        return live;
    }

    public Ledger ledger()
    {
        return ledger;
    }

    public TrafficClasses classes()
    {
        return classes;
    }

    public long ticks()
    {
        return ticks;
    }

    public long sessionChanges()
    {
        return sessionChanges;
    }

    /** @return ledger batches that failed to be written (kept and retried). */
    public long ledgerFailures()
    {
        return ledgerFailures;
    }

    /** @return ledger batches written but not folded into the live counters (rebuilt at the next start). */
    public long liveFailures()
    {
        return liveFailures;
    }
}
