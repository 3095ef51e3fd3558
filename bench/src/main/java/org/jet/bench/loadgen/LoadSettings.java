package org.jet.bench.loadgen;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.jet.bench.gen.FlowPacketWriter;

/**
 * What one load generator run sends: target, protocol, pace, limit and the shape of the simulated network.
 * Set with fluent setters, then {@link #conclude()} checks it before a {@link LoadRunner} uses it.
 */
public final class LoadSettings
{
    /** Most exporters one run simulates: each is a socket, and loopback sources run from 127.0.0.2 upwards. */
    public static final int MAX_EXPORTERS = 4_096;
    /** Outside addresses are drawn from 198.18.0.0/15, the benchmarking range (RFC 2544). */
    public static final int MAX_EXTERNAL_HOSTS = 1 << 17;

    private InetSocketAddress target;
    private Protocol protocol = Protocol.NETFLOW9;
    private long recordsPerSecond;
    private long durationNs;
    private long recordLimit;
    private int exporters = 1;
    private int recordsPerDatagram;
    private int internalHosts = 1_000;
    private int internalBase = FlowPacketWriter.DEFAULT_INTERNAL_BASE;
    private int internalPrefixLength = 8;
    private int externalHosts = 10_000;
    private long templateIntervalNs = TimeUnit.SECONDS.toNanos(10);
    private boolean exporterAddresses;
    private int samplingRate = 1;
    private int ipProtocol = 6;
    private long clockAheadMs;

    /**
     * Checks the settings and fills in defaults that depend on others.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first setting that is wrong.
     */
    public LoadSettings conclude()
    {
        if (target == null)
        {
            throw new IllegalArgumentException("no target: --to HOST:PORT");
        }
        if (target.isUnresolved())
        {
            throw new IllegalArgumentException("cannot resolve target " + target.getHostString());
        }
        if ((durationNs > 0) == (recordLimit > 0))
        {
            throw new IllegalArgumentException("give exactly one of --duration and --records");
        }
        require(recordsPerSecond >= 0, "--rate must be >= 0 (0 = as fast as possible)");
        require(exporters >= 1 && exporters <= MAX_EXPORTERS, "--exporters must be 1.." + MAX_EXPORTERS);
        if (recordsPerDatagram == 0)
        {
            recordsPerDatagram = protocol.defaultRecordsPerDatagram();
        }
        require(recordsPerDatagram >= 1 && recordsPerDatagram <= protocol.maxRecords(),
            "--records-per-datagram must be 1.." + protocol.maxRecords() + " for " + protocol.cliName());
        require(internalPrefixLength >= 8 && internalPrefixLength <= 32,
            "--internal-network must be a /8 to /32 IPv4 network");
        final long room = 1L << (32 - internalPrefixLength);
        require(internalHosts >= 1 && internalHosts <= room,
            "--internal-hosts must be 1.." + room + " (the size of the internal network)");
        require(externalHosts >= 1 && externalHosts <= MAX_EXTERNAL_HOSTS,
            "--external-hosts must be 1.." + MAX_EXTERNAL_HOSTS + " (198.18.0.0/15)");
        require(templateIntervalNs > 0, "--template-interval must be > 0");
        require(samplingRate >= 1, "--sampling-rate must be >= 1");
        require(ipProtocol >= 0 && ipProtocol <= 255, "--ip-protocol must be 0..255");
        require(clockAheadMs >= 0 && clockAheadMs <= 86_400_000L, "the clock may run ahead by 0 to 24 hours");
        require(!exporterAddresses || target.getAddress().isLoopbackAddress(),
            "--exporter-addresses binds 127.0.0.2 and up: the target must be a loopback address");
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    public InetSocketAddress target()
    {
        return target;
    }

    public LoadSettings target(final InetSocketAddress target)
    {
        this.target = target;
        return this;
    }

    public Protocol protocol()
    {
        return protocol;
    }

    public LoadSettings protocol(final Protocol protocol)
    {
        this.protocol = protocol;
        return this;
    }

    /** @return the target rate in flow records per second; 0 sends as fast as one core can. */
    public long recordsPerSecond()
    {
        return recordsPerSecond;
    }

    public LoadSettings recordsPerSecond(final long recordsPerSecond)
    {
        this.recordsPerSecond = recordsPerSecond;
        return this;
    }

    /** @return how long to send, in nanoseconds; 0 when a record limit ends the run instead. */
    public long durationNs()
    {
        return durationNs;
    }

    public LoadSettings durationNs(final long durationNs)
    {
        this.durationNs = durationNs;
        return this;
    }

    /** @return how many flow records to send; 0 when a duration ends the run instead. */
    public long recordLimit()
    {
        return recordLimit;
    }

    public LoadSettings recordLimit(final long recordLimit)
    {
        this.recordLimit = recordLimit;
        return this;
    }

    public int exporters()
    {
        return exporters;
    }

    public LoadSettings exporters(final int exporters)
    {
        this.exporters = exporters;
        return this;
    }

    /** @return flow records per data datagram; 0 before {@link #conclude()} means the protocol's MTU-sized default. */
    public int recordsPerDatagram()
    {
        return recordsPerDatagram;
    }

    public LoadSettings recordsPerDatagram(final int recordsPerDatagram)
    {
        this.recordsPerDatagram = recordsPerDatagram;
        return this;
    }

    public int internalHosts()
    {
        return internalHosts;
    }

    public LoadSettings internalHosts(final int internalHosts)
    {
        this.internalHosts = internalHosts;
        return this;
    }

    /** @return the first inside address, a big-endian IPv4 address (default 10.0.0.0). */
    public int internalBase()
    {
        return internalBase;
    }

    /** @return the prefix length of the network inside addresses are drawn from (default 8). */
    public int internalPrefixLength()
    {
        return internalPrefixLength;
    }

    /**
     * @param base         the network's first address, big-endian IPv4; inside addresses are base + [0, hosts).
     * @param prefixLength its prefix length, 8 to 32.
     */
    public LoadSettings internalNetwork(final int base, final int prefixLength)
    {
        this.internalBase = base;
        this.internalPrefixLength = prefixLength;
        return this;
    }

    public int externalHosts()
    {
        return externalHosts;
    }

    public LoadSettings externalHosts(final int externalHosts)
    {
        this.externalHosts = externalHosts;
        return this;
    }

    /** @return how often each v9/IPFIX exporter sends its templates again, in nanoseconds. */
    public long templateIntervalNs()
    {
        return templateIntervalNs;
    }

    public LoadSettings templateIntervalNs(final long templateIntervalNs)
    {
        this.templateIntervalNs = templateIntervalNs;
        return this;
    }

    /** @return true when exporter i sends from 127.0.0.(2 + i) rather than from the target's loopback address. */
    public boolean exporterAddresses()
    {
        return exporterAddresses;
    }

    public LoadSettings exporterAddresses(final boolean exporterAddresses)
    {
        this.exporterAddresses = exporterAddresses;
        return this;
    }

    /** @return the sampling rate written into sFlow samples (counters stay unscaled in the report). */
    public int samplingRate()
    {
        return samplingRate;
    }

    public LoadSettings samplingRate(final int samplingRate)
    {
        this.samplingRate = samplingRate;
        return this;
    }

    /** @return the IP protocol number of every flow sent (default 6, TCP). */
    public int ipProtocol()
    {
        return ipProtocol;
    }

    public LoadSettings ipProtocol(final int ipProtocol)
    {
        this.ipProtocol = ipProtocol;
        return this;
    }

    /** @return how far the exported times run ahead of this machine's clock, ms (0: they are its clock). */
    public long clockAheadMs()
    {
        return clockAheadMs;
    }

    /**
     * Runs the exported times (headers, flows' start and end) ahead of this machine's clock, so that a benchmark can
     * put an hour's turn where it wants it; the collector must accept flows that far ahead.
     */
    public LoadSettings clockAheadMs(final long clockAheadMs)
    {
        this.clockAheadMs = clockAheadMs;
        return this;
    }
}
