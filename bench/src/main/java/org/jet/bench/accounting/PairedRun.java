package org.jet.bench.accounting;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link AccountantBenchmark} methods of two or more builds, run paired: each benchmarks jar in its own class loader
 * (with its own population), short rounds alternating between them, thread CPU time per record. On a machine that
 * other work keeps busy, JMH's error bars are wider than most changes; the ratio of two builds measured in the same
 * rounds is not. The first three rounds are warm-up and dropped.
 *
 * <pre>
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -Xmx10g -cp bench/target/benchmarks.jar \
 *     org.jet.bench.accounting.PairedRun "campus 1M/100k" 16 before.jar:onFlow after.jar:onFlow
 * </pre>
 *
 * {@code -Devents=4096} sets {@link AccountantBenchmark#events} (records cycled through) in every jar.
 *
 * <p>Prints, for each jar and method, the median and least time per record and the median (and quartiles) of its
 * ratio to the first one's in the same round.
 */
public final class PairedRun
{
    private static final long ROUND_NS = 300_000_000L;
    private static final int WARM_UP_ROUNDS = 3;

    private PairedRun()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3)
        {
            System.err.println("usage: PairedRun POPULATION ROUNDS JAR:METHOD [JAR:METHOD...]");
            System.exit(2);
        }
        final String population = args[0];
        final int rounds = Integer.parseInt(args[1]);
        final int n = args.length - 2;
        if (rounds <= WARM_UP_ROUNDS)
        {
            System.err.println("ROUNDS must be more than " + WARM_UP_ROUNDS + " (the warm-up)");
            System.exit(2);
        }
        final Object[] benchmarks = new Object[n];
        final Method[] methods = new Method[n];
        for (int i = 0; i < n; i++)
        {
            final String[] jarAndMethod = args[2 + i].split(":");
            final ClassLoader loader = new URLClassLoader(new URL[]{Path.of(jarAndMethod[0]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            final Class<?> type = loader.loadClass(AccountantBenchmark.class.getName());
            benchmarks[i] = type.getConstructor().newInstance();
            type.getField("population").set(benchmarks[i], population);
            if (System.getProperty("events") != null)
            {
                type.getField("events").set(benchmarks[i], Integer.getInteger("events"));
            }
            type.getMethod("setUp").invoke(benchmarks[i]);
            methods[i] = type.getMethod(jarAndMethod[1]);
        }

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] nsPerRecord = new double[n][rounds];
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < n; i++)
            {
                long invocations = 0;
                final long cpuStart = threads.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                while (System.nanoTime() - start < ROUND_NS)
                {
                    for (int k = 0; k < 20; k++)
                    {
                        methods[i].invoke(benchmarks[i]);
                    }
                    invocations += 20;
                }
                nsPerRecord[i][round] = (threads.getCurrentThreadCpuTime() - cpuStart) /
                    (double)(invocations * AccountantBenchmark.BATCH);
            }
        }

        final int kept = rounds - WARM_UP_ROUNDS;
        for (int i = 0; i < n; i++)
        {
            final double[] times = Arrays.copyOfRange(nsPerRecord[i], WARM_UP_ROUNDS, rounds);
            final double[] ratios = new double[kept];
            for (int round = WARM_UP_ROUNDS; round < rounds; round++)
            {
                ratios[round - WARM_UP_ROUNDS] = nsPerRecord[i][round] / nsPerRecord[0][round];
            }
            Arrays.sort(times);
            Arrays.sort(ratios);
            System.out.printf("%-16s %-40s median %7.1f ns, least %7.1f ns; to the first: %.2f (%.2f..%.2f)%n",
                population, args[2 + i], times[kept / 2], times[0], ratios[kept / 2], ratios[kept / 4],
                ratios[3 * kept / 4]);
        }
    }
}
