package org.jet.engine.ingest;

import java.util.List;

import org.jet.engine.config.Cidr;

/**
 * The exporters whose flows are billed. Checked per datagram before any state is created for the source, so a
 * flood of spoofed sources costs a comparison, not memory.
 */
public final class AllowList
{
    private final Cidr[] prefixes;

    public AllowList(final List<Cidr> prefixes)
    {
        this.prefixes = prefixes.toArray(new Cidr[0]);
    }

    public boolean allows(final long addrHi, final long addrLo)
    {
        for (final Cidr prefix : prefixes)
        {
            if (prefix.contains(addrHi, addrLo))
            {
                return true;
            }
        }
        return false;
    }
}
