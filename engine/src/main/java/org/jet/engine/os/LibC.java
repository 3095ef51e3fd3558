package org.jet.engine.os;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls Jet makes on Linux to place its own threads, bound by JNA. Linux keeps nice values and scheduling
 * policies per thread, and {@code 0} as the id names the calling thread.
 */
interface LibC extends Library
{
    int PRIO_PROCESS = 0;
    int SCHED_FIFO = 1;
    int CALLING_THREAD = 0;

    int getpriority(int which, int who);

    int setpriority(int which, int who, int prio);

    /** {@code param} is {@code struct sched_param}: one int, the priority. */
    int sched_setscheduler(int pid, int policy, int[] param);

    /** @return libc, or null where it cannot be had (not Linux, or no JNA binding). */
    static LibC onLinux()
    {
        if (!System.getProperty("os.name", "").startsWith("Linux"))
        {
            return null;
        }
        try
        {
            return Native.load("c", LibC.class);
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return null;
        }
    }
}
