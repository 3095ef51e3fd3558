package org.jet.engine.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class NicenessTest
{
    @Test
    void shouldMakeOnlyTheCallingThreadNicer() throws Exception
    {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "Linux only");
        final int before = niceOfThisThread();
        final AtomicReference<Integer> returned = new AtomicReference<>();
        final AtomicReference<Integer> seen = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            returned.set(Niceness.lowerCallingThread(3));
            seen.set(niceOfThisThread());
        });
        thread.start();
        thread.join();

        final int expected = Math.min(19, before + 3);
        assertEquals(expected, returned.get(), "what it says");
        assertEquals(expected, seen.get(), "what the kernel says");
        assertEquals(before, niceOfThisThread(), "other threads keep their priority");
    }

    @Test
    void shouldLeaveTheThreadAloneWhenAskedForNothing()
    {
        assertNull(Niceness.lowerCallingThread(0));
    }

    /** Field 19 of /proc/thread-self/stat (after the command name, which may hold spaces, in parentheses). */
    private static int niceOfThisThread()
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            final String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(afterName[16]);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
