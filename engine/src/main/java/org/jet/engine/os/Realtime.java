package org.jet.engine.os;

import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs threads under Linux's real-time FIFO policy: such a thread takes a CPU the moment it is runnable, ahead of
 * every ordinary thread, and a higher priority ahead of a lower one. For the readers, whose socket buffers last tens
 * of milliseconds, and the engine, whose ring lasts hundreds: the ledger, RocksDB and everything else can wait.
 * Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least the priority (systemd: {@code LimitRTPRIO=}); Linux keeps 5 %
 * of every second for ordinary threads (sched_rt_runtime_us) even then.
 */
public final class Realtime
{
    private static final Logger LOG = LoggerFactory.getLogger(Realtime.class);

    private Realtime()
    {
    }

    /**
     * @param priority 1 (lowest) to 99.
     * @return whether the calling thread now runs under SCHED_FIFO at that priority (false: not Linux, no libc
     * binding, or not permitted; the thread is left as it was).
     */
    public static boolean fifoForCallingThread(final int priority)
    {
        final LibC libc = LibC.onLinux();
        if (libc == null)
        {
            return false;
        }
        try
        {
            return libc.sched_setscheduler(LibC.CALLING_THREAD, LibC.SCHED_FIFO, new int[]{priority}) == 0;
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return false;
        }
    }

    /**
     * {@link #fifoForCallingThread}, with one INFO line saying which it is: real-time, or ordinary and how to permit
     * it. Nothing when {@code priority} is 0 (ordinary on purpose).
     *
     * @param who     the thread, as the line names it ("reader 0").
     * @param setting the configuration key of the priority.
     */
    public static void raiseCallingThread(final String who, final String setting, final int priority)
    {
        if (priority <= 0)
        {
            return;
        }
        if (fifoForCallingThread(priority))
        {
            LOG.info("{} runs at real-time priority {} (SCHED_FIFO)", who, priority);
        }
        else
        {
            LOG.info("{} runs as an ordinary thread: real-time priority {} ({}) needs CAP_SYS_NICE or an " +
                "RLIMIT_RTPRIO of {} (jet.service sets LimitRTPRIO)", who, priority, setting, priority);
        }
    }

    /**
     * @return threads of {@code threads} that {@link #raiseCallingThread raise themselves} as they start.
     */
    public static ThreadFactory threads(final ThreadFactory threads, final String who, final String setting,
        final int priority)
    {
        return task -> threads.newThread(() ->
        {
            raiseCallingThread(who, setting, priority);
            task.run();
        });
    }
}
