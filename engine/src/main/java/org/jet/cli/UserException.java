package org.jet.cli;

/**
 * A problem the user can fix (a missing file, an address that does not parse): reported as one line, without a
 * stack trace, with exit status {@link ExitCode#USAGE}.
 */
public final class UserException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public UserException(final String message)
    {
        super(message);
    }
}
