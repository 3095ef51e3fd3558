package org.jet.bench.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jet.bench.loadgen.LoadGenerator;
import org.jet.bench.loadgen.LoadReport;
import org.jet.bench.loadgen.LoadRunner;
import org.jet.bench.loadgen.LoadSettings;
import org.jet.bench.loadgen.Protocol;
import org.jet.bench.population.Population;
import org.jet.engine.store.JetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code e2e}: for each collector and each offered rate, starts the collector on a free loopback port, runs the load
 * generator in this JVM for a few seconds, waits for the collector to catch up, measures its CPU, stops it and
 * compares the flow records it kept with the records sent. Every process it starts is killed before it moves on.
 */
@Command(
    name = "e2e",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "End-to-end comparison: each collector at rising offered rates; records received vs sent, loss and CPU.",
        "Targets: nfcapd (nfdump), nfacctd (pmacct). Runs at most a few seconds per step; see bench/README.md."})
public final class EndToEnd implements Callable<Integer>
{
    /** Records of the trailer sent after the load to targets that buffer (see {@link CollectorTarget}). */
    static final int TRAILER_RECORDS = 30_000;
    static final int UDP = 17;

    private static final long HOUR_MS = 3_600_000L;
    /** What Jet is told to take ahead of its clock with {@code --hour-turn}: an hour and a margin. */
    private static final long MAX_CLOCK_AHEAD_SECONDS = 3_900;

    @Spec
    private CommandSpec spec;

    @Option(names = "--targets", split = ",", defaultValue = "jet,nfcapd,nfacctd",
        description = "Collectors to measure, in order (default ${DEFAULT-VALUE}).")
    private List<String> targets;

    @Option(names = "--rates", split = ",", defaultValue = "600k,1.2M,2.4M,4.8M,9.6M,max",
        description = "Offered rates in records/s, 'max' = as fast as the generator goes (default ${DEFAULT-VALUE}).")
    private List<String> rates;

    @Option(names = "--seconds", defaultValue = "3", description = "Load per step (default ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--protocol", defaultValue = "netflow9",
        description = "netflow5, netflow9 or ipfix (default ${DEFAULT-VALUE}).")
    private String protocol;

    @Option(names = "--records-per-datagram", defaultValue = "30", description = "(default ${DEFAULT-VALUE})")
    private int recordsPerDatagram;

    @Option(names = "--exporters", defaultValue = "1", description = "(default ${DEFAULT-VALUE})")
    private int exporters;

    @Option(names = "--rcvbuf", defaultValue = "4194304", description = "SO_RCVBUF asked of every collector, bytes; "
        + "0 = each collector's default (default ${DEFAULT-VALUE}, net.core.rmem_max here).")
    private int receiveBuffer;

    @Option(names = "--wait-idle", defaultValue = "0", paramLabel = "SECONDS", description = "Before each step, wait "
        + "up to this long for the machine to be nearly idle (under 10 %% busy); 0 = do not wait (default).")
    private double waitIdleSeconds;

    @Option(names = "--retry-busy", defaultValue = "0", paramLabel = "N", description = "Measure a step again, up to "
        + "N times, when other processes used more than --max-others %% of a core during its load (default 0).")
    private int retryBusy;

    @Option(names = "--max-others", defaultValue = "10", paramLabel = "PERCENT",
        description = "CPU %% of one core that other processes may use during a step (default ${DEFAULT-VALUE}).")
    private double maxOthersPercent;

    @Option(names = "--work-dir", description = "Where collectors write (default: a new temporary directory).")
    private Path workDir;

    @Option(names = "--keep", description = "Keep the collectors' files and logs (default: delete after each step).")
    private boolean keep;

    @Option(names = "--internal-hosts", paramLabel = "N", description = "Distinct inside addresses of the load, "
        + "from 10.0.0.0 up (default 1000; with --population, its addresses).")
    private Integer internalHosts;

    @Option(names = "--population", paramLabel = "USERS:ADDRESSES", description = "Jet starts each step with this "
        + "many users and one open session per address (e.g. 100k:1M, addresses from 10.0.0.0), so every flow is "
        + "attributed to a user; the load's inside addresses are those addresses, for every target. Prepared once "
        + "per run (see 'population'). Default: none (Jet counts per address only).")
    private String populationText;

    @Option(names = "--hour-turn", paramLabel = "SECONDS", description = "Put an hour's turn this many seconds "
        + "into each step: the load's clock runs ahead of this machine's by what that takes (under an hour), and Jet "
        + "is told to take flows that far ahead (accounting.max_clock_skew_seconds). Default: the machine's clock.")
    private Integer hourTurnSeconds;

    @Option(names = "--json", description = "Print one JSON object with all rows instead of the table.")
    private boolean json;

    private Population population;
    private Path populationData;

    private final List<CollectorTarget> running = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        final Protocol flowProtocol = Protocol.parse(protocol);
        if (flowProtocol == Protocol.SFLOW)
        {
            spec.commandLine().getErr().println("e2e: nfcapd and nfacctd take NetFlow/IPFIX only (sFlow: sfcapd)");
            return 2;
        }
        final List<Long> offered = new ArrayList<>();
        for (final String rate : rates)
        {
            offered.add("max".equalsIgnoreCase(rate) ? 0L : LoadGenerator.parseCount(rate));
        }
        if (populationText != null)
        {
            try
            {
                population = Population.parse(populationText);
            }
            catch (final IllegalArgumentException ex)
            {
                spec.commandLine().getErr().println("e2e: --population: " + ex.getMessage());
                return 2;
            }
            if (internalHosts != null)
            {
                spec.commandLine().getErr().println("e2e: --population sets the inside addresses: drop " +
                    "--internal-hosts");
                return 2;
            }
        }
        if (hourTurnSeconds != null && (hourTurnSeconds < 0 || hourTurnSeconds >= seconds))
        {
            spec.commandLine().getErr().println("e2e: --hour-turn must be within the step: 0 to " +
                (long)Math.ceil(seconds - 1) + " s");
            return 2;
        }
        for (final String target : targets)
        {
            Targets.create(target).close();
        }
        final Path root = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("jet-e2e-");
        final boolean deleteRoot = !keep && workDir == null;
        final Thread hook = new Thread(() -> cleanUp(root, deleteRoot), "e2e-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        final PrintWriter out = spec.commandLine().getOut();
        final List<StepResult> results = new ArrayList<>();
        try
        {
            if (population != null && targets.contains("jet"))
            {
                populationData = preparePopulation(root, out);
            }
            if (!json)
            {
                out.printf("e2e: %s, %d records/datagram, %d exporter(s), %,d inside addresses, %.1f s per step, " +
                    "rcvbuf %d, work dir %s%n", flowProtocol.cliName(), recordsPerDatagram, exporters,
                    settings(flowProtocol, 1).internalHosts(), seconds, receiveBuffer, root);
                if (hourTurnSeconds != null)
                {
                    out.printf("e2e: the load's hour turns %d s into each step%n", hourTurnSeconds);
                }
                out.println(StepResult.header());
                out.flush();
            }
            for (final String target : targets)
            {
                for (final long rate : offered)
                {
                    StepResult result = step(target, rate, flowProtocol, root);
                    for (int retry = 0; retry < retryBusy && result.othersPercent() > maxOthersPercent; retry++)
                    {
                        if (!json)
                        {
                            out.println(result.row() + "  <- machine busy, measuring again");
                            out.flush();
                        }
                        result = step(target, rate, flowProtocol, root);
                    }
                    results.add(result);
                    if (!json)
                    {
                        out.println(result.row());
                        out.flush();
                    }
                }
            }
        }
        finally
        {
            Runtime.getRuntime().removeShutdownHook(hook);
            cleanUp(root, deleteRoot);
            if (populationData != null && !keep && !deleteRoot)
            {
                delete(populationData.getParent());
            }
        }
        final SideBySide sideBySide = new SideBySide(targets, offered, results);
        if (!json && results.size() == targets.size() * offered.size())
        {
            sideBySide.print(out);
        }
        if (json)
        {
            final ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("protocol", flowProtocol.cliName());
            node.put("recordsPerDatagram", recordsPerDatagram);
            node.put("exporters", exporters);
            node.put("secondsPerStep", seconds);
            node.put("receiveBuffer", receiveBuffer);
            if (hourTurnSeconds != null)
            {
                node.put("hourTurnSeconds", hourTurnSeconds);
            }
            node.put("internalHosts", settings(flowProtocol, 1).internalHosts());
            if (population != null)
            {
                node.put("populationUsers", population.users());
                node.put("populationAddresses", population.addresses());
            }
            final ObjectNode zeroLoss = node.putObject("zeroLossRecordsPerSecond");
            for (final String target : targets)
            {
                zeroLoss.put(target, sideBySide.zeroLossRate(target));
            }
            final ArrayNode rows = node.putArray("rows");
            for (final StepResult result : results)
            {
                result.toJson(rows.addObject());
            }
            out.println(node);
            out.flush();
        }
        return 0;
    }

    /**
     * Prepares the population's data directory once per run (each Jet step starts on a copy); one kept from an
     * earlier run with the same work directory is used again.
     */
    private Path preparePopulation(final Path root, final PrintWriter out) throws IOException
    {
        final Path data = root.resolve("population-" + population.users() + "-" + population.addresses())
            .resolve("data");
        if (Files.exists(data.resolve(JetStore.DIRECTORY)))
        {
            if (!json)
            {
                out.printf("e2e: population %s (users:addresses) from %s%n", population.label(), data);
            }
            return data;
        }
        final Population.Prepared prepared = population.prepare(data);
        if (!json)
        {
            out.printf(Locale.ROOT, "e2e: population %s (users:addresses) prepared in %.1f s: %,d users, %,d " +
                "open sessions in %s%n", population.label(), (prepared.usersNs() + prepared.sessionsNs()) / 1e9,
                population.users(), population.addresses(), population.network().text());
            out.flush();
        }
        return data;
    }

    private StepResult step(final String name, final long rate, final Protocol flowProtocol, final Path root)
        throws IOException
    {
        final Path dir = Files.createDirectories(root.resolve(name + "-" + StepResult.rate(rate)));
        if (waitIdleSeconds > 0)
        {
            try
            {
                MachineCpu.awaitIdle(0.10, (long)(waitIdleSeconds * 1000));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        final double loadAverage = loadAverage();
        LoadReport load = null;
        final CollectorTarget target = Targets.create(name, population, populationData,
            settings(flowProtocol, 1).internalHosts(), hourTurnSeconds != null ? MAX_CLOCK_AHEAD_SECONDS : 0);
        synchronized (running)
        {
            running.add(target);
        }
        try
        {
            final int port = UdpSockets.freePort();
            target.start(dir, port, receiveBuffer);
            final double cpuBefore = Processes.cpuSeconds(target.process());
            final Map<String, Long> threadsBefore = Processes.threadCpuTicks(target.process());
            final UdpSockets.SocketState before = UdpSockets.state(port);
            final double machineBefore = MachineCpu.busySeconds();
            final long selfBefore = Processes.cpuTicks(ProcessHandle.current().pid());

            final double others;
            final double latencyP99Ms;
            try (LatencySampler latency = new LatencySampler(target))
            {
                load = send(settings(flowProtocol, port).recordsPerSecond(rate).clockAheadMs(clockAheadMs())
                    .durationNs((long)(seconds * TimeUnit.SECONDS.toNanos(1))).conclude());
                // Everything else the machine did while the load ran: other work sharing the cores skews a
                // comparison.
                final double self = (Processes.cpuTicks(ProcessHandle.current().pid()) - selfBefore) /
                    (double)Processes.CLOCK_TICKS_PER_SECOND;
                others = Math.max(0, MachineCpu.busySeconds() - machineBefore - self -
                    (Processes.cpuSeconds(target.process()) - cpuBefore));
                if (target.needsTrailer())
                {
                    send(settings(flowProtocol, port).recordsPerSecond(300_000).recordLimit(TRAILER_RECORDS)
                        .ipProtocol(UDP).exporters(1).conclude());
                }
                UdpSockets.awaitDrained(port, 300, 30_000);
                target.awaitProcessed(30_000);
                latency.close();
                latencyP99Ms = latency.max();
            }

            final double cpu = Processes.cpuSeconds(target.process()) - cpuBefore;
            final Map<String, Double> threads = Processes.threadCpuPercent(threadsBefore,
                Processes.threadCpuTicks(target.process()), load.elapsedNs() / 1e9);
            final UdpSockets.SocketState after = UdpSockets.state(port);
            final long drops = after == null || before == null ? -1 : after.drops() - before.drops();
            final CollectorCount count = target.stopAndCount();
            return new StepResult(name, target.accounting(), rate, load, count, drops, cpu, others, loadAverage,
                latencyP99Ms, threads, target.details(), null);
        }
        catch (final Exception ex)
        {
            return new StepResult(name, target.accounting(), rate, load, null, -1, 0, 0, loadAverage, Double.NaN,
                Map.of(), target.details(), ex.toString());
        }
        finally
        {
            target.close();
            synchronized (running)
            {
                running.remove(target);
            }
            if (!keep)
            {
                delete(dir);
            }
        }
    }

    /**
     * @return how far the load's clock must run ahead of this machine's for its hour to turn {@code --hour-turn}
     * seconds from now (0 without the option).
     */
    private long clockAheadMs()
    {
        if (hourTurnSeconds == null)
        {
            return 0;
        }
        final long turnMs = System.currentTimeMillis() + hourTurnSeconds * 1000L;
        return (HOUR_MS - turnMs % HOUR_MS) % HOUR_MS;
    }

    private LoadSettings settings(final Protocol flowProtocol, final int port)
    {
        final LoadSettings settings = new LoadSettings()
            .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .protocol(flowProtocol)
            .recordsPerDatagram(recordsPerDatagram)
            .exporters(exporters);
        // Every target gets the same load: with a population, inside addresses are the population's.
        if (population != null)
        {
            return population.applyTo(settings);
        }
        return internalHosts == null ? settings : settings.internalHosts(internalHosts);
    }

    private static LoadReport send(final LoadSettings settings) throws IOException
    {
        try (LoadRunner runner = new LoadRunner(settings))
        {
            return runner.run();
        }
    }

    private void cleanUp(final Path root, final boolean deleteRoot)
    {
        killAll();
        if (deleteRoot)
        {
            delete(root);
        }
    }

    private void killAll()
    {
        synchronized (running)
        {
            for (final CollectorTarget target : running)
            {
                target.close();
            }
            running.clear();
        }
    }

    private static double loadAverage()
    {
        try
        {
            return Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).split(" ")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private static void delete(final Path root)
    {
        try
        {
            if (!Files.exists(root))
            {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException ex) throws IOException
                {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            System.err.println("e2e: could not delete " + root + ": " + ex);
        }
    }
}
