package org.jet.bench;

import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One JMH benchmark method of two or more builds, run paired: each benchmarks jar in its own class loader (with its
 * own state), short rounds alternating between them, thread CPU time per operation. On a machine that other work
 * keeps busy, JMH's error bars are wider than most changes; the ratio of two builds measured in the same rounds is
 * not. The first three rounds are warm-up and dropped.
 *
 * <pre>
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -XX:+UseTransparentHugePages -Xmx10g \
 *     -Dp.population="campus 1M/100k" -cp bench/target/benchmarks.jar org.jet.bench.PairedRun \
 *     org.jet.bench.accounting.AccountantBenchmark 16 before.jar:onFlow after.jar:onFlow
 * </pre>
 *
 * {@code -Dp.NAME=VALUE} sets the benchmark's {@code @Param} field NAME (an int, a boolean or a String) in every
 * jar before its {@code @Setup} methods run (all of them, once: trial-level set-up is what this runner supports).
 * An operation is what the method's {@code @OperationsPerInvocation} says (one invocation without it).
 *
 * <p>Prints, for each jar and method, the median and least time per operation and the median (and quartiles) of
 * its ratio to the first one's in the same round.
 */
public final class PairedRun
{
    private static final long ROUND_NS = 300_000_000L;
    private static final int WARM_UP_ROUNDS = 3;
    private static final String PARAM_PREFIX = "p.";

    private PairedRun()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3)
        {
            System.err.println("usage: PairedRun BENCHMARK_CLASS ROUNDS JAR:METHOD [JAR:METHOD...]");
            System.exit(2);
        }
        final String className = args[0];
        final int rounds = Integer.parseInt(args[1]);
        final int n = args.length - 2;
        if (rounds <= WARM_UP_ROUNDS)
        {
            System.err.println("ROUNDS must be more than " + WARM_UP_ROUNDS + " (the warm-up)");
            System.exit(2);
        }
        final Object[] benchmarks = new Object[n];
        final Method[] methods = new Method[n];
        final int[] operations = new int[n];
        for (int i = 0; i < n; i++)
        {
            final String[] jarAndMethod = args[2 + i].split(":");
            final ClassLoader loader = new URLClassLoader(new URL[]{Path.of(jarAndMethod[0]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            final Class<?> type = loader.loadClass(className);
            benchmarks[i] = type.getConstructor().newInstance();
            setParams(type, benchmarks[i]);
            for (final Method method : type.getMethods())
            {
                if (annotated(method, "Setup"))
                {
                    method.invoke(benchmarks[i]);
                }
            }
            methods[i] = type.getMethod(jarAndMethod[1]);
            operations[i] = operationsPerInvocation(methods[i]);
        }

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] nsPerOperation = new double[n][rounds];
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
                nsPerOperation[i][round] = (threads.getCurrentThreadCpuTime() - cpuStart) /
                    (double)(invocations * operations[i]);
            }
        }

        final int kept = rounds - WARM_UP_ROUNDS;
        for (int i = 0; i < n; i++)
        {
            final double[] times = Arrays.copyOfRange(nsPerOperation[i], WARM_UP_ROUNDS, rounds);
            final double[] ratios = new double[kept];
            for (int round = WARM_UP_ROUNDS; round < rounds; round++)
            {
                ratios[round - WARM_UP_ROUNDS] = nsPerOperation[i][round] / nsPerOperation[0][round];
            }
            Arrays.sort(times);
            Arrays.sort(ratios);
            System.out.printf("%-40s median %7.1f ns, least %7.1f ns; to the first: %.2f (%.2f..%.2f)%n",
                args[2 + i], times[kept / 2], times[0], ratios[kept / 2], ratios[kept / 4], ratios[3 * kept / 4]);
        }
    }

    private static void setParams(final Class<?> type, final Object benchmark) throws ReflectiveOperationException
    {
        for (final Map.Entry<Object, Object> property : System.getProperties().entrySet())
        {
            final String key = property.getKey().toString();
            if (key.startsWith(PARAM_PREFIX))
            {
                final var field = type.getField(key.substring(PARAM_PREFIX.length()));
                final String value = property.getValue().toString();
                field.set(benchmark, paramValue(field.getType(), key, value));
            }
        }
    }

    static Object paramValue(final Class<?> type, final String key, final String value)
    {
        if (type == int.class)
        {
            return Integer.valueOf(value);
        }
        if (type == boolean.class)
        {
            if (!value.equals("true") && !value.equals("false"))
            {
                throw new IllegalArgumentException(key + " must be true or false: " + value);
            }
            return Boolean.valueOf(value);
        }
        return value;
    }

    /** JMH's annotations as another class loader sees them, so known by name. */
    private static boolean annotated(final Method method, final String annotationName)
    {
        for (final Annotation annotation : method.getAnnotations())
        {
            if (annotation.annotationType().getSimpleName().equals(annotationName))
            {
                return true;
            }
        }
        return false;
    }

    private static int operationsPerInvocation(final Method method) throws ReflectiveOperationException
    {
        for (final Annotation annotation : method.getAnnotations())
        {
            if (annotation.annotationType().getSimpleName().equals("OperationsPerInvocation"))
            {
                return (int)annotation.annotationType().getMethod("value").invoke(annotation);
            }
        }
        return 1;
    }
}
