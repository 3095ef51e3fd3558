package org.jet.bench.accounting;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jet.bench.loadgen.LoadGenerator;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.engine.accounting.Accountant;
import org.jet.engine.accounting.TrafficClasses;
import org.jet.engine.accounting.UsageRows;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.Cidr;
import org.jet.engine.ingest.FlowEvent;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine thread's cost per flow record: {@link Accountant#onFlow} with everything it does (exporter rules,
 * direction from the internal networks, traffic class, attribution to the user whose session holds the address at
 * the flow's time, hour split, the adds to the usage rows per address and per user), over ring slots filled the way
 * the readers fill them ({@link FlowEvent#setFlow}).
 *
 * <p>The population: every internal address (from 10.0.0.0, in the default {@code internal_networks}) has an open
 * session, restored as the daemon restores them at start, of user {@code address index mod users}. Records pick an
 * address at random (uniformly: the worst case for caches; real traffic repeats its active hosts) and a remote
 * address: 90 % from 198.18.0.0/15 (class {@code internet}), 10 % from 203.0.113.0/24, the remote prefix of the one
 * configured class ({@code peering}, rated 0.5). Half are downloads, half uploads; NetFlow v9-like delta counters,
 * unsampled; end times within the last 30 minutes of a clock 20 minutes into an hour and durations up to a minute,
 * so about 1.7 % of records span two hours and are split. With {@code -p atTheTurn=true} the clock is 30 s past the
 * hour, end times within those 30 s and every record began a minute before it ended: as at every hour's turn, each
 * record spans two hours and is split (and the usage rows hold both hours' rows of each user).
 *
 * <p>{@link #onFlow} counts as the engine does: {@link Accountant#onFlowBatched} for each record of a ring batch of
 * {@value #BATCH}, then {@link Accountant#flush} at the batch's end; {@link #onFlowUnbatched} counts each record at
 * once ({@link Accountant#onFlow}), to show what batching saves.
 *
 * <p>The usage rows are cleared every {@value #RECORDS_PER_TICK} records, as the engine drains them every tick
 * (0.1 s at a million records a second), so they stay the size they have in the engine; the clear is in the score
 * (in the engine the ledger's thread clears them), and so is moving a tick's slice of the addresses' usage held in
 * their session rows.
 * {@link #readFields} reads the same slot fields and nothing else: the score of {@link #onFlow} divided by it is the
 * cost of accounting relative to touching the record at all.
 *
 * <p>Scores are per record. Run: {@code java -jar bench/target/benchmarks.jar AccountantBenchmark -prof gc};
 * "gc.alloc.rate.norm" must be about 0. Another population: {@code -p population="big 4M/400k"} (ADDRESSES/USERS).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Huge pages as bin/jet gives the daemon (where the kernel offers them; elsewhere the JVM warns and goes on without):
// the session and usage tables are read at random, and every miss is a TLB miss too with 4 KiB pages.
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-XX:+UseTransparentHugePages"})
public class AccountantBenchmark
{
    static final int RECORDS_PER_TICK = 100_000;
    static final int BATCH = 1_000;
    /** The default {@code address_ledger_every_ticks}. */
    private static final int TICKS_PER_ADDRESS_HAND_OVER = 600;
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 60 * MINUTE_MS;
    private static final int INTERNAL_BASE = 0x0a00_0000;
    private static final int INTERNET_BASE = 0xc612_0000;
    private static final int INTERNET_HOSTS = 1 << 17;
    private static final int PEERING_BASE = 0xcb00_7100;
    private static final int PEERING_HOSTS = 256;

    /** {@code NAME ADDRESSES/USERS}. */
    @Param({"hot 10k/1k", "campus 1M/100k"})
    public String population;

    /**
     * Ring slots cycled through (a power of two). The default is larger than the caches, as the daemon's ring is
     * (its default was this size until session 14, and is twice it now: every slot is a miss either way); a few
     * thousand ({@code -p events=4096}) keep the records in cache, leaving the engine's own compute.
     */
    @Param({"262144"})
    public int events = 262_144;

    /** Every record spans the hour's turn, as for the first minute of every hour (see the class comment). */
    @Param({"false"})
    public boolean atTheTurn;

    private FlowEvent[] slots;
    private int slotMask;
    private Accountant accountant;
    private UsageRows rows;
    private long nowMs;
    private int next;
    private int sinceTick;

    @Setup(Level.Trial)
    public void setUp()
    {
        final String[] sizes = population.substring(population.lastIndexOf(' ') + 1).split("/");
        final int addresses = (int)LoadGenerator.parseCount(sizes[0]);
        final int users = (int)LoadGenerator.parseCount(sizes[1]);
        // A fixed place in the hour, so the share of flows spanning two hours does not depend on when this runs.
        nowMs = System.currentTimeMillis() / HOUR_MS * HOUR_MS + (atTheTurn ? MINUTE_MS / 2 : 20 * MINUTE_MS);

        final AccountingConfig config = new AccountingConfig(null, null, "UTC",
            List.of(new AccountingConfig.TrafficClass("peering", List.of(Cidr.parse("203.0.113.0/24")), null, null,
                null, 0.5)),
            null, null, null, null, null, null, null, null, null, null, null);
        final SessionTable sessions = new SessionTable(Math.max(1 << 10, addresses),
            config.sessionIdleSeconds() * 1000L, config.maxFlowAgeSeconds() * 1000L, new NoListener());
        for (int i = 0; i < addresses; i++)
        {
            final int user = i % users;
            sessions.restore(new Session.Snapshot(0, IpAddress.mappedLo(INTERNAL_BASE + i), 128, 1 + user,
                "u" + (user + 1), null, "bench", nowMs - 2 * HOUR_MS, Session.OPEN, nowMs - 2 * HOUR_MS), nowMs);
        }
        // One table for addresses and users, grown to what a tick holds (the daemon sizes its users' table for two
        // rows a user and its addresses' for two an address, so at a turn its users' table is emptier than this).
        rows = new UsageRows(1 << 12);
        accountant = new Accountant(config, new TrafficClasses(config), sessions, rows, rows,
            (reader, exporter) -> null, login -> SessionTable.NO_USER);

        if (Integer.bitCount(events) != 1)
        {
            throw new IllegalArgumentException("events must be a power of two: " + events);
        }
        slots = new FlowEvent[events];
        slotMask = events - 1;
        final SplittableRandom random = new SplittableRandom(2026);
        final FlowRecord record = new FlowRecord();
        for (int n = 0; n < events; n++)
        {
            final int inside = INTERNAL_BASE + random.nextInt(addresses);
            final int outside = random.nextInt(10) == 0 ? PEERING_BASE + random.nextInt(PEERING_HOSTS) :
                INTERNET_BASE + random.nextInt(INTERNET_HOSTS);
            final int clientPort = 1_024 + random.nextInt(64_000);
            final boolean download = (n & 1) == 0;
            record.clear();
            record.version(9);
            record.srcAddrV4(download ? outside : inside);
            record.dstAddrV4(download ? inside : outside);
            record.srcPort(download ? 443 : clientPort);
            record.dstPort(download ? clientPort : 443);
            record.protocol(6);
            final long bytes = 40 + random.nextInt(150_000);
            record.bytes(bytes);
            record.packets(1 + bytes / 1_500);
            record.inputIf(download ? 1 : 2);
            record.outputIf(download ? 2 : 1);
            record.samplingRateUnknown(1);
            final long endMs = nowMs - 1_000 - random.nextLong(atTheTurn ? MINUTE_MS / 2 - 1_000 : 30 * MINUTE_MS);
            record.endMs(endMs);
            record.startMs(endMs - (atTheTurn ? MINUTE_MS : random.nextLong(MINUTE_MS)));
            slots[n] = new FlowEvent();
            slots[n].setFlow(record, 0, 0, 0);
        }
    }

    /** One flow record through the engine's accounting, as the engine does it: batched, flushed at the batch's end. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long onFlow()
    {
        final Accountant accountant = this.accountant;
        final FlowEvent[] slots = this.slots;
        final int slotMask = this.slotMask;
        final long nowMs = this.nowMs;
        int i = next;
        for (int n = 0; n < BATCH; n++)
        {
            accountant.onFlowBatched(slots[i], nowMs);
            i = (i + 1) & slotMask;
        }
        accountant.flush();
        next = i;
        tick();
        return accountant.flows();
    }

    /** One flow record counted at once ({@link Accountant#onFlow}): what batching saves. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long onFlowUnbatched()
    {
        final Accountant accountant = this.accountant;
        final FlowEvent[] slots = this.slots;
        final int slotMask = this.slotMask;
        final long nowMs = this.nowMs;
        int i = next;
        for (int n = 0; n < BATCH; n++)
        {
            accountant.onFlow(slots[i], nowMs);
            i = (i + 1) & slotMask;
        }
        next = i;
        tick();
        return accountant.flows();
    }

    /** The baseline: the same slots, each field {@link Accountant#onFlow} reads, summed. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long readFields()
    {
        final FlowEvent[] slots = this.slots;
        final int slotMask = this.slotMask;
        long sum = 0;
        int i = next;
        for (int n = 0; n < BATCH; n++)
        {
            final FlowEvent flow = slots[i];
            sum += flow.flags() + flow.readerId() + flow.exporterId() + flow.inputIf() + flow.outputIf() +
                flow.bytes() + flow.packets() + flow.samplingRate() + flow.startMs() + flow.endMs() +
                flow.srcAddrHi() + flow.srcAddrLo() + flow.dstAddrHi() + flow.dstAddrLo() +
                flow.srcPort() + flow.dstPort() + flow.protocol();
            i = (i + 1) & slotMask;
        }
        next = i;
        tick();
        return sum;
    }

    private void tick()
    {
        // As the engine does each tick (every RECORDS_PER_TICK records here): a slice of the addresses' usage held
        // in their session rows moves to the table, all of it every minute's worth of ticks.
        if (sinceTick == 0)
        {
            accountant.moveAddressUsageSome(TICKS_PER_ADDRESS_HAND_OVER);
        }
        sinceTick += BATCH;
        if (sinceTick >= RECORDS_PER_TICK)
        {
            rows.clear();
            sinceTick = 0;
        }
    }

    @TearDown(Level.Trial)
    public void check()
    {
        // Every internal address has a user: a record that found none, or a transit one, means a broken setup.
        if (accountant.flows() > 0 && (accountant.unattributedBytes() != 0 || accountant.transit() != 0 ||
            accountant.skewed() != 0))
        {
            throw new IllegalStateException("unattributed bytes " + accountant.unattributedBytes() + ", transit " +
                accountant.transit() + ", skewed " + accountant.skewed() + ": the benchmark's setup is wrong");
        }
    }

    /** Restoring tells no listener (nothing is stored). */
    private static final class NoListener implements SessionTable.Listener
    {
        @Override
        public void onOpened(final Session session)
        {
        }

        @Override
        public void onClosed(final Session session)
        {
        }
    }
}
