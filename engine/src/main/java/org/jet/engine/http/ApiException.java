package org.jet.engine.http;

/**
 * Ends a request with an HTTP status and {@code {"error": message}}: the message is one line, for the CLI to print
 * as it is.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(final int status, final String message)
    {
        super(message);
        this.status = status;
    }

    public int status()
    {
        return status;
    }
}
