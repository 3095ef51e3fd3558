package org.jet.engine.os;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Runs the calling thread under Linux's real-time FIFO policy: it takes a CPU the moment it is runnable, ahead of
 * every ordinary thread. For a reader, whose socket buffer lasts tens of milliseconds while the ring behind it
 * lasts hundreds. Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least the priority (systemd: {@code LimitRTPRIO=}).
 */
public final class Realtime
{
    private static final int SCHED_FIFO = 1;

    /** The libc call, bound by JNA; {@code sched_param} is one int, the priority. */
    private interface LibC extends Library
    {
        int sched_setscheduler(int pid, int policy, int[] param);
    }

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
        if (!System.getProperty("os.name", "").startsWith("Linux"))
        {
            return false;
        }
        try
        {
            // pid 0 is the calling thread: Linux keeps the policy per thread.
            return Native.load("c", LibC.class).sched_setscheduler(0, SCHED_FIFO, new int[]{priority}) == 0;
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return false;
        }
    }
}
