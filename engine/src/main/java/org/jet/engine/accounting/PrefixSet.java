package org.jet.engine.accounting;

import java.util.List;

import org.jet.engine.config.Cidr;

/**
 * A few address prefixes in flat arrays: the engine asks for every flow, twice, so no objects and no boxing. Meant
 * for the handful of prefixes of a config (internal networks, a class's remote networks).
 *
 * <p>An IPv4 address is answered by its /16 when the set holds any IPv4 prefix: one bit says every address of the
 * /16 is in the set, another that some are (a longer prefix lies in it), and only then are the prefixes scanned.
 * The two bitmaps are 16 KiB, small enough to stay in L1 for the /16s a network actually sees; the scan they
 * replace was the engine's hottest line (five default internal networks, tested for both ends of a flow). Even for
 * one prefix (a traffic class's peering network, asked of nearly every remote address) they measured 0.92-0.97 of
 * the time per flow with the records in cache (paired, bench/README.md, session 14). IPv6 addresses are scanned.
 */
final class PrefixSet
{
    private static final long V4_MAPPED = 0x0000_ffffL;
    private static final int SIXTEENS = 1 << 16;

    private final long[] hi;
    private final long[] lo;
    private final long[] maskHi;
    private final long[] maskLo;
    /** Bit per IPv4 /16: all of it is in the set; null when IPv4 addresses are scanned. */
    private final long[] wholeSixteens;
    /** Bit per IPv4 /16: a prefix longer than /16 lies in it, so the prefixes are scanned. */
    private final long[] partSixteens;

    PrefixSet(final List<Cidr> prefixes)
    {
        final int n = prefixes.size();
        hi = new long[n];
        lo = new long[n];
        maskHi = new long[n];
        maskLo = new long[n];
        int v4Prefixes = 0;
        for (int i = 0; i < n; i++)
        {
            final Cidr cidr = prefixes.get(i);
            hi[i] = cidr.hi();
            lo[i] = cidr.lo();
            maskHi[i] = mask(cidr.length(), 0);
            maskLo[i] = mask(cidr.length(), 64);
            if (coversV4(cidr))
            {
                v4Prefixes++;
            }
        }
        if (v4Prefixes == 0)
        {
            wholeSixteens = null;
            partSixteens = null;
            return;
        }
        wholeSixteens = new long[SIXTEENS / 64];
        partSixteens = new long[SIXTEENS / 64];
        for (final Cidr cidr : prefixes)
        {
            if (!coversV4(cidr))
            {
                continue;
            }
            final int v4Length = Math.max(0, cidr.length() - 96);
            final int first = v4Length == 0 ? 0 : (int)(cidr.lo() >>> 16) & 0xffff;
            if (v4Length > 16)
            {
                partSixteens[first >>> 6] |= 1L << first;
                continue;
            }
            final int count = 1 << (16 - v4Length);
            for (int sixteen = first; sixteen < first + count; sixteen++)
            {
                wholeSixteens[sixteen >>> 6] |= 1L << sixteen;
            }
        }
    }

    boolean isEmpty()
    {
        return hi.length == 0;
    }

    boolean contains(final long addrHi, final long addrLo)
    {
        final long[] whole = wholeSixteens;
        if (whole != null && addrHi == 0 && (addrLo >>> 32) == V4_MAPPED)
        {
            final int sixteen = (int)(addrLo >>> 16) & 0xffff;
            if ((whole[sixteen >>> 6] & (1L << sixteen)) != 0)
            {
                return true;
            }
            if ((partSixteens[sixteen >>> 6] & (1L << sixteen)) == 0)
            {
                return false;
            }
        }
        return scan(addrHi, addrLo);
    }

    private boolean scan(final long addrHi, final long addrLo)
    {
        for (int i = 0; i < hi.length; i++)
        {
            if ((addrHi & maskHi[i]) == hi[i] && (addrLo & maskLo[i]) == lo[i])
            {
                return true;
            }
        }
        return false;
    }

    /** @return true when the prefix holds IPv4-mapped addresses (an IPv4 prefix, or an IPv6 one around them all). */
    private static boolean coversV4(final Cidr cidr)
    {
        return cidr.length() > 96 ? cidr.hi() == 0 && (cidr.lo() >>> 32) == V4_MAPPED :
            cidr.contains(0, V4_MAPPED << 32);
    }

    private static long mask(final int length, final int offset)
    {
        final int bits = Math.max(0, Math.min(64, length - offset));
        return bits == 0 ? 0 : -1L << (64 - bits);
    }
}
