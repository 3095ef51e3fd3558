package org.jet.engine.os;

/**
 * Runs the calling thread under Linux's real-time FIFO policy: it takes a CPU the moment it is runnable, ahead of
 * every ordinary thread. For a reader, whose socket buffer lasts tens of milliseconds while the ring behind it
 * lasts hundreds. Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least the priority (systemd: {@code LimitRTPRIO=}).
 */
public final class Realtime
{
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
}
