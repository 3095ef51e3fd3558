package org.jet.engine.quota;

/** An operator's quota request that cannot be done: the message is one line saying what and why. */
public final class QuotaException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why: the API answers 404 for NOT_FOUND, 400 for INVALID. */
    public enum Reason
    {
        NOT_FOUND, INVALID
    }

    private final Reason reason;

    public QuotaException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}
