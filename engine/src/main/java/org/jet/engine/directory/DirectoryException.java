package org.jet.engine.directory;

/**
 * A change the directory refused, with a one-line message fit to show as it is. The kind tells the HTTP API which
 * status to answer.
 */
public class DirectoryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public enum Kind
    {
        /** The request itself is wrong: a malformed id, a missing field (HTTP 400). */
        INVALID,
        /** It names a user or cost centre that does not exist (HTTP 404). */
        NOT_FOUND,
        /** It would replace something that exists (HTTP 409). */
        CONFLICT
    }

    private final Kind kind;

    public DirectoryException(final Kind kind, final String message)
    {
        super(message);
        this.kind = kind;
    }

    public Kind kind()
    {
        return kind;
    }
}
