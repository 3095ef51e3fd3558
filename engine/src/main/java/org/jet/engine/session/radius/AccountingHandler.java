package org.jet.engine.session.radius;

import java.net.InetAddress;
import java.util.function.LongSupplier;

import org.jet.collector.record.IpAddress;
import org.jet.engine.session.SessionChange;
import org.jet.engine.session.SessionSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one datagram into session changes and, when they are accepted, the Accounting-Response. No sockets here, so
 * tests and the fuzz test drive it directly; owned by one thread.
 *
 * <pre>
 *  datagram ──▶ known client? ──▶ well formed? ──▶ authentic? ──▶ seen before? ──yes──▶ answer again
 *                 │ no               │ no             │ no             │ no
 *                 ▼                  ▼                ▼                ▼
 *               drop, count        drop, count      drop, count      publish the changes ──all accepted──▶ answer
 *                                                                         │ refused
 *                                                                         ▼
 *                                                                    no answer: the NAS sends it again
 * </pre>
 *
 * <p>Acct-Status-Type maps to {@link SessionChange.Kind}: Start to START, Interim-Update to UPDATE, Stop to STOP,
 * one change per address the request names (Framed-IP-Address, Framed-IPv6-Address, Framed-IPv6-Prefix as a /64);
 * Accounting-On and Accounting-Off to one SOURCE_RESET. The change's time is Event-Timestamp when present (and not
 * 0, which a NAS with an unset clock sends), else the time of arrival, minus Acct-Delay-Time. Its source is
 * {@code radius:} followed by the NAS-Identifier, else the NAS-IP-Address, else the NAS-IPv6-Address, else the
 * client's address: the NAS must name itself the same way in its Starts and its Accounting-On for the reset to
 * close its sessions (NASes do). A Start, Interim-Update or Stop with no address or no User-Name is answered (or the
 * NAS would retry it forever) but counted as unusable and logged once per NAS. Other status types (tunnel
 * accounting, Failed) are answered and published nowhere.
 */
final class AccountingHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(AccountingHandler.class);

    private final RadiusClients clients;
    private final SessionSink sink;
    private final RadiusCounters counters;
    private final LongSupplier clockMs;
    private final DuplicateCache duplicates;
    private final AccountingRequest request = new AccountingRequest();
    private final RadiusAuthenticator authenticator = new RadiusAuthenticator();
    private final WarnOnce warnings = new WarnOnce(LOG);
    /** Apart, so a flood from spoofed sources cannot use up the keys that warn about configured clients. */
    private final WarnOnce unknownWarnings = new WarnOnce(LOG);

    /**
     * @param duplicateCacheEntries requests remembered for answering retransmits.
     * @param clockMs               the time of arrival, epoch milliseconds.
     */
    AccountingHandler(
        final RadiusClients clients,
        final SessionSink sink,
        final RadiusCounters counters,
        final int duplicateCacheEntries,
        final LongSupplier clockMs)
    {
        this.clients = clients;
        this.sink = sink;
        this.counters = counters;
        this.clockMs = clockMs;
        this.duplicates = new DuplicateCache(duplicateCacheEntries);
    }

    /**
     * @param datagram the datagram's bytes (read only; not kept after the call).
     * @param length   how many bytes of {@code datagram} it has.
     * @param response where the answer goes, at least {@link RadiusAuthenticator#RESPONSE_LENGTH} bytes.
     * @return the length of the answer written to {@code response}, 0 when the datagram gets no answer.
     */
    int handle(final byte[] datagram, final int length, final InetAddress source, final int port,
        final byte[] response)
    {
        final RadiusClients.Client client = clients.find(source);
        if (client == null)
        {
            counters.onUnknownClient();
            unknownWarnings.warn(source.getHostAddress(), "RADIUS: dropping accounting from {}: not listed " +
                "under radius.clients (logged once per address)", source.getHostAddress());
            return 0;
        }
        final RadiusMalformation malformation = request.wrap(datagram, length);
        if (malformation != null)
        {
            counters.onMalformed(malformation);
            warnings.warn("malformed " + client.name() + " " + malformation, "RADIUS: dropping a malformed " +
                "datagram from client {} ({}): {} (logged once per client and reason)", client.name(),
                source.getHostAddress(), malformation.description());
            return 0;
        }
        if (!authenticator.verifyRequest(datagram, request.length(), client.secret()))
        {
            counters.onBadAuthenticator();
            warnings.warn("authenticator " + client.name(), "RADIUS: dropping accounting from client {} ({}): the " +
                "Request Authenticator does not match its secret; are the secrets the same on both sides? " +
                "(logged once per client)", client.name(), source.getHostAddress());
            return 0;
        }
        final DuplicateCache.Key key = new DuplicateCache.Key(source, port, request.identifier(),
            request.authenticatorHi(), request.authenticatorLo());
        final byte[] earlier = duplicates.response(key);
        if (earlier != null)
        {
            counters.onDuplicate();
            counters.onResponse();
            System.arraycopy(earlier, 0, response, 0, earlier.length);
            return earlier.length;
        }
        final AcctStatusType type = request.statusType();
        if (!publish(type, source))
        {
            return 0;
        }
        final int responseLength = authenticator.writeResponse(datagram, client.secret(), response);
        final byte[] remembered = new byte[responseLength];
        System.arraycopy(response, 0, remembered, 0, responseLength);
        duplicates.remember(key, remembered);
        counters.onRequest(type);
        counters.onResponse();
        return responseLength;
    }

    /**
     * @return false when the sink refused a change: the request must not be answered.
     */
    private boolean publish(final AcctStatusType type, final InetAddress client)
    {
        final SessionChange.Kind kind = switch (type)
        {
            case START -> SessionChange.Kind.START;
            case INTERIM_UPDATE -> SessionChange.Kind.UPDATE;
            case STOP -> SessionChange.Kind.STOP;
            case ACCOUNTING_ON, ACCOUNTING_OFF -> SessionChange.Kind.SOURCE_RESET;
            case OTHER -> null;
        };
        if (kind == null)
        {
            return true;
        }
        final String source = source(client);
        final long timeMs = timeMs();
        if (kind == SessionChange.Kind.SOURCE_RESET)
        {
            return offer(new SessionChange(kind, null, 0, 0, 0, timeMs, null, source));
        }
        final String userName = request.userName();
        if (request.addressCount() == 0 || userName == null || userName.isEmpty())
        {
            counters.onUnusable();
            final String missing = request.addressCount() == 0 ?
                "no Framed-IP-Address, Framed-IPv6-Address or Framed-IPv6-Prefix" : "no User-Name";
            warnings.warn("unusable " + source + " " + missing, "RADIUS: {} sends {} requests with {}: answered " +
                "but no session can be made of them (logged once per NAS)", source, type.label(), missing);
            return true;
        }
        final String sessionId = request.sessionId();
        for (int i = 0; i < request.addressCount(); i++)
        {
            if (!offer(new SessionChange(kind, userName, request.addrHi(i), request.addrLo(i),
                request.prefixLength(i), timeMs, sessionId, source)))
            {
                return false;
            }
        }
        return true;
    }

    private boolean offer(final SessionChange change)
    {
        if (!sink.accept(change))
        {
            counters.onSinkRefused();
            return false;
        }
        counters.onSessionChange();
        return true;
    }

    private long timeMs()
    {
        // Event-Timestamp 0 comes from a NAS whose clock was never set: use the time of arrival instead.
        final long base = request.eventTimestamp() > 0 ? request.eventTimestamp() * 1000 : clockMs.getAsLong();
        return base - request.delayTime() * 1000;
    }

    private String source(final InetAddress client)
    {
        final StringBuilder source = new StringBuilder("radius:");
        final String nasIdentifier = request.nasIdentifier();
        if (nasIdentifier != null && !nasIdentifier.isEmpty())
        {
            // Authentic, but still the NAS's words: keep control characters out of logs and the API.
            for (int i = 0; i < nasIdentifier.length(); i++)
            {
                final char c = nasIdentifier.charAt(i);
                source.append(c < 0x20 || c == 0x7f ? '?' : c);
            }
        }
        else if (request.hasNasIpv4())
        {
            IpAddress.appendTo(source, 0, IpAddress.mappedLo(request.nasIpv4()));
        }
        else if (request.hasNasIpv6())
        {
            IpAddress.appendTo(source, request.nasIpv6Hi(), request.nasIpv6Lo());
        }
        else
        {
            final byte[] bytes = client.getAddress();
            IpAddress.appendTo(source, IpAddress.hiOf(bytes), IpAddress.loOf(bytes));
        }
        return source.toString();
    }
}
