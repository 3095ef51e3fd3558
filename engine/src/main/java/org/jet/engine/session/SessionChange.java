package org.jet.engine.session;

import java.util.Objects;

/**
 * One change to who holds an address, as a session source reports it: a RADIUS accounting request, a captive
 * portal's login or logout, a static assignment from the config. Session changes are rare next to flows, so they
 * are plain immutable objects; they travel on the ingest ring so the engine sees them in order with the flows.
 *
 * @param kind         what happened.
 * @param userName     the login the source reports (RADIUS {@code User-Name}); null for {@link Kind#SOURCE_RESET}.
 * @param addrHi       high 64 bits of the address (IPv4 is IPv4-mapped, see
 *                     {@link org.jet.collector.record.IpAddress}); unused for {@link Kind#SOURCE_RESET}.
 * @param addrLo       low 64 bits of the address.
 * @param prefixLength 128 for one address (an IPv4 address is 128 too, being mapped), 64 for an IPv6 /64.
 * @param timeMs       when it happened, epoch milliseconds (the source's event time when it tells one).
 * @param sessionId    the source's id of the session (RADIUS {@code Acct-Session-Id}), or null.
 * @param source       who reported it, for example {@code radius:10.0.0.1} or {@code api} or {@code static}: a
 *                     {@link Kind#SOURCE_RESET} closes every session this source opened.
 */
public record SessionChange(
    Kind kind,
    String userName,
    long addrHi,
    long addrLo,
    int prefixLength,
    long timeMs,
    String sessionId,
    String source)
{
    public enum Kind
    {
        /**
         * A session starts: from {@code timeMs} the address belongs to the user.
         *
         * <p>Sources may repeat a START: a RADIUS NAS that got no answer resends its Start, and may do so as a new
         * request (new identifier, larger Acct-Delay-Time, so a different authenticator) that no duplicate check
         * can recognise; its time is the same (Event-Timestamp, or arrival minus the delay). The engine therefore
         * treats a START for a session that is already open with the same user, address, session id and source as
         * idempotent: no second session, no change of its start.
         */
        START,
        /** The session is still alive (RADIUS Interim-Update); opens it when the start was missed. */
        UPDATE,
        /** The session ends at {@code timeMs}. */
        STOP,
        /**
         * The source restarted (RADIUS Accounting-On/Off): every session it opened ends at {@code timeMs}. The
         * address fields are 0 and {@code userName} and {@code sessionId} null.
         */
        SOURCE_RESET
    }

    public SessionChange
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (kind != Kind.SOURCE_RESET)
        {
            Objects.requireNonNull(userName, "userName");
            if (prefixLength != 128 && prefixLength != 64)
            {
                throw new IllegalArgumentException("prefixLength must be 128 or 64: " + prefixLength);
            }
        }
    }
}
