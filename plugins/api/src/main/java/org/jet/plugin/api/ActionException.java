package org.jet.plugin.api;

/**
 * An action failed. {@link #retryable()} tells Jet whether trying again later may work (a device unreachable, a
 * server busy) or not (a refused address, bad credentials): a permanent failure is audited and shown, not retried.
 */
public class ActionException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public ActionException(final String message, final boolean retryable)
    {
        super(message);
        this.retryable = retryable;
    }

    public ActionException(final String message, final boolean retryable, final Throwable cause)
    {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable()
    {
        return retryable;
    }
}
