package org.jet.plugin.radiuscoa;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.EdgeDevice;
import org.jet.plugin.api.Subject;
import org.pf4j.Extension;

/**
 * Shapes and cuts off users on the NAS with RADIUS Dynamic Authorization (RFC 5176): {@code shape} and
 * {@code restore} send a CoA-Request carrying the vendor's rate attributes, {@code suspend} a Disconnect-Request.
 * The session is named by User-Name and/or Framed-IP-Address (Framed-IPv6-Prefix for IPv6; one request per address),
 * with Event-Timestamp, NAS-IP-Address when configured, and always a Message-Authenticator. Settings in
 * {@link CoaSettings}; docs/plugins.md lists them.
 *
 * <p>An ACK is success. A NAK is a refusal, with its Error-Cause in the message, retried only for a cause that may
 * pass (506 Resources Unavailable, 505 proxy error); but a NAK with 503 Session Context Not Found to a Disconnect or
 * a restore means there is no session left to act on, which is what was asked (calls must be idempotent).
 * No valid answer after all attempts is retryable.
 *
 * <p>The codec is the plugin's own (RequestEncoder, Response): the few attributes needed here do not justify a
 * RADIUS library, and the Java ones on Maven Central are unmaintained or pull in a Netty stack.
 */
@Extension
public final class RadiusCoa implements EdgeDevice
{
    private CoaSettings settings;

    @Override
    public String name()
    {
        return "radius-coa";
    }

    @Override
    public void configure(final Map<String, Object> settings)
    {
        this.settings = CoaSettings.parse(settings);
    }

    @Override
    public void shape(final Subject subject, final long rateBitsPerSecond) throws ActionException
    {
        if (rateBitsPerSecond < 1)
        {
            throw new ActionException("radius-coa: cannot shape " + subject.login() + " to " + rateBitsPerSecond +
                " bits/s", false);
        }
        send(subject, Radius.COA_REQUEST, "shape to " + rateBitsPerSecond + " bits/s", false,
            encoder -> settings.vendor().rate(encoder, rateBitsPerSecond, settings.ciscoAvpair()));
    }

    @Override
    public void suspend(final Subject subject) throws ActionException
    {
        send(subject, Radius.DISCONNECT_REQUEST, "suspend", true, encoder ->
        {
        });
    }

    @Override
    public void restore(final Subject subject) throws ActionException
    {
        send(subject, Radius.COA_REQUEST, "restore", true, encoder ->
        {
            if (settings.unshapedRateBps() > 0)
            {
                settings.vendor().rate(encoder, settings.unshapedRateBps(), settings.ciscoAvpair());
            }
            else
            {
                settings.vendor().unshaped(encoder, settings.unshaped());
            }
        });
    }

    private interface Body
    {
        void write(RequestEncoder encoder);
    }

    private void send(final Subject subject, final int code, final String what, final boolean goneIsDone,
        final Body body) throws ActionException
    {
        if (settings == null)
        {
            throw new ActionException("radius-coa is not configured (plugins.settings.radius-coa)", false);
        }
        final String context = what + " " + subject.login() + " on " + settings.nasHost() + ":" + settings.nasPort();
        final InetSocketAddress nas = new InetSocketAddress(settings.nasHost(), settings.nasPort());
        if (nas.isUnresolved())
        {
            throw new ActionException("radius-coa: " + context + ": cannot resolve " + settings.nasHost(), true);
        }
        final CoaClient client = new CoaClient(nas, settings.secret(), settings.timeoutMs(), settings.attempts());
        final RequestEncoder encoder = new RequestEncoder();
        for (final String address : addressesToName(subject))
        {
            final byte[] request;
            try
            {
                encoder.begin(code, ThreadLocalRandom.current().nextInt(256));
                identify(encoder, subject, address);
                body.write(encoder);
                request = encoder.finish(settings.secret());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ActionException("radius-coa: " + context + ": " + ex.getMessage(), false, ex);
            }
            final CoaClient.Outcome outcome;
            try
            {
                outcome = client.exchange(request, code + 1);
            }
            catch (final IOException ex)
            {
                throw new ActionException("radius-coa: " + context + ": " + ex.getMessage(), true, ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new ActionException("radius-coa: " + context + ": interrupted", true, ex);
            }
            check(outcome, code, context, goneIsDone);
        }
    }

    /** @return the addresses to send a request each for; a null element means one request naming the user only. */
    private List<String> addressesToName(final Subject subject)
    {
        final List<String> addresses = new ArrayList<>();
        if (settings.byFramedIp() && !subject.addresses().isEmpty())
        {
            addresses.addAll(subject.addresses());
        }
        else if (settings.byUserName())
        {
            addresses.add(null);
        }
        // identified by address alone and holding none: no session to act on, nothing to send
        return addresses;
    }

    private void identify(final RequestEncoder encoder, final Subject subject, final String address)
    {
        if (settings.byUserName())
        {
            encoder.string(Radius.USER_NAME, subject.login());
        }
        if (address != null)
        {
            framedAddress(encoder, address);
        }
        if (settings.nasIpAddress() != null)
        {
            encoder.octets(Radius.NAS_IP_ADDRESS, settings.nasIpAddress());
        }
        if (settings.eventTimestamp())
        {
            encoder.integer(Radius.EVENT_TIMESTAMP, System.currentTimeMillis() / 1000);
        }
    }

    private static void check(final CoaClient.Outcome outcome, final int code, final String context,
        final boolean goneIsDone) throws ActionException
    {
        if (!outcome.answered())
        {
            throw new ActionException("radius-coa: " + context + ": " + outcome.noAnswer(), true);
        }
        if (outcome.code() == code + 1)
        {
            return;
        }
        final long cause = outcome.errorCause();
        if (goneIsDone && cause == ErrorCause.SESSION_CONTEXT_NOT_FOUND)
        {
            return;
        }
        throw new ActionException("radius-coa: " + context + ": " + Radius.codeName(outcome.code()) +
            (cause < 0 ? " without Error-Cause" : ", Error-Cause " + ErrorCause.describe(cause)),
            cause >= 0 && ErrorCause.temporary(cause));
    }

    /** {@code 10.0.0.5} (or /32) as Framed-IP-Address, {@code 2001:db8:1:2::/64} as Framed-IPv6-Prefix. */
    static void framedAddress(final RequestEncoder encoder, final String text)
    {
        final int slash = text.indexOf('/');
        final String literal = slash < 0 ? text : text.substring(0, slash);
        if (literal.isEmpty() || !literal.matches("[0-9A-Fa-f.:]+"))
        {
            throw new IllegalArgumentException("not an address: " + text); // checked so no name is ever looked up
        }
        final InetAddress address;
        final int prefixLength;
        try
        {
            address = InetAddress.getByName(literal);
            prefixLength = slash < 0 ? (address instanceof Inet4Address ? 32 : 128) :
                Integer.parseInt(text.substring(slash + 1));
        }
        catch (final UnknownHostException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an address: " + text, ex);
        }
        if (address instanceof Inet4Address)
        {
            if (prefixLength != 32)
            {
                throw new IllegalArgumentException("Framed-IP-Address names one IPv4 address, not " + text);
            }
            encoder.octets(Radius.FRAMED_IP_ADDRESS, address.getAddress());
        }
        else
        {
            if (prefixLength < 0 || prefixLength > 128)
            {
                throw new IllegalArgumentException("not an address: " + text);
            }
            encoder.ipv6Prefix(Radius.FRAMED_IPV6_PREFIX, address.getAddress(), prefixLength);
        }
    }
}
