package org.jet.engine.session.radius;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the RADIUS accounting server saw, for {@code /metrics}. Written by the server's thread, read by any.
 * Each datagram is counted once, in the first of these that applies: {@link #unknownClients}, {@link #malformed},
 * {@link #badAuthenticators}, {@link #duplicates}, {@link #sinkRefused} (left unanswered), {@link #requests}
 * (answered), {@link #errors}.
 */
public final class RadiusCounters
{
    private static final AcctStatusType[] STATUS_TYPES = AcctStatusType.values();
    private static final RadiusMalformation[] MALFORMATIONS = RadiusMalformation.values();

    private final AtomicLongArray requests = new AtomicLongArray(STATUS_TYPES.length);
    private final AtomicLongArray malformed = new AtomicLongArray(MALFORMATIONS.length);
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unknownClients = new AtomicLong();
    private final AtomicLong badAuthenticators = new AtomicLong();
    private final AtomicLong unusable = new AtomicLong();
    private final AtomicLong sessionChanges = new AtomicLong();
    private final AtomicLong sinkRefused = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /** @return new (not duplicate) authentic requests of this Acct-Status-Type. */
    public long requests(final AcctStatusType type)
    {
        return requests.get(type.ordinal());
    }

    /** @return Accounting-Responses sent, duplicates answered again included. */
    public long responses()
    {
        return responses.get();
    }

    /** @return retransmits of a request already handled: answered again, not published again. */
    public long duplicates()
    {
        return duplicates.get();
    }

    /** @return datagrams from addresses no client covers: dropped unanswered. */
    public long unknownClients()
    {
        return unknownClients.get();
    }

    /** @return requests whose Request Authenticator did not match the client's secret: dropped unanswered. */
    public long badAuthenticators()
    {
        return badAuthenticators.get();
    }

    /** @return malformed datagrams from known clients, for this reason: dropped unanswered. */
    public long malformed(final RadiusMalformation reason)
    {
        return malformed.get(reason.ordinal());
    }

    /** @return malformed datagrams from known clients, all reasons. */
    public long malformed()
    {
        long sum = 0;
        for (int i = 0; i < MALFORMATIONS.length; i++)
        {
            sum += malformed.get(i);
        }
        return sum;
    }

    /** @return Start, Interim-Update or Stop requests without an address or a User-Name: answered, not used. */
    public long unusable()
    {
        return unusable.get();
    }

    /** @return session changes the sink accepted. */
    public long sessionChanges()
    {
        return sessionChanges.get();
    }

    /** @return times the sink refused a change (engine stopping): the request was left unanswered. */
    public long sinkRefused()
    {
        return sinkRefused.get();
    }

    /** @return datagrams that hit an unexpected error in Jet (a bug: see the log). */
    public long errors()
    {
        return errors.get();
    }

    void onRequest(final AcctStatusType type)
    {
        requests.incrementAndGet(type.ordinal());
    }

    void onMalformed(final RadiusMalformation reason)
    {
        malformed.incrementAndGet(reason.ordinal());
    }

    void onResponse()
    {
        responses.incrementAndGet();
    }

    void onDuplicate()
    {
        duplicates.incrementAndGet();
    }

    void onUnknownClient()
    {
        unknownClients.incrementAndGet();
    }

    void onBadAuthenticator()
    {
        badAuthenticators.incrementAndGet();
    }

    void onUnusable()
    {
        unusable.incrementAndGet();
    }

    void onSessionChange()
    {
        sessionChanges.incrementAndGet();
    }

    void onSinkRefused()
    {
        sinkRefused.incrementAndGet();
    }

    void onError()
    {
        errors.incrementAndGet();
    }
}
