package org.jet.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting, signalling, measuring and killing collector processes. Every process a target starts goes through here,
 * so the runner can always kill what it started (the process and its descendants, by pid, never by name).
 */
public final class Processes
{
    static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private Processes()
    {
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code log}.
     */
    public static Process start(final List<String> command, final Path log) throws IOException
    {
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    }

    /**
     * Runs {@code command} to completion (at most {@code timeoutSeconds}) and returns its standard output.
     *
     * @throws IOException when it fails to start, times out (it is then killed) or exits non-zero.
     */
    public static String run(final List<String> command, final long timeoutSeconds)
        throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile("jet-e2e-", ".out");
        try
        {
            final Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                kill(process.toHandle());
                throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
            }
            final String text = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0)
            {
                throw new IOException("exit " + process.exitValue() + " from " + command + ": " + text);
            }
            return text;
        }
        finally
        {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Sends a signal by pid (the JDK can only send TERM and KILL).
     *
     * @param signal a name such as {@code INT}.
     */
    public static void signal(final ProcessHandle process, final String signal) throws InterruptedException
    {
        try
        {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(5, TimeUnit.SECONDS);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run kill", ex);
        }
    }

    /**
     * Sends {@code signal} and waits up to {@code timeoutMs} for the process to exit; kills it and its descendants
     * if it did not.
     *
     * @return true when it exited on the signal.
     */
    public static boolean stop(final ProcessHandle process, final String signal, final long timeoutMs)
        throws InterruptedException
    {
        if (!process.isAlive())
        {
            return true;
        }
        final List<ProcessHandle> family = family(process);
        signal(process, signal);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (process.isAlive() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        final boolean exited = !process.isAlive();
        for (final ProcessHandle member : family)
        {
            member.destroyForcibly();
        }
        return exited;
    }

    /**
     * Kills a process and all its descendants at once (SIGKILL), and waits briefly for them to go.
     */
    public static void kill(final ProcessHandle process)
    {
        final List<ProcessHandle> family = family(process);
        for (final ProcessHandle member : family)
        {
            member.destroyForcibly();
        }
        for (final ProcessHandle member : family)
        {
            try
            {
                member.onExit().get(2, TimeUnit.SECONDS);
            }
            catch (final Exception ignore)
            {
                // Gone, or not our child to reap: nothing more to do.
            }
        }
    }

    private static List<ProcessHandle> family(final ProcessHandle process)
    {
        final List<ProcessHandle> family = new ArrayList<>();
        family.add(process);
        process.descendants().forEach(family::add);
        return family;
    }

    /**
     * @return user plus system CPU seconds used so far by the process and its living descendants (pmacct's plugins
     * are child processes), from /proc/PID/stat; 0 for a process that is gone.
     */
    public static double cpuSeconds(final ProcessHandle process)
    {
        long ticks = 0;
        for (final ProcessHandle member : family(process))
        {
            ticks += cpuTicks(member.pid());
        }
        return (double)ticks / CLOCK_TICKS_PER_SECOND;
    }

    static long cpuTicks(final long pid)
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            // Fields after the ")" closing the command name: state is field 3, utime 14 and stime 15.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
    }

    /**
     * @return CPU ticks used so far by each group of the process's threads, by name with any trailing number
     * dropped ({@code jet-reader-0} and {@code jet-reader-1} are {@code jet-reader}), over the process and its
     * descendants; empty for a process that is gone. Which thread is busiest tells what limits a collector's rate.
     */
    public static Map<String, Long> threadCpuTicks(final ProcessHandle process)
    {
        final Map<String, Long> byName = new TreeMap<>();
        for (final ProcessHandle member : family(process))
        {
            addThreadTicks(member.pid(), byName);
        }
        return byName;
    }

    private static void addThreadTicks(final long pid, final Map<String, Long> byName)
    {
        try (var tasks = Files.list(Paths.get("/proc", Long.toString(pid), "task")))
        {
            tasks.forEach(task ->
            {
                try
                {
                    final String stat = Files.readString(task.resolve("stat"));
                    final String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[-#_ ]*[0-9]+$", "");
                    final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                }
                catch (final IOException | RuntimeException ex)
                {
                    // The thread ended between the listing and the read.
                }
            });
        }
        catch (final IOException | RuntimeException ex)
        {
            // The process ended: it used nothing more.
        }
    }

    /**
     * @return {@code after - before} per thread group, in % of one core over {@code seconds}, busiest first,
     * leaving out groups under 1 %.
     */
    public static Map<String, Double> threadCpuPercent(final Map<String, Long> before, final Map<String, Long> after,
        final double seconds)
    {
        final List<Map.Entry<String, Double>> used = new ArrayList<>();
        after.forEach((name, ticks) ->
        {
            final double percent = 100.0 * (ticks - before.getOrDefault(name, 0L)) / CLOCK_TICKS_PER_SECOND / seconds;
            if (percent >= 1)
            {
                used.add(Map.entry(name, percent));
            }
        });
        used.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        final Map<String, Double> busiestFirst = new LinkedHashMap<>();
        used.forEach(entry -> busiestFirst.put(entry.getKey(), entry.getValue()));
        return busiestFirst;
    }

    private static long clockTicks()
    {
        try
        {
            return Long.parseLong(run(List.of("getconf", "CLK_TCK"), 5).trim());
        }
        catch (final Exception ex)
        {
            return 100;
        }
    }
}
