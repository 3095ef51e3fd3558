package org.jet.bench.accounting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jet.engine.accounting.LiveCounters;
import org.jet.engine.accounting.UsageDeltas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tick's fold into the live counters: {@value #TICK_IPS} touched addresses and {@value #TICK_USERS} touched
 * users added into Chronicle Maps that already hold the period's 1,000,000 addresses and 100,000 users (the steady
 * state: every entry exists, so each is found and updated in place). Four different ticks rotate, each a random
 * (deterministic) draw from the population.
 *
 * <p>The score is per entry folded. Chronicle needs the JVM flags of the parent pom's {@code jvm.flags.base}, copied
 * into {@code @Fork} below (JMH forks do not inherit them). Run:
 * {@code java -jar bench/target/benchmarks.jar LiveCountersFoldBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED"})
public class LiveCountersFoldBenchmark
{
    static final int IPS = 1_000_000;
    static final int USERS = 100_000;
    static final int TICK_IPS = 50_000;
    static final int TICK_USERS = 10_000;
    private static final int TICKS = 4;

    private Path dir;
    private LiveCounters live;
    private final UsageDeltas[] ticks = new UsageDeltas[TICKS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("jet-bench-live");
        live = new LiveCounters(dir, IPS, USERS);

        final UsageDeltas everyone = new UsageDeltas(IPS, IPS, USERS, USERS);
        for (int i = 0; i < IPS; i++)
        {
            everyone.addIp(hi(i), lo(i), 1, 1, 1, 1, 1, 1);
        }
        for (int id = 1; id <= USERS; id++)
        {
            everyone.addUser(id, 1, 1, 1, 1, 1, 1);
        }
        live.fold(everyone);

        final SplittableRandom random = new SplittableRandom(2026);
        for (int t = 0; t < TICKS; t++)
        {
            final UsageDeltas tick = new UsageDeltas(TICK_IPS, TICK_IPS * 2, TICK_USERS, TICK_USERS * 2);
            while (tick.ips().size() < TICK_IPS)
            {
                final int i = random.nextInt(IPS);
                tick.addIp(hi(i), lo(i), 1_500, 100, 2, 1, 1_500, 1_000L + t);
            }
            while (tick.users().size() < TICK_USERS)
            {
                tick.addUser(1 + random.nextInt(USERS), 1_500, 100, 2, 1, 1_500, 1_000L + t);
            }
            ticks[t] = tick;
        }
    }

    private static long hi(final int i)
    {
        return (i & 1) == 0 ? 0 : 0x2001_0db8_0000_0000L + (i >>> 8);
    }

    private static long lo(final int i)
    {
        return (i & 1) == 0 ? 0x0000_ffff_0a00_0000L + i : 0x0200_5eff_fe00_0000L + (i & 0xff);
    }

    @Benchmark
    @OperationsPerInvocation(TICK_IPS + TICK_USERS)
    public void foldTick()
    {
        live.fold(ticks[next]);
        next = (next + 1) & (TICKS - 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        final long ips = live.ipCount();
        live.close();
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        if (ips != IPS)
        {
            throw new IllegalStateException("expected " + IPS + " addresses in the live counters, found " + ips);
        }
    }
}
