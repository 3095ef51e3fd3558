package org.jet.engine.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An address prefix ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) over Jet's 128-bit addresses: IPv4 prefixes are
 * held IPv4-mapped ({@code ::ffff:0:0/96} + length), like every IPv4 address in Jet.
 */
public record Cidr(String text, long hi, long lo, int length)
{
    @JsonCreator
    public static Cidr parse(final String text)
    {
        final String trimmed = text.trim();
        final int slash = trimmed.indexOf('/');
        final String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+"))
        {
            throw new IllegalArgumentException("not an IP address: '" + address + "' (host names are not allowed)");
        }
        final byte[] bytes;
        try
        {
            bytes = InetAddress.getByName(address).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IP address: '" + address + "'");
        }
        final int max = bytes.length * 8;
        int length = max;
        if (slash >= 0)
        {
            try
            {
                length = Integer.parseInt(trimmed.substring(slash + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("prefix length is not a number in '" + text + "'");
            }
            if (length < 0 || length > max)
            {
                throw new IllegalArgumentException("prefix length must be 0.." + max + " in '" + text + "'");
            }
        }
        long hi = 0;
        long lo = 0;
        if (bytes.length == 4)
        {
            lo = 0x0000_ffff_0000_0000L | (((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) |
                ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL));
            length += 96;
        }
        else
        {
            for (int i = 0; i < 8; i++)
            {
                hi = (hi << 8) | (bytes[i] & 0xff);
                lo = (lo << 8) | (bytes[i + 8] & 0xff);
            }
        }
        return new Cidr(trimmed, hi & mask(length, 0), lo & mask(length, 64), length);
    }

    /**
     * @return true when the 128-bit address (IPv4-mapped for IPv4) lies in this prefix.
     */
    public boolean contains(final long addrHi, final long addrLo)
    {
        return (addrHi & mask(length, 0)) == hi && (addrLo & mask(length, 64)) == lo;
    }

    private static long mask(final int length, final int offset)
    {
        final int bits = Math.max(0, Math.min(64, length - offset));
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    @JsonValue
    @Override
    public String toString()
    {
        return text;
    }
}
