package org.jet.bench.accounting;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-record cost of counting: one add to the per-address deltas and one to the per-user deltas, over
 * a population of 1,000,000 addresses (half IPv4, half IPv6) and 100,000 users, each record picking an address and
 * a user at random (deterministic seed). The deltas are cleared every {@value #RECORDS_PER_TICK} records, as the
 * engine does each tick (about 0.1 s at a million records a second), so about 95,000 distinct addresses are
 * touched per tick and the clear's cost is in the score.
 *
 * <p>The score is per record. Run: {@code java -jar bench/target/benchmarks.jar UsageDeltasBenchmark -prof gc};
 * "gc.alloc.rate.norm" must be about 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class UsageDeltasBenchmark
{
    static final int IPS = 1_000_000;
    static final int USERS = 100_000;
    static final int RECORDS_PER_TICK = 100_000;
    static final int BATCH = 1_000;
    private static final int SEQUENCE = 1 << 20;

    private final long[] his = new long[SEQUENCE];
    private final long[] los = new long[SEQUENCE];
    private final long[] userIds = new long[SEQUENCE];
    private UsageDeltas deltas;
    private int next;
    private int sinceClear;

    @Setup(Level.Trial)
    public void setUp()
    {
        // The engine's sizing: room for a tick's worth, growth allowed up to the whole population.
        deltas = new UsageDeltas(65_536, IPS, 16_384, USERS);
        final SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < SEQUENCE; i++)
        {
            final int ip = random.nextInt(IPS);
            if ((ip & 1) == 0)
            {
                his[i] = 0;
                los[i] = 0x0000_ffff_0a00_0000L + ip; // 10.0.0.0/8, IPv4-mapped
            }
            else
            {
                his[i] = 0x2001_0db8_0000_0000L + (ip >>> 8); // one /64 per 256 hosts
                los[i] = 0x0200_5eff_fe00_0000L + (ip & 0xff);
            }
            userIds[i] = 1 + random.nextInt(USERS);
        }
    }

    /** One flow record: its bytes go to the internal address and to the user holding it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean addRecord()
    {
        final UsageDeltas deltas = this.deltas;
        int i = next;
        boolean counted = true;
        for (int n = 0; n < BATCH; n++)
        {
            final long bytes = 64 + (i & 0x3ff);
            counted &= deltas.addIp(his[i], los[i], bytes, 0, 1, 0, bytes, i);
            counted &= deltas.addUser(userIds[i], bytes, 0, 1, 0, bytes, i);
            i = (i + 1) & (SEQUENCE - 1);
        }
        next = i;
        sinceClear += BATCH;
        if (sinceClear >= RECORDS_PER_TICK)
        {
            deltas.clear();
            sinceClear = 0;
        }
        return counted;
    }
}
