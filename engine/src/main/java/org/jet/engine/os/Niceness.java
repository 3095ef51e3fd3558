package org.jet.engine.os;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lowers the CPU priority (Linux nice) of the calling thread, for work that can wait when the CPU is short. Linux
 * keeps a nice value per thread, and {@code setpriority(PRIO_PROCESS, 0, n)} sets the calling thread's; any user may
 * raise it (lower the priority), so this needs no privilege.
 */
public final class Niceness
{
    private static final int PRIO_PROCESS = 0;

    /** The two libc calls, bound by JNA. */
    private interface LibC extends Library
    {
        int getpriority(int which, int who);

        int setpriority(int which, int who, int prio);
    }

    private Niceness()
    {
    }

    /**
     * Makes the calling thread {@code by} nicer than it is now (at most 19).
     *
     * @return the thread's nice value now, or null when it could not be changed (not Linux, no libc binding, or
     * refused), which leaves the thread as it was.
     */
    public static Integer lowerCallingThread(final int by)
    {
        if (by <= 0 || !System.getProperty("os.name", "").startsWith("Linux"))
        {
            return null;
        }
        try
        {
            final LibC libc = Native.load("c", LibC.class);
            // -1 is also a valid nice value, so a failed getpriority is not told apart: it would only make the
            // thread a little less nice than asked.
            final int nice = Math.min(19, libc.getpriority(PRIO_PROCESS, 0) + by);
            return libc.setpriority(PRIO_PROCESS, 0, nice) == 0 ? nice : null;
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return null;
        }
    }
}
