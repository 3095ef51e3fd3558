package org.jet.plugin.linuxtc;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A user's address or prefix, checked before it reaches a command line: {@code 10.0.0.5}, {@code 10.0.0.0/30},
 * {@code 2001:db8:1:2::/64}. {@link #text()} is canonical with the host bits cleared, so it is safe to pass to tc and
 * nft. A prefix shorter than /16 (IPv4) or /32 (IPv6) is refused: it would catch other users.
 *
 * @param ipv6 whether it is an IPv6 prefix.
 * @param text the prefix as {@code ADDRESS/LENGTH}.
 */
record UserPrefix(boolean ipv6, String text)
{
    static final int MIN_IPV4_LENGTH = 16;
    static final int MIN_IPV6_LENGTH = 32;

    /** Only literal forms: InetAddress must never be handed a name, or it would ask DNS. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(\\d{1,3}(\\.\\d{1,3}){3})?");
    private static final Pattern LENGTH = Pattern.compile("\\d{1,3}");

    /**
     * @throws IllegalArgumentException naming the text, when it is not an address or prefix a user can hold.
     */
    static UserPrefix parse(final String address)
    {
        final int slash = address.indexOf('/');
        final String host = slash < 0 ? address : address.substring(0, slash);
        final String length = slash < 0 ? null : address.substring(slash + 1);
        final boolean v4Text = IPV4.matcher(host).matches();
        if (!v4Text && !IPV6.matcher(host).matches() || length != null && !LENGTH.matcher(length).matches())
        {
            throw new IllegalArgumentException("not an IP address or prefix: " + address);
        }
        final byte[] bytes;
        // Java reads ::ffff:a.b.c.d as IPv4: such a prefix is the IPv4 one, its length 96 less
        final boolean mapped;
        try
        {
            final InetAddress parsed = InetAddress.getByName(host);
            mapped = !v4Text && parsed instanceof Inet4Address;
            bytes = parsed.getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IP address or prefix: " + address);
        }
        final int bits = bytes.length * 8;
        final int prefixLength = length == null ? bits : Integer.parseInt(length) - (mapped ? 96 : 0);
        final int minimum = bytes.length == 4 ? MIN_IPV4_LENGTH : MIN_IPV6_LENGTH;
        if (prefixLength > bits || prefixLength < minimum)
        {
            throw new IllegalArgumentException("prefix length must be " + minimum + " to " + bits + ": " + address);
        }
        for (int i = 0; i < bytes.length; i++)
        {
            final int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte)(0xff << (8 - keep));
        }
        try
        {
            final String canonical = InetAddress.getByAddress(bytes).getHostAddress();
            return new UserPrefix(bytes.length == 16, canonical + "/" + prefixLength);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("4 or 16 bytes are always an address", ex);
        }
    }
}
