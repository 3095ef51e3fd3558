package org.jet.bench.loadgen;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jet.engine.config.Cidr;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadgen}: exports synthetic NetFlow v5, v9, IPFIX or sFlow at a target rate and reports exactly what it
 * sent. See bench/README.md.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Exports synthetic NetFlow v5, v9, IPFIX or sFlow v5 to HOST:PORT at a target rate and reports exactly what",
        "it sent: datagrams, flow records, the sums of the encoded byte and packet counters, errors."})
public final class LoadGenerator implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = TargetConverter.class,
        description = "Collector address, e.g. 127.0.0.1:2055 or [::1]:4739.")
    private InetSocketAddress target;

    @Option(names = "--protocol", required = true, paramLabel = "PROTOCOL", converter = ProtocolConverter.class,
        description = "netflow5, netflow9, ipfix or sflow.")
    private Protocol protocol;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "RECORDS_PER_SECOND", converter = CountConverter.class,
        description = "Flow records per second over all exporters; k/M/G suffixes (1.2M); 0 = as fast as possible "
            + "(default).")
    private long rate;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Limit limit;

    @Option(names = "--exporters", defaultValue = "1", description = "Simulated exporters, each its own socket "
        + "(source port), source id and sequence numbers (default ${DEFAULT-VALUE}).")
    private int exporters;

    @Option(names = "--records-per-datagram", defaultValue = "0", paramLabel = "N", description = "Flow records "
        + "(sFlow: samples) per datagram; default: as many as fit 1472 bytes, at most 30 (v5 30, v9 23, IPFIX 21, "
        + "sFlow 7).")
    private int recordsPerDatagram;

    @Option(names = "--internal-hosts", defaultValue = "1000", paramLabel = "N",
        description = "Distinct inside addresses, from the internal network's base up (default ${DEFAULT-VALUE}).")
    private int internalHosts;

    @Option(names = "--internal-network", defaultValue = "10.0.0.0/8", paramLabel = "CIDR",
        description = "IPv4 network of the inside addresses, /8 to /32 (default ${DEFAULT-VALUE}); a population "
            + "prepared with the same --network and --addresses N = --internal-hosts gives every flow a user.")
    private String internalNetwork;

    @Option(names = "--external-hosts", defaultValue = "10000", paramLabel = "N",
        description = "Distinct outside addresses, from 198.18.0.0/15, at most 131072 (default ${DEFAULT-VALUE}).")
    private int externalHosts;

    @Option(names = "--template-interval", defaultValue = "10", paramLabel = "SECONDS",
        description = "v9/IPFIX: templates are sent first and again every so often (default ${DEFAULT-VALUE}).")
    private double templateIntervalSeconds;

    @Option(names = "--exporter-addresses",
        description = "Exporter i sends from 127.0.0.(2+i) (loopback targets only) instead of one source address.")
    private boolean exporterAddresses;

    @Option(names = "--sampling-rate", defaultValue = "1", paramLabel = "N",
        description = "sFlow sampling rate written into the samples (default ${DEFAULT-VALUE}; totals stay unscaled).")
    private int samplingRate;

    @Option(names = "--ip-protocol", defaultValue = "6", paramLabel = "N",
        description = "IP protocol number of every flow (default ${DEFAULT-VALUE}, TCP).")
    private int ipProtocol;

    @Option(names = "--json", description = "Print the report as one JSON object instead of a table.")
    private boolean json;

    static final class Limit
    {
        @Option(names = "--duration", paramLabel = "SECONDS", description = "Send for this long.")
        double durationSeconds;

        @Option(names = "--records", paramLabel = "N", converter = CountConverter.class,
            description = "Send exactly this many flow records (k/M/G suffixes).")
        long records;
    }

    /**
     * @return the settings the options describe, concluded.
     * @throws IllegalArgumentException when they do not fit together.
     */
    LoadSettings settings()
    {
        final Cidr network = Cidr.parse(internalNetwork);
        if (network.hi() != 0 || (network.lo() >>> 32) != 0xffff || network.length() < 96)
        {
            throw new IllegalArgumentException("--internal-network must be an IPv4 network, got " + internalNetwork);
        }
        return new LoadSettings()
            .target(target)
            .protocol(protocol)
            .recordsPerSecond(rate)
            .durationNs((long)(limit.durationSeconds * 1e9))
            .recordLimit(limit.records)
            .exporters(exporters)
            .recordsPerDatagram(recordsPerDatagram)
            .internalHosts(internalHosts)
            .internalNetwork((int)network.lo(), network.length() - 96)
            .externalHosts(externalHosts)
            .templateIntervalNs((long)(templateIntervalSeconds * 1e9))
            .exporterAddresses(exporterAddresses)
            .samplingRate(samplingRate)
            .ipProtocol(ipProtocol)
            .conclude();
    }

    @Override
    public Integer call() throws Exception
    {
        final LoadSettings settings;
        try
        {
            settings = settings();
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("loadgen: " + ex.getMessage());
            return 2;
        }
        final LoadReport report;
        try (LoadRunner runner = new LoadRunner(settings))
        {
            final Thread hook = new Thread(runner::stop, "loadgen-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            report = runner.run();
            removeHook(hook);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() + System.lineSeparator() : report.table());
        out.flush();
        return 0;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignore)
        {
            // The JVM is already shutting down: the hook has run.
        }
    }

    /** Parses {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (loopback). */
    static final class TargetConverter implements ITypeConverter<InetSocketAddress>
    {
        @Override
        public InetSocketAddress convert(final String value) throws UnknownHostException
        {
            final int colon = value.lastIndexOf(':');
            if (colon < 0 || colon == value.length() - 1)
            {
                throw new IllegalArgumentException("expected HOST:PORT, got '" + value + "'");
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]"))
            {
                host = host.substring(1, host.length() - 1);
            }
            final int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65_535)
            {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            final InetAddress address = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            return new InetSocketAddress(address, port);
        }
    }

    static final class ProtocolConverter implements ITypeConverter<Protocol>
    {
        @Override
        public Protocol convert(final String value)
        {
            return Protocol.parse(value);
        }
    }

    /** A non-negative count with an optional k, M or G suffix (decimal: 1.2M = 1,200,000). */
    public static final class CountConverter implements ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            return parseCount(value);
        }
    }

    /**
     * @param value such as {@code 2400000}, {@code 2.4M} or {@code 600k}.
     * @return the count.
     */
    public static long parseCount(final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("empty count");
        }
        final char last = text.charAt(text.length() - 1);
        final double scale = last == 'k' ? 1e3 : last == 'm' ? 1e6 : last == 'g' ? 1e9 : 1;
        final String digits = scale == 1 ? text : text.substring(0, text.length() - 1);
        final double number = Double.parseDouble(digits);
        if (!(number >= 0) || number * scale > Long.MAX_VALUE)
        {
            throw new IllegalArgumentException("count out of range: " + value);
        }
        return Math.round(number * scale);
    }
}
