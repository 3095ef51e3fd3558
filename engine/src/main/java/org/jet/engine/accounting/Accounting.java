package org.jet.engine.accounting;

import java.util.List;

import org.jet.engine.config.AccountingConfig;
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
 * The engine's work, on the engine thread: count each flow ({@link Accountant}) into usage rows, apply each
 * session change, and hand the rows to the {@link LedgerWriter}'s thread, which writes each table in one atomic
 * batch and folds it into the live counters: users' rows every {@code ledger_every_ticks} ticks, addresses' rows
 * every {@code address_ledger_every_ticks}.
 */
public final class Accounting
{
    private static final Logger LOG = LoggerFactory.getLogger(Accounting.class);
    private static final long EXPIRE_EVERY_MS = 60_000;
    /**
     * Rows a table of users' usage starts with at most (about 128 MiB): it holds about a second of usage, of every
     * user at a busy site, so it is sized for that at start rather than doubled on the engine thread under load.
     */
    private static final long MAX_USER_ROWS_EXPECTED = 1 << 20;
    /**
     * Rows a second holds per active user: one per traffic class and hour, and for the first minutes of every hour
     * each user's flows still span the turn, so the table holds the rows of both hours (once a table of 65,536 rows
     * doubled on the engine thread at each daemon's first batch and again at every hour's turn, when the engine
     * also counts each flow in two hours; with 100,000 users the ring overflowed at every turn from 3.0M records/s:
     * bench/README.md, session 22).
     */
    private static final int USER_ROWS_PER_USER = 2;
    /**
     * Rows a table of addresses' usage starts with at most (about 2 GiB): it holds a minute of usage, so it is sized
     * for all of it at start rather than doubled while the first minute fills it (a copy of hundreds of MiB that
     * took 0.2 to 1 s, measured outside the daemon, and could overflow the ring, a minute into every daemon's life).
     */
    private static final long MAX_ADDRESS_ROWS_EXPECTED = 1 << 24;
    /**
     * Rows a minute holds per active address: its traffic to the internet and to one other class (a peering or a
     * free zone), or at an hour's turn its rows of both hours.
     */
    private static final int ADDRESS_ROWS_PER_ADDRESS = 2;
    /** While quotas are debited: the shortest time between two hand-overs of users' usage. */
    private static final long QUOTA_HAND_OVER_MS = 10;

    private final AccountingConfig config;
    private final TrafficClasses classes;
    private final SessionTable sessions;
    private final SessionStore sessionStore;
    private UsageRows ipRows;
    private UsageRows userRows;
    private final Accountant accountant;
    private final Ledger ledger;
    private final LiveCounters live;
    private final LiveFolder liveFolder;
    private final LedgerWriter writer;
    private final long tickMs;
    private long nextTickMs;
    private long nextExpireMs;
    private long ticksSinceUsers;
    private long lastUsersHandOverMs;
    private long ticksSinceAddresses;
    /** The largest table of addresses' usage seen, in slots: each doubling past it is told once. */
    private int addressCapacityTold;
    private long sessionChanges;
    private UsageDebits debits = UsageDebits.NONE;

    /**
     * @param live    this period's counters; {@code liveDir} is their directory (the fold state is noted there).
     */
    public Accounting(final AccountingConfig config, final JetStore store, final Directory directory,
        final ExporterLookup exporters, final LiveCounters live, final java.nio.file.Path liveDir)
    {
        this.config = config;
        this.classes = new TrafficClasses(config);
        this.sessionStore = new SessionStore(store);
        final long ageMs = config.maxFlowAgeSeconds() * 1000L;
        final long restoreStartNs = System.nanoTime();
        final List<Session.Snapshot> open = sessionStore.openSessions();
        sessionStore.indexHeld(open);
        // Sized for what is restored, so a million sessions do not rehash the table on the way.
        this.sessions = new SessionTable(Math.max(1 << 10, open.size()), config.sessionIdleSeconds() * 1000L, ageMs,
            sessionStore);
        final long nowMs = System.currentTimeMillis();
        open.forEach(session -> sessions.restore(session, nowMs));
        if (!open.isEmpty())
        {
            LOG.info("restored {} open session(s) in {} ms", open.size(),
                (System.nanoTime() - restoreStartNs) / 1_000_000);
        }
        final int ipRowsExpected = (int)Math.min(ADDRESS_ROWS_PER_ADDRESS * config.expectedAddresses(),
            MAX_ADDRESS_ROWS_EXPECTED);
        final int userRowsExpected = (int)Math.min(USER_ROWS_PER_USER * config.expectedUsers(),
            MAX_USER_ROWS_EXPECTED);
        this.ipRows = new UsageRows(ipRowsExpected);
        this.addressCapacityTold = ipRows.capacity();
        this.userRows = new UsageRows(userRowsExpected);
        this.accountant = new Accountant(config, classes, sessions, ipRows, userRows, exporters,
            login -> directory.resolve(login, "config"));
        this.ledger = new Ledger(store, classes.names(), userRowsExpected);
        this.tickMs = config.tickMs();
        this.live = live;
        this.liveFolder = new LiveFolder(live, liveDir, classes, config.zone());
        liveFolder.reconcile(ledger, nowMs);
        // A table of addresses is written over most of their cadence: a steady load, done before the next comes.
        this.writer = new LedgerWriter(ledger, liveFolder, directory, ipRowsExpected, userRowsExpected,
            (long)config.addressLedgerEveryTicks() * config.tickMs() * 9 / 10, config.ledgerNice());
    }

    /**
     * Debits users' usage as it is written (the quota ledger); before {@link #start}. While it debits anything,
     * users' usage goes to the ledger every tick, so a threshold is acted on within about a tick.
     */
    public void debits(final UsageDebits debits)
    {
        this.debits = debits;
        writer.debits(debits);
    }

    /** Starts the ledger's thread. */
    public void start()
    {
        writer.start();
    }

    /**
     * Counts a flow, perhaps together with the next ones (see {@link Accountant#onFlowBatched}); all are counted by
     * the next {@link #onSession} or {@link #maybeTick}, which the engine calls at the end of each batch.
     */
    public void onFlow(final FlowEvent flow, final long nowMs)
    {
        accountant.onFlowBatched(flow, nowMs);
    }

    /**
     * @param userId the directory's id of the change's user, resolved by the session publisher.
     */
    public void onSession(final SessionChange change, final long userId)
    {
        sessionChanges++;
        // Flows before the change in the ring are counted before it, as if one at a time.
        accountant.flush();
        sessions.apply(change, userId);
    }

    /**
     * Ticks when a tick is due; called after each batch of events and by the idle timer.
     */
    public void maybeTick(final long nowMs)
    {
        accountant.flush();
        if (nowMs >= nextTickMs)
        {
            tick(nowMs);
            nextTickMs = nowMs + tickMs;
        }
        else if (debits.active() && userRows.size() > 0 && nowMs - lastUsersHandOverMs >= QUOTA_HAND_OVER_MS)
        {
            // Quotas act on what the ledger has: hand users' usage over between ticks, as often as the writer takes
            // it (its batches grow while it is busy), so a threshold is acted on in milliseconds, not a tick.
            handOverUsers(nowMs);
        }
    }

    private void handOverUsers(final long nowMs)
    {
        final UsageRows next = writer.handOver(LedgerWriter.Kind.USERS, userRows);
        if (next != null)
        {
            userRows = next;
            accountant.countUsersInto(next);
            ticksSinceUsers = 0;
            lastUsersHandOverMs = nowMs;
        }
    }

    /** A table that doubled stopped the engine while it copied: the operator can size it at start instead. */
    private void tellIfGrown(final UsageRows handedOver)
    {
        if (handedOver.capacity() > addressCapacityTold)
        {
            addressCapacityTold = handedOver.capacity();
            LOG.warn("a minute's usage per address took {} rows: the engine grew its table (a pause of the flows) " +
                "to {} slots; raise accounting.expected_addresses (now {}) to size it at start", handedOver.size(),
                handedOver.capacity(), config.expectedAddresses());
        }
    }

    private void tick(final long nowMs)
    {
        if (++ticksSinceUsers >= config.ledgerEveryTicks() || (debits.active() && userRows.size() > 0))
        {
            handOverUsers(nowMs);
        }
        // Addresses' usage held in their session rows moves to their table a slice a tick, all of it once between
        // two hand-overs.
        accountant.moveAddressUsageSome(config.addressLedgerEveryTicks());
        if (++ticksSinceAddresses >= config.addressLedgerEveryTicks())
        {
            final UsageRows next = writer.handOver(LedgerWriter.Kind.ADDRESSES, ipRows);
            if (next != null)
            {
                tellIfGrown(ipRows);
                ipRows = next;
                accountant.countAddressesInto(next);
                ticksSinceAddresses = 0;
            }
        }
        // Idle sessions end within about EXPIRE_EVERY_MS: a slice of the table each tick, not all of it at once.
        sessions.expireSome(nowMs, (int)Math.max(1, EXPIRE_EVERY_MS / tickMs));
        if (nowMs >= nextExpireMs)
        {
            accountant.expire(nowMs);
            nextExpireMs = nowMs + EXPIRE_EVERY_MS;
        }
    }

    /**
     * Writes what the ledger's thread has and what the engine counted since: the daemon is stopping, the ring is
     * drained and the engine thread has stopped.
     */
    public void flush() throws InterruptedException
    {
        accountant.moveAllAddressUsage();
        writer.close();
        for (final UsageRows rows : new UsageRows[]{userRows, ipRows})
        {
            if (rows.size() > 0)
            {
                writer.write(rows);
                rows.clear();
            }
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

    public long sessionChanges()
    {
        return sessionChanges;
    }

    /** @return ledger batches that failed to be written (kept and retried). */
    public long ledgerFailures()
    {
        return writer.ledgerFailures();
    }

    /** @return ledger batches written but not folded into the live counters (rebuilt at the next start). */
    public long liveFailures()
    {
        return writer.liveFailures();
    }

    /** @return ledger batches written. */
    public long ledgerBatches()
    {
        return writer.batches();
    }

    /** @return rows in the last ledger batch, and how long it took (write and fold), ms. */
    public long lastBatchRows()
    {
        return writer.lastBatchRows();
    }

    public long lastBatchMs()
    {
        return writer.lastBatchMs();
    }
}
