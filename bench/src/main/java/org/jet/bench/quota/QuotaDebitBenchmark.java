package org.jet.bench.quota;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.jet.engine.accounting.Ledger;
import org.jet.engine.accounting.TrafficClasses;
import org.jet.engine.accounting.UsageDebits;
import org.jet.engine.accounting.UsageRows;
import org.jet.engine.action.Outbox;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.QuotaConfig;
import org.jet.engine.directory.Directory;
import org.jet.engine.quota.Quotas;
import org.jet.engine.session.SessionStore;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
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
 * The ledger thread's cost of the quota ledger: one batch of {@value #ROWS} user rows (every user of the
 * population, each with a plan) written to the usage ledger alone ({@code ledgerOnly}, the baseline) and with the
 * quota debits in the same batch ({@code ledgerWithQuotas}). Real RocksDB on disk. The score is per user row.
 * Run: {@code java -jar bench/target/benchmarks.jar QuotaDebitBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuotaDebitBenchmark
{
    static final int ROWS = 10_000;
    private static final long HOUR_MS = 3_600_000L;

    @Param({"10000", "100000"})
    int users;

    private Path dir;
    private JetStore store;
    private Ledger ledger;
    private Quotas quotas;
    private final UsageRows rows = new UsageRows(ROWS * 2);
    private long[] userIds;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("jet-bench-quota");
        store = JetStore.open(dir);
        final AuditLog audit = AuditLog.open(store);
        final Directory directory = Directory.open(store, audit);
        directory.addCostCentre("bench", "Benchmark", null, "bench");
        final StringBuilder csv = new StringBuilder("login,cost_centre\n");
        for (int u = 0; u < users; u++)
        {
            csv.append('u').append(u).append(",bench\n");
        }
        directory.importCsv("bench.csv", new StringReader(csv.toString()), "bench");
        userIds = new long[users];
        for (int u = 0; u < users; u++)
        {
            userIds[u] = directory.user("u" + u).numericId();
        }
        final TrafficClasses classes = new TrafficClasses(new AccountingConfig(null, null, "UTC", null, null, null,
            null, null, null, null, null, null, null, null, null));
        ledger = new Ledger(store, classes.names());
        quotas = new Quotas(store, new QuotaConfig(null, null, null, "1TiB", null, null, null), ZoneOffset.UTC,
            classes, directory, new SessionStore(store), new Outbox(store), audit, ledger);
    }

    @Setup(Level.Invocation)
    public void nextBatch()
    {
        rows.clear();
        final long hour = System.currentTimeMillis() / HOUR_MS;
        for (int i = 0; i < ROWS; i++)
        {
            rows.add(0, userIds[next], UsageRows.meta(UsageRows.USER, hour, TrafficClasses.INTERNET), 1_000, 100,
                1, 1);
            next = (next + 1) % users;
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void ledgerOnly()
    {
        UsageDebits.NONE.writeWith(rows, System.currentTimeMillis(),
            alsoInBatch -> ledger.write(rows, user -> new long[0], alsoInBatch));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void ledgerWithQuotas()
    {
        quotas.writeWith(rows, System.currentTimeMillis(),
            alsoInBatch -> ledger.write(rows, user -> new long[0], alsoInBatch));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        store.close();
        try (var paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
