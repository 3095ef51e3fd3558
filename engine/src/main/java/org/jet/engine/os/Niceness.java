package org.jet.engine.os;

/**
 * Lowers the CPU priority (Linux nice) of the calling thread, for work that can wait when the CPU is short. Linux
 * keeps a nice value per thread, and {@code setpriority(PRIO_PROCESS, 0, n)} sets the calling thread's; any user may
 * raise it (lower the priority), so this needs no privilege.
 */
public final class Niceness
{
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
        final LibC libc = by > 0 ? LibC.onLinux() : null;
        if (libc == null)
        {
            return null;
        }
        try
        {
            // -1 is also a valid nice value, so a failed getpriority is not told apart: it would only make the
            // thread a little less nice than asked.
            final int nice = Math.min(19, libc.getpriority(LibC.PRIO_PROCESS, LibC.CALLING_THREAD) + by);
            return libc.setpriority(LibC.PRIO_PROCESS, LibC.CALLING_THREAD, nice) == 0 ? nice : null;
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return null;
        }
    }
}
