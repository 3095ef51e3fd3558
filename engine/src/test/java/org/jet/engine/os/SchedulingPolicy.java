package org.jet.engine.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * For tests: a live thread's Linux scheduling policy, and whether this process may make a thread real-time.
 */
public final class SchedulingPolicy
{
    public static final int OTHER = 0;
    public static final int FIFO = 1;

    private SchedulingPolicy()
    {
    }

    /** @return the policy of this JVM's thread of that name, from /proc/self/task/TID/stat. */
    public static int of(final String threadName) throws IOException
    {
        return statField(threadName, 41);
    }

    /** @return the real-time priority of this JVM's thread of that name (0 for an ordinary thread). */
    public static int priorityOf(final String threadName) throws IOException
    {
        return statField(threadName, 40);
    }

    /** @return the numbered field (as proc(5) numbers them) of the thread's /proc/self/task/TID/stat. */
    private static int statField(final String threadName, final int field) throws IOException
    {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    if (Files.readString(task.resolve("comm")).trim().equals(threadName))
                    {
                        final String stat = Files.readString(task.resolve("stat"));
                        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                        return Integer.parseInt(fields[field - 3]); // the fields after "pid (comm) " start at 3
                    }
                }
                catch (final NoSuchFileException ex)
                {
                    // that thread ended while the directory was read
                }
            }
        }
        throw new AssertionError("no thread " + threadName);
    }

    /** @return whether a thread of this process may run under SCHED_FIFO 1 (tried on a throwaway thread). */
    public static boolean realtimePermitted() throws InterruptedException
    {
        final boolean[] permitted = new boolean[1];
        final Thread probe = new Thread(() -> permitted[0] = Realtime.fifoForCallingThread(1));
        probe.start();
        probe.join();
        return permitted[0];
    }
}
