package org.jet.collector.exporter;

import org.jet.collector.record.IpAddress;

/**
 * A flow exporter as seen on the wire: one (source address, source port) pair.
 *
 * <p>Instances are created once, on first sight, by an {@link ExporterTable} and then reused for every datagram,
 * so decoders can keep per-exporter state in arrays indexed by {@link #id()} and per-host state (templates keyed
 * by the exporter address) by {@link #hostId()}. The counters are written by the one thread that decodes this
 * exporter's datagrams.
 */
public final class Exporter
{
    private final int id;
    private final int hostId;
    private final long addrHi;
    private final long addrLo;
    private final int port;
    private final String name;
    private final ExporterCounters counters = new ExporterCounters();
    private long samplingOverride;

    Exporter(final int id, final int hostId, final long addrHi, final long addrLo, final int port)
    {
        this.id = id;
        this.hostId = hostId;
        this.addrHi = addrHi;
        this.addrLo = addrLo;
        this.port = port;
        this.name = formatName(addrHi, addrLo, port);
    }

    /** @return dense index of this (address, port) pair, from 0. */
    public int id()
    {
        return id;
    }

    /** @return dense index of the exporter's address alone, from 0: exporters sharing an address share it. */
    public int hostId()
    {
        return hostId;
    }

    public long addrHi()
    {
        return addrHi;
    }

    public long addrLo()
    {
        return addrLo;
    }

    public int port()
    {
        return port;
    }

    /** @return {@code 192.0.2.1:50000} or {@code [2001:db8::1]:50000}. */
    public String name()
    {
        return name;
    }

    public ExporterCounters counters()
    {
        return counters;
    }

    /**
     * @return a sampling rate configured for this exporter that overrides what it reports; 0 when none.
     */
    public long samplingOverride()
    {
        return samplingOverride;
    }

    public void samplingOverride(final long samplingOverride)
    {
        this.samplingOverride = samplingOverride;
    }

    @Override
    public String toString()
    {
        return name;
    }

    static String formatName(final long addrHi, final long addrLo, final int port)
    {
        final StringBuilder out = new StringBuilder(48);
        if (IpAddress.isV4(addrHi, addrLo))
        {
            IpAddress.appendTo(out, addrHi, addrLo);
        }
        else
        {
            IpAddress.appendTo(out.append('['), addrHi, addrLo).append(']');
        }
        return out.append(':').append(port).toString();
    }
}
