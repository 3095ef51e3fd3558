package org.jet.collector.exporter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;

/**
 * Finds the {@link Exporter} of a datagram's source address and port, creating it on first sight.
 *
 * <p>Owned by one thread. A lookup of a known IPv4 exporter allocates nothing; IPv6 exporters go through a small
 * second map keyed by the formatted name (an exporter is created rarely, looked up per datagram, and IPv6 exporters
 * are few).
 */
public final class ExporterTable
{
    private final int capacity;
    private final Consumer<Exporter> onCreate;
    private final Long2ObjectHashMap<Exporter> v4ByAddressAndPort = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Exporter> v6ByHash = new Long2ObjectHashMap<>();
    private final Object2IntHashMap<String> hostIds = new Object2IntHashMap<>(-1);
    // Copy-on-write: exporters are added rarely and read by metrics threads while the owner decodes.
    private final List<Exporter> exporters = new CopyOnWriteArrayList<>();

    /**
     * @param capacity the most exporters this table will track; datagrams from others are refused (null).
     */
    public ExporterTable(final int capacity)
    {
        this(capacity, exporter -> {});
    }

    /**
     * @param capacity the most exporters this table will track; datagrams from others are refused (null).
     * @param onCreate configures each exporter when it is first seen (e.g. its sampling override).
     */
    public ExporterTable(final int capacity, final Consumer<Exporter> onCreate)
    {
        this.capacity = capacity;
        this.onCreate = onCreate;
    }

    /**
     * @return the exporter, or null when the table is full (a flood of spoofed sources must not grow memory).
     */
    public Exporter lookup(final long addrHi, final long addrLo, final int port)
    {
        if (addrHi == 0 && (addrLo >>> 32) == 0xffffL)
        {
            final long key = ((addrLo & 0xffff_ffffL) << 16) | (port & 0xffff);
            Exporter exporter = v4ByAddressAndPort.get(key);
            if (exporter == null)
            {
                exporter = create(addrHi, addrLo, port);
                if (exporter != null)
                {
                    v4ByAddressAndPort.put(key, exporter);
                }
            }
            return exporter;
        }

        final long key = (addrHi * 31 + addrLo) * 65_537 + port;
        Exporter exporter = v6ByHash.get(key);
        if (exporter != null && (exporter.addrHi() != addrHi || exporter.addrLo() != addrLo || exporter.port() != port))
        {
            exporter = null;
            for (final Exporter candidate : exporters)
            {
                if (candidate.addrHi() == addrHi && candidate.addrLo() == addrLo && candidate.port() == port)
                {
                    return candidate;
                }
            }
        }
        if (exporter == null)
        {
            exporter = create(addrHi, addrLo, port);
            if (exporter != null)
            {
                v6ByHash.putIfAbsent(key, exporter);
            }
        }
        return exporter;
    }

    public int size()
    {
        return exporters.size();
    }

    /**
     * @return the exporters seen so far, in order of first sight (index = {@link Exporter#id()}).
     */
    public List<Exporter> exporters()
    {
        return exporters;
    }

    private Exporter create(final long addrHi, final long addrLo, final int port)
    {
        if (exporters.size() >= capacity)
        {
            return null;
        }
        final String host = Exporter.formatName(addrHi, addrLo, 0);
        int hostId = hostIds.getValue(host);
        if (hostId < 0)
        {
            hostId = hostIds.size();
            hostIds.put(host, hostId);
        }
        final Exporter exporter = new Exporter(exporters.size(), hostId, addrHi, addrLo, port);
        exporters.add(exporter);
        onCreate.accept(exporter);
        return exporter;
    }
}
