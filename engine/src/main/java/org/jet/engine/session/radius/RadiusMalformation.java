package org.jet.engine.session.radius;

import java.util.Locale;

/**
 * Why a datagram from a known client was dropped as malformed (never answered: RFC 2865 §3 says to discard it
 * silently). Each reason is counted on its own.
 */
public enum RadiusMalformation
{
    /** Shorter than the 20-byte header. */
    TOO_SHORT("shorter than the 20-byte header"),
    /** The Length field is below 20 or above 4096 (RFC 2865 §3). */
    BAD_LENGTH("Length field below 20 or above 4096"),
    /** The Length field claims more bytes than the datagram has. */
    TRUNCATED("Length field longer than the datagram"),
    /** Not an Accounting-Request (code 4): this port serves accounting only. */
    NOT_ACCOUNTING_REQUEST("not an Accounting-Request"),
    /** An attribute's length is 0 or 1 (it must cover its own 2-byte header). */
    ATTRIBUTE_TOO_SHORT("attribute length below 2"),
    /** An attribute runs past the end of the packet. */
    ATTRIBUTE_PAST_END("attribute runs past the end of the packet"),
    /** More attributes than any real accounting request carries. */
    TOO_MANY_ATTRIBUTES("too many attributes"),
    /** A known attribute has the wrong size or an impossible value (an IPv6 prefix longer than 128 bits). */
    BAD_ATTRIBUTE_VALUE("attribute of the wrong size or with an impossible value"),
    /** No Acct-Status-Type, which every Accounting-Request carries (RFC 2866 §5.1). */
    NO_STATUS_TYPE("no Acct-Status-Type");

    private final String description;

    RadiusMalformation(final String description)
    {
        this.description = description;
    }

    /** @return a phrase for logs. */
    public String description()
    {
        return description;
    }

    /** @return the name used as a metric label: {@code attribute_past_end}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
