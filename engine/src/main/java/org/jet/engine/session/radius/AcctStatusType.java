package org.jet.engine.session.radius;

import java.util.Locale;

/**
 * The values of Acct-Status-Type (RFC 2866 §5.1) that mean something to Jet, and {@link #OTHER} for the rest
 * (tunnel accounting, Failed): those are answered so the NAS stops sending them, and published nowhere.
 */
public enum AcctStatusType
{
    START(1),
    STOP(2),
    INTERIM_UPDATE(3),
    ACCOUNTING_ON(7),
    ACCOUNTING_OFF(8),
    OTHER(-1);

    private static final AcctStatusType[] VALUES = values();

    private final int code;

    AcctStatusType(final int code)
    {
        this.code = code;
    }

    /** @return the attribute's value, -1 for {@link #OTHER}. */
    public int code()
    {
        return code;
    }

    /** @return the name used as a metric label: {@code interim_update}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    static AcctStatusType of(final long code)
    {
        for (final AcctStatusType type : VALUES)
        {
            if (type.code == code)
            {
                return type;
            }
        }
        return OTHER;
    }
}
