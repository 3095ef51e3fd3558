package org.jet.cli;

/**
 * A problem the user can fix (a missing file, an address that does not parse, a daemon that is not running):
 * reported as its message, without a stack trace, with exit status {@link ExitCode#USAGE} unless told otherwise.
 */
public final class UserException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public UserException(final String message)
    {
        this(ExitCode.USAGE, message);
    }

    public UserException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode()
    {
        return exitCode;
    }
}
