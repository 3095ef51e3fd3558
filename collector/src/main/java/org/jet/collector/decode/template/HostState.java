package org.jet.collector.decode.template;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Template and sampling state of one exporter host (address; every source port shares it), per observation
 * domain, plus the data sets held back until their template arrives.
 */
public final class HostState
{
    final long addrHi;
    final long addrLo;
    int hostId;
    final Long2ObjectHashMap<DomainState> domains = new Long2ObjectHashMap<>();
    private DomainState lastDomain;
    int templateCount;
    long anyRate;
    long nextExpiryCheckMs;
    PendingSets pending;

    HostState(final int hostId, final long addrHi, final long addrLo)
    {
        this.hostId = hostId;
        this.addrHi = addrHi;
        this.addrLo = addrLo;
    }

    public long addrHi()
    {
        return addrHi;
    }

    public long addrLo()
    {
        return addrLo;
    }

    /** @return templates held for this host over all its domains. */
    public int templateCount()
    {
        return templateCount;
    }

    /** @return the rate announced last by any sampler of any domain of this host, 0 when none. */
    public long anyRate()
    {
        return anyRate;
    }

    /**
     * @return the domain's state, or null when the host does not have it yet.
     */
    public DomainState findDomain(final long domain)
    {
        final DomainState last = lastDomain;
        if (last != null && last.domain() == domain)
        {
            return last;
        }
        final DomainState found = domains.get(domain);
        if (found != null)
        {
            lastDomain = found;
        }
        return found;
    }

    DomainState addDomain(final long domain)
    {
        final DomainState state = new DomainState(domain);
        domains.put(domain, state);
        lastDomain = state;
        return state;
    }

    void removeDomain(final long domain)
    {
        domains.remove(domain);
        lastDomain = null;
    }

    /** @return data sets waiting for their template. */
    public int pendingSets()
    {
        return pending == null ? 0 : pending.size();
    }
}
