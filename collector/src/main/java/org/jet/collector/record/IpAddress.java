package org.jet.collector.record;

/**
 * 128-bit addresses held as two longs (network order: {@code hi} holds the first 8 bytes).
 *
 * <p>IPv4 addresses are IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}, RFC 4291 2.5.5.2): {@code hi == 0} and
 * {@code lo == 0x0000_ffff_aabb_ccdd}. Formatting prints them as dotted quads; other addresses in RFC 5952 form.
 */
public final class IpAddress
{
    private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;
    private static final long V4_MASK = 0xffff_ffffL;

    private IpAddress()
    {
    }

    /**
     * @param ipv4 an IPv4 address as read from the wire (big-endian int).
     * @return the low half of its IPv4-mapped form; the high half is 0.
     */
    public static long mappedLo(final int ipv4)
    {
        return V4_MAPPED_PREFIX | (ipv4 & V4_MASK);
    }

    /**
     * @param raw an address as {@link java.net.InetAddress#getAddress()} gives it: 4 or 16 bytes, network order.
     * @return the high half of its 128-bit form (0 for IPv4).
     */
    public static long hiOf(final byte[] raw)
    {
        return raw.length == 4 ? 0 : bigEndian(raw, 0, Long.BYTES);
    }

    /**
     * @param raw an address as {@link java.net.InetAddress#getAddress()} gives it: 4 or 16 bytes, network order.
     * @return the low half of its 128-bit form (IPv4-mapped for IPv4).
     */
    public static long loOf(final byte[] raw)
    {
        return raw.length == 4 ? mappedLo((int)bigEndian(raw, 0, Integer.BYTES)) : bigEndian(raw, 8, Long.BYTES);
    }

    private static long bigEndian(final byte[] bytes, final int offset, final int count)
    {
        long value = 0;
        for (int i = 0; i < count; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    public static boolean isV4(final long hi, final long lo)
    {
        return hi == 0 && (lo & ~V4_MASK) == V4_MAPPED_PREFIX;
    }

    /**
     * Appends the address in dotted-quad (IPv4-mapped) or RFC 5952 form.
     */
    public static StringBuilder appendTo(final StringBuilder out, final long hi, final long lo)
    {
        if (isV4(hi, lo))
        {
            return out.append((lo >>> 24) & 0xff).append('.').append((lo >>> 16) & 0xff).append('.')
                .append((lo >>> 8) & 0xff).append('.').append(lo & 0xff);
        }

        final int[] groups = new int[8];
        for (int i = 0; i < 4; i++)
        {
            groups[i] = (int)(hi >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int)(lo >>> (48 - 16 * i)) & 0xffff;
        }

        // RFC 5952 4.2: compress the longest run (first one on ties) of two or more zero groups.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }

        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength)
            {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out;
    }

    public static String toString(final long hi, final long lo)
    {
        return appendTo(new StringBuilder(39), hi, lo).toString();
    }

    /**
     * @return the MAC address in the low 48 bits formatted as {@code 00:50:56:c0:00:01}.
     */
    public static String macToString(final long mac)
    {
        final StringBuilder out = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            final int b = (int)(mac >>> shift) & 0xff;
            out.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (shift > 0)
            {
                out.append(':');
            }
        }
        return out.toString();
    }
}
