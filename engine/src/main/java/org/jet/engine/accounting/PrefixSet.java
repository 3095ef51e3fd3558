package org.jet.engine.accounting;

import java.util.List;

import org.jet.engine.config.Cidr;

/**
 * A few address prefixes in flat arrays, tested in order: the engine asks for every flow, so no objects and no
 * boxing. Meant for the handful of prefixes of a config (internal networks, a class's remote networks); a linear
 * scan over ten prefixes is faster than any tree.
 */
final class PrefixSet
{
    private final long[] hi;
    private final long[] lo;
    private final long[] maskHi;
    private final long[] maskLo;

    PrefixSet(final List<Cidr> prefixes)
    {
        final int n = prefixes.size();
        hi = new long[n];
        lo = new long[n];
        maskHi = new long[n];
        maskLo = new long[n];
        for (int i = 0; i < n; i++)
        {
            final Cidr cidr = prefixes.get(i);
            hi[i] = cidr.hi();
            lo[i] = cidr.lo();
            maskHi[i] = mask(cidr.length(), 0);
            maskLo[i] = mask(cidr.length(), 64);
        }
    }

    boolean isEmpty()
    {
        return hi.length == 0;
    }

    boolean contains(final long addrHi, final long addrLo)
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

    private static long mask(final int length, final int offset)
    {
        final int bits = Math.max(0, Math.min(64, length - offset));
        return bits == 0 ? 0 : -1L << (64 - bits);
    }
}
