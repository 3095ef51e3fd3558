package org.jet.plugin.radiuscoa;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's section of jet.yml ({@code plugins.settings.radius-coa}), checked: a mistake is an
 * {@link IllegalArgumentException} with one line naming the key.
 *
 * @param nasHost         where CoA and Disconnect requests go.
 * @param nasPort         its port (RFC 5176's 3799 by default).
 * @param secret          the shared secret.
 * @param vendor          which attributes carry a rate.
 * @param timeoutMs       how long to wait for an answer to each attempt.
 * @param attempts        how many times a request is sent before giving up.
 * @param byUserName      identify the session by User-Name.
 * @param byFramedIp      identify it by Framed-IP-Address / Framed-IPv6-Prefix (one request per address).
 * @param eventTimestamp  add Event-Timestamp (RFC 5176 §3: replay protection).
 * @param nasIpAddress    NAS-IP-Address to add, or null.
 * @param unshapedRateBps the rate restore sends, or 0 to send {@code unshaped} instead.
 * @param unshaped        the vendor value restore sends verbatim (Mikrotik-Rate-Limit, Cisco-AVPair), or null.
 * @param ciscoAvpair     the Cisco-AVPair templates shape sends.
 */
record CoaSettings(String nasHost, int nasPort, byte[] secret, Vendor vendor, int timeoutMs, int attempts,
    boolean byUserName, boolean byFramedIp, boolean eventTimestamp, byte[] nasIpAddress, long unshapedRateBps,
    String unshaped, List<String> ciscoAvpair)
{
    static final String PREFIX = "plugins.settings.radius-coa";
    static final int DEFAULT_PORT = 3799;
    static final List<String> DEFAULT_CISCO_AVPAIR = List.of(
        "subscriber:sub-qos-policy-in=jet-{kbps}k", "subscriber:sub-qos-policy-out=jet-{kbps}k");

    private static final Set<String> KEYS = Set.of("nas", "secret", "secret_file", "vendor", "timeout_ms",
        "attempts", "identify_by", "event_timestamp", "nas_ip_address", "unshaped_rate_bps", "unshaped",
        "cisco_avpair");

    static CoaSettings parse(final Map<String, Object> settings)
    {
        final Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty())
        {
            throw new IllegalArgumentException(PREFIX + "." + unknown.iterator().next() + ": unknown key (known: " +
                String.join(", ", new TreeSet<>(KEYS)) + ")");
        }

        final Object nas = settings.get("nas");
        if (!(nas instanceof String nasText) || nasText.isBlank())
        {
            throw new IllegalArgumentException(PREFIX + ".nas: the NAS as host or host:port is needed");
        }
        final String host;
        final int port;
        final int colon = nasText.lastIndexOf(':');
        if (nasText.startsWith("[") && nasText.contains("]"))
        {
            final int close = nasText.indexOf(']');
            host = nasText.substring(1, close);
            port = close + 1 < nasText.length() ? port(nasText.substring(close + 1)) : DEFAULT_PORT;
        }
        else if (colon >= 0 && nasText.indexOf(':') == colon)
        {
            host = nasText.substring(0, colon);
            port = port(nasText.substring(colon));
        }
        else
        {
            host = nasText; // a name, an IPv4 literal, or a bare IPv6 literal
            port = DEFAULT_PORT;
        }

        final Vendor vendor = vendor(settings.get("vendor"));
        final Object rate = settings.get("unshaped_rate_bps");
        final Object unshapedSetting = settings.get("unshaped");
        if (rate != null && unshapedSetting != null)
        {
            throw new IllegalArgumentException(PREFIX + ": give at most one of unshaped_rate_bps and unshaped");
        }
        final long unshapedRate = rate == null ? 0 : number("unshaped_rate_bps", rate, 1, Long.MAX_VALUE);
        String unshaped = unshapedSetting == null ? null : unshapedSetting.toString();
        if (rate == null && unshaped == null)
        {
            if (vendor != Vendor.MIKROTIK)
            {
                throw new IllegalArgumentException(PREFIX + ".unshaped_rate_bps: restore needs the normal rate (or " +
                    (vendor == Vendor.CISCO ? "an unshaped Cisco-AVPair" : "nothing else for wispr") + ")");
            }
            unshaped = "0/0";
        }
        if (unshaped != null && vendor == Vendor.WISPR)
        {
            throw new IllegalArgumentException(PREFIX + ".unshaped: wispr takes unshaped_rate_bps, not a text value");
        }

        final List<String> identifyBy = strings("identify_by", settings.getOrDefault("identify_by", "User-Name"));
        boolean byUserName = false;
        boolean byFramedIp = false;
        for (final String name : identifyBy)
        {
            if ("User-Name".equalsIgnoreCase(name))
            {
                byUserName = true;
            }
            else if ("Framed-IP-Address".equalsIgnoreCase(name))
            {
                byFramedIp = true;
            }
            else
            {
                throw new IllegalArgumentException(PREFIX + ".identify_by: " + name +
                    " is neither User-Name nor Framed-IP-Address");
            }
        }
        if (!byUserName && !byFramedIp)
        {
            throw new IllegalArgumentException(PREFIX + ".identify_by: name User-Name, Framed-IP-Address or both");
        }

        final Object eventTimestamp = settings.getOrDefault("event_timestamp", true);
        if (!(eventTimestamp instanceof Boolean))
        {
            throw new IllegalArgumentException(PREFIX + ".event_timestamp: true or false is needed");
        }

        return new CoaSettings(host, port, secret(settings), vendor,
            (int)number("timeout_ms", settings.getOrDefault("timeout_ms", 3000), 1, 60_000),
            (int)number("attempts", settings.getOrDefault("attempts", 3), 1, 10),
            byUserName, byFramedIp, (Boolean)eventTimestamp, nasIpAddress(settings.get("nas_ip_address")),
            unshapedRate, unshaped,
            strings("cisco_avpair", settings.getOrDefault("cisco_avpair", DEFAULT_CISCO_AVPAIR)));
    }

    private static int port(final String colonAndPort)
    {
        try
        {
            final int port = Integer.parseInt(colonAndPort.substring(1));
            if (colonAndPort.charAt(0) == ':' && port >= 1 && port <= 65535)
            {
                return port;
            }
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException(PREFIX + ".nas: the port after ':' must be 1-65535");
    }

    private static Vendor vendor(final Object setting)
    {
        if (setting != null)
        {
            for (final Vendor vendor : Vendor.values())
            {
                if (vendor.name().equals(setting.toString().toUpperCase(Locale.ROOT)))
                {
                    return vendor;
                }
            }
        }
        throw new IllegalArgumentException(PREFIX + ".vendor: one of mikrotik, cisco, wispr is needed");
    }

    private static byte[] secret(final Map<String, Object> settings)
    {
        final Object inline = settings.get("secret");
        final Object file = settings.get("secret_file");
        if ((inline == null) == (file == null))
        {
            throw new IllegalArgumentException(PREFIX + ": give exactly one of secret and secret_file");
        }
        final String value;
        try
        {
            value = inline != null ? inline.toString() : Files.readString(Path.of(file.toString())).strip();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(PREFIX + ".secret_file: cannot read " + file + ": " + ex.getMessage());
        }
        if (value.isEmpty())
        {
            throw new IllegalArgumentException(PREFIX + ": the secret is empty");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nasIpAddress(final Object setting)
    {
        if (setting == null)
        {
            return null;
        }
        final String text = setting.toString();
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
        {
            try
            {
                return InetAddress.getByName(text).getAddress(); // a literal: no lookup
            }
            catch (final UnknownHostException ignored)
            {
                // reported below
            }
        }
        throw new IllegalArgumentException(PREFIX + ".nas_ip_address: an IPv4 address is needed, not " + text);
    }

    private static long number(final String key, final Object value, final long min, final long max)
    {
        if (!(value instanceof Number number) || number instanceof Double || number instanceof Float ||
            number.longValue() < min || number.longValue() > max)
        {
            throw new IllegalArgumentException(PREFIX + "." + key + ": a whole number from " + min + " to " + max +
                " is needed");
        }
        return number.longValue();
    }

    private static List<String> strings(final String key, final Object value)
    {
        final List<String> list = new ArrayList<>();
        if (value instanceof String text)
        {
            list.add(text);
        }
        else if (value instanceof List<?> items)
        {
            for (final Object item : items)
            {
                if (!(item instanceof String text))
                {
                    throw new IllegalArgumentException(PREFIX + "." + key + ": a list of strings is needed");
                }
                list.add(text);
            }
        }
        if (list.isEmpty())
        {
            throw new IllegalArgumentException(PREFIX + "." + key + ": a string or a list of strings is needed");
        }
        return List.copyOf(list);
    }
}
