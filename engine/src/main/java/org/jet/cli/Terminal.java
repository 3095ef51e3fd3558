package org.jet.cli;

/**
 * What jet knows about the terminal it runs in.
 */
public final class Terminal
{
    /** Set by bin/jet to whether stderr is a terminal ({@code [ -t 2 ]}): Java 17 cannot tell by itself. */
    public static final String STDERR_TTY_PROPERTY = "jet.stderr.tty";

    private Terminal()
    {
    }

    /**
     * @return true when progress bars on stderr will be seen by a person rather than end up in a log.
     */
    public static boolean stderrIsTerminal()
    {
        final String told = System.getProperty(STDERR_TTY_PROPERTY);
        if (told != null)
        {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }
}
