package org.jet.cli.input;

/**
 * An input file that cannot be read (any further); the message is one line: {@code file: reason}.
 */
public final class InputException extends Exception
{
    private static final long serialVersionUID = 1L;

    public InputException(final String message)
    {
        super(message);
    }
}
