package org.jet.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code jet}'s exit status means, for every subcommand.
 */
public final class ExitCode
{
    /** Everything went through. */
    public static final int OK = 0;
    /**
     * The work was done, but some input was rejected (malformed datagrams) or could not be sent; or the daemon
     * refused the request (a user that does not exist, an import with bad rows).
     */
    public static final int REJECTED = 1;
    /** Bad command line, or a file that could not be read. */
    public static final int USAGE = 2;
    /** No daemon answers at the address the config names (commands that are clients of the daemon's API). */
    public static final int UNREACHABLE = 3;
    /** A bug in jet: the message says what, JET_DEBUG=1 shows the stack trace. */
    public static final int INTERNAL = 4;

    /**
     * @return the statuses and their meaning, for the help text of every command.
     */
    static Map<String, String> descriptions()
    {
        final Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put(Integer.toString(OK), "Success.");
        descriptions.put(Integer.toString(REJECTED),
            "Done, but some input was rejected or not delivered, or the daemon refused the request (see the " +
            "messages on stderr).");
        descriptions.put(Integer.toString(USAGE), "Bad usage, or a file could not be read.");
        descriptions.put(Integer.toString(UNREACHABLE), "The daemon could not be reached (is 'jet daemon' running?).");
        descriptions.put(Integer.toString(INTERNAL), "Internal error (a bug in jet).");
        return descriptions;
    }

    private ExitCode()
    {
    }
}
