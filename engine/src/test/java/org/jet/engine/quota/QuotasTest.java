package org.jet.engine.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jet.collector.record.IpAddress;
import org.jet.engine.accounting.Ledger;
import org.jet.engine.accounting.TrafficClasses;
import org.jet.engine.accounting.UsageRows;
import org.jet.engine.action.Outbox;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.QuotaConfig;
import org.jet.engine.config.QuotaConfig.BucketKind;
import org.jet.engine.config.QuotaConfig.Direction;
import org.jet.engine.config.QuotaConfig.Step;
import org.jet.engine.config.QuotaConfig.Threshold;
import org.jet.engine.config.QuotaConfig.UserState;
import org.jet.engine.directory.Directory;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionStore;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.jet.plugin.api.JetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotasTest
{
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final String ADMIN = "admin";

    @TempDir
    Path dataDir;

    private JetStore store;
    private Directory directory;
    private Outbox outbox;
    private Ledger ledger;
    private TrafficClasses classes;
    private AuditLog audit;
    private SessionStore sessions;
    private long alice;

    private Quotas open(final QuotaConfig config)
    {
        if (store == null)
        {
            store = JetStore.open(dataDir);
            audit = AuditLog.open(store);
            directory = Directory.open(store, audit);
            directory.addCostCentre("eng", "Engineering", null, ADMIN);
            directory.addCostCentre("eng-cs", "Computer Science", "eng", ADMIN);
            alice = directory.addUser("alice", "Alice", "alice@example.org", "eng-cs", ADMIN).numericId();
            directory.addUser("bob", "Bob", null, "eng-cs", ADMIN);
            outbox = new Outbox(store);
            final AccountingConfig accounting = new AccountingConfig(null, null, "UTC", null, null, null, null, null,
                null, null, null, null, null, null, null);
            classes = new TrafficClasses(accounting);
            ledger = new Ledger(store, classes.names());
            sessions = new SessionStore(store);
        }
        return new Quotas(store, config, ZoneOffset.UTC, classes, directory, sessions, outbox, audit, ledger);
    }

    @AfterEach
    void close()
    {
        if (store != null)
        {
            store.close();
        }
    }

    private static QuotaConfig config(final List<Step> order, final List<Threshold> thresholds)
    {
        return new QuotaConfig(QuotaConfig.Period.DAILY, null, null, null, null, order, thresholds);
    }

    private static QuotaConfig defaults()
    {
        return config(null, null);
    }

    /** Writes usage of {@code userId} in class internet through the ledger, as the ledger's thread does. */
    private void use(final Quotas quotas, final long userId, final long bytesIn, final long bytesOut, final long nowMs)
    {
        final UsageRows rows = new UsageRows(16);
        rows.add(0, userId, UsageRows.meta(UsageRows.USER, nowMs / HOUR, TrafficClasses.INTERNET), bytesIn,
            bytesOut, 1, 1);
        quotas.writeWith(rows, nowMs, alsoInBatch -> ledger.write(rows, user -> new long[0], alsoInBatch));
    }

    private List<String> eventTypes()
    {
        final List<String> types = new java.util.ArrayList<>(outbox.history(100, null, null).stream()
            .map(e -> e.get("type").asText()).toList());
        java.util.Collections.reverse(types);
        return types;
    }

    @Test
    void shouldDebitBucketsInTheConfiguredOrder()
    {
        final Quotas quotas = open(config(List.of(new Step(BucketKind.USER_PLAN, null, null),
            new Step(BucketKind.USER_TOPUPS, null, null), new Step(BucketKind.COST_CENTRE_POOL, null, null),
            new Step(BucketKind.GLOBAL_POOL, null, null)), null));
        quotas.plan("alice", 100L, ADMIN);
        quotas.topUp("alice", 30, 0, "r1", Bucket.Kind.TOPUP, ADMIN);
        quotas.topUp("alice", 20, 0, "r2", Bucket.Kind.TOPUP, ADMIN);
        quotas.pool("eng-cs", 40, ADMIN);
        quotas.pool("eng", 1000, ADMIN);
        quotas.pool(null, 5000, ADMIN);
        final long now = System.currentTimeMillis();

        use(quotas, alice, 100, 20, now); // plan 100, then 20 of the oldest top-up
        QuotaView view = quotas.show("alice");
        assertEquals(List.of(0L, 10L, 20L), view.buckets().stream().map(QuotaView.BucketView::remainingBytes)
            .toList(), "plan, then the oldest top-up first");

        use(quotas, alice, 70, 0, now); // 10 + 20 from top-ups, 40 from the department's pool
        use(quotas, alice, 60, 0, now); // the faculty's pool
        view = quotas.show("alice");
        assertEquals(150, view.usedBytes());
        assertEquals(0, view.remainingBytes());
        assertEquals(100, view.poolBytes());
        assertEquals(List.of(new QuotaView.PoolView("eng-cs", 40, 0), new QuotaView.PoolView("eng", 1000, 940),
            new QuotaView.PoolView("global", 5000, 5000)), view.pools());
        assertEquals("WARNED", view.state(), "own allowance used up; pools still pay, so not shaped");
        assertEquals(150 + 100, quotas.recompute("alice").ledgerBytes());
        assertTrue(quotas.recompute("alice").matches());
    }

    @Test
    void shouldPayOnlyForTheDirectionsAndClassesAStepCounts()
    {
        final Quotas quotas = open(config(List.of(new Step(BucketKind.USER_PLAN, List.of(Direction.IN),
            List.of("internet"))), null));
        quotas.plan("alice", 1000L, ADMIN);
        use(quotas, alice, 100, 500, System.currentTimeMillis());
        final UsageRows onNet = new UsageRows(4);
        onNet.add(0, alice, UsageRows.meta(UsageRows.USER, System.currentTimeMillis() / HOUR, TrafficClasses.ON_NET),
            1_000_000, 0, 1, 0);
        quotas.writeWith(onNet, System.currentTimeMillis(), b -> ledger.write(onNet, u -> new long[0], b));
        assertEquals(100, quotas.show("alice").usedBytes(), "uploads and on-net traffic are free here");
    }

    @Test
    void shouldEmitEachThresholdOnceAcrossRestartsAndRestoreOnTopUp()
    {
        Quotas quotas = open(defaults());
        quotas.plan("alice", 1000L, ADMIN);
        sessions.writeOpen(List.of(new Session.Snapshot(0, IpAddress.mappedLo(0x0a000005), 128, alice, "alice",
            "s1", "api", 0, Session.OPEN, 0)));
        final long now = System.currentTimeMillis();
        use(quotas, alice, 700, 0, now);
        assertEquals(List.of(), eventTypes());
        use(quotas, alice, 150, 0, now);
        assertEquals(List.of("WARNED"), eventTypes());
        use(quotas, alice, 10, 0, now);
        assertEquals(List.of("WARNED"), eventTypes(), "80 % is told once");

        quotas = open(defaults()); // a restart
        use(quotas, alice, 10, 0, now);
        assertEquals(List.of("WARNED"), eventTypes(), "and once across restarts");
        use(quotas, alice, 200, 0, now);
        assertEquals(List.of("WARNED", "SHAPED"), eventTypes());
        assertEquals("SHAPED", quotas.show("alice").state());
        assertEquals(70, quotas.show("alice").overageBytes());
        final ObjectNode shaped = outbox.history(1, "alice", JetEvent.Type.SHAPED).get(0);
        assertEquals("1000000", shaped.get("details").get("rate_bits_per_second").asText());
        assertEquals("10.0.0.5", shaped.get("subject").get("addresses").get(0).asText(),
            "the edge device is told which addresses the user holds");
        assertEquals("exhausted", shaped.get("details").get("threshold").asText());

        quotas = open(defaults());
        use(quotas, alice, 5, 0, now);
        assertEquals(List.of("WARNED", "SHAPED"), eventTypes(), "shaped once, restarts included");

        quotas.topUp("alice", 500, 0, "receipt-1", Bucket.Kind.TOPUP, ADMIN);
        assertEquals(List.of("WARNED", "SHAPED", "TOP_UP", "RESTORED"), eventTypes());
        final QuotaView view = quotas.show("alice");
        assertEquals("NORMAL", view.state(), "1000 of 1500 used: below 80 %");
        assertEquals(1500, view.allowanceBytes());

        use(quotas, alice, 300, 0, now);
        assertEquals(List.of("WARNED", "SHAPED", "TOP_UP", "RESTORED", "WARNED"), eventTypes(),
            "crossing 80 % of the new allowance is news");
        use(quotas, alice, 300, 0, now);
        assertEquals(List.of("WARNED", "SHAPED", "TOP_UP", "RESTORED", "WARNED", "SHAPED"), eventTypes());
        final List<String> ids = outbox.history(100, null, null).stream().map(e -> e.get("id").asText()).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "event ids are unique: " + ids);
    }

    @Test
    void shouldRestoreAndRefillAtTheNextPeriodAndRollOverWhatWasLeft()
    {
        final QuotaConfig config = new QuotaConfig(QuotaConfig.Period.DAILY, null, null, "1000", 2, null,
            List.of(new Threshold(null, true, UserState.SUSPENDED, null)));
        final Quotas quotas = open(config);
        final long now = System.currentTimeMillis();
        use(quotas, alice, 1200, 0, now);
        assertEquals("SUSPENDED", quotas.show("alice").state(), "the default plan applies to every user");
        final long bob = directory.user("bob").numericId();
        use(quotas, bob, 400, 0, now);

        quotas.tick(now + DAY);
        assertEquals(List.of("SUSPENDED", "RESTORED"), eventTypes());
        final QuotaView alices = quotas.show("alice");
        assertEquals("NORMAL", alices.state());
        assertEquals(1000, alices.remainingBytes());
        final QuotaView bobs = quotas.show("bob");
        assertEquals(1600, bobs.remainingBytes(), "600 unused rolls over");
        assertEquals("rollover", bobs.buckets().get(0).kind(), "what rolled over goes first");
    }

    @Test
    void shouldLeaveTheQuotaAsItWasWhenTheBatchIsNotWritten()
    {
        final Quotas quotas = open(defaults());
        quotas.plan("alice", 1000L, ADMIN);
        final UsageRows rows = new UsageRows(4);
        rows.add(0, alice, UsageRows.meta(UsageRows.USER, System.currentTimeMillis() / HOUR, TrafficClasses.INTERNET),
            900, 0, 1, 0);
        assertThrows(IllegalStateException.class, () -> quotas.writeWith(rows, System.currentTimeMillis(), batch ->
        {
            batch.accept(new org.rocksdb.WriteBatch());
            throw new IllegalStateException("disk full");
        }));
        assertEquals(0, quotas.show("alice").usedBytes());
        assertEquals(List.of(), eventTypes());
        use(quotas, alice, 900, 0, System.currentTimeMillis());
        assertEquals(900, quotas.show("alice").usedBytes());
        assertEquals(List.of("WARNED"), eventTypes());
    }

    @Test
    void shouldRefuseMistakesInOneLine()
    {
        final Quotas quotas = open(defaults());
        assertEquals("no user 'carol'", assertThrows(QuotaException.class,
            () -> quotas.topUp("carol", 10, 0, null, Bucket.Kind.TOPUP, ADMIN)).getMessage());
        assertEquals("a top-up must be more than 0 bytes", assertThrows(QuotaException.class,
            () -> quotas.topUp("alice", 0, 0, null, Bucket.Kind.TOPUP, ADMIN)).getMessage());
        assertEquals("no cost centre 'law'", assertThrows(QuotaException.class,
            () -> quotas.pool("law", 10, ADMIN)).getMessage());
    }
}
