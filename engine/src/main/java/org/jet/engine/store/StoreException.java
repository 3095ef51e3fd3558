package org.jet.engine.store;

/**
 * The store could not be opened or written: the message is one line naming the directory and RocksDB's reason, fit
 * to show an operator as it is.
 */
public final class StoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public StoreException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
