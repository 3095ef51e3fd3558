package org.jet.bench.quota;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.bench.gen.FlowPacketWriter;
import org.jet.bench.loadgen.LoadGenerator;
import org.jet.bench.loadgen.LoadRunner;
import org.jet.bench.loadgen.LoadSettings;
import org.jet.bench.loadgen.Protocol;
import org.jet.collector.record.IpAddress;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.session.SessionChange;
import org.jet.plugin.api.EdgeDevice;
import org.jet.plugin.api.Subject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How long from the flow that uses up a user's quota arriving at the socket to an edge device being told to shape
 * them: the daemon runs in this process with a timing edge device beside (no plugin jar), each sample a new user
 * with a one-byte plan whose first flow (one NetFlow v5 datagram, sent on loopback) crosses it, optionally under a
 * background load of other flows.
 */
@Command(
    name = "quota-latency",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Measures socket-to-edge-device latency of quota enforcement: SAMPLES users each use up a one-byte plan with",
        "one flow; the time from sending it to the shape call is reported as p50/p90/p99/max."})
public final class QuotaLatencyCommand implements Callable<Integer>
{
    private static final int FIRST_ADDRESS = 0x0ac8_0000; // 10.200.0.0, away from the background's 10.0.0.0/16

    @Spec
    private CommandSpec spec;

    @Option(names = "--samples", defaultValue = "200", paramLabel = "N", description = "Users, one sample each " +
        "(default ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "N", description = "Samples first taken and not " +
        "counted: the JIT compiles the path (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--background", defaultValue = "300k", paramLabel = "RATE",
        description = "Background NetFlow v9 records/s meanwhile (default ${DEFAULT-VALUE}; 0 for none); k/M " +
            "suffixes.")
    private String background;

    @Option(names = "--background-users", defaultValue = "1000", paramLabel = "N",
        description = "Users behind the background's addresses (10.0.0.0 up), one address each, each with a plan " +
            "they never use up, so every background flow is debited too (default ${DEFAULT-VALUE}).")
    private int backgroundUsers;

    private final Map<String, Long> shapedAtNs = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception
    {
        final Path dir = Files.createTempDirectory("jet-quota-latency");
        final Path config = dir.resolve("jet.yml");
        Files.writeString(config, String.join("\n",
            "data_dir: " + dir.resolve("data"),
            "listen: ['127.0.0.1:0']",
            "http: {listen: '127.0.0.1:0'}",
            "plugins: {directory: " + Files.createDirectories(dir.resolve("plugins")) + "}",
            "quota:",
            "  default_plan: 1TiB", // every user has a plan; the background's are never used up
            "  thresholds: [{exhausted: true, state: shaped}]",
            ""));
        final List<Long> latenciesNs = new ArrayList<>();
        final long backgroundRate = LoadGenerator.parseCount(background);
        try (Daemon daemon = Daemon.start(ConfigLoader.load(config), List.of(new TimingDevice()));
            DatagramChannel channel = DatagramChannel.open())
        {
            final InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                daemon.listenPorts().iterator().next());
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            daemon.directory().addCostCentre("bench", "Benchmark", null, "bench");
            addBackgroundUsers(daemon);
            final LoadRunner load = backgroundRate > 0 ? new LoadRunner(new LoadSettings().target(target)
                .protocol(Protocol.parse("netflow9")).internalHosts(Math.max(1, backgroundUsers)).externalHosts(10_000)
                .recordsPerSecond(backgroundRate).durationNs(3_600_000_000_000L).conclude()) : null;
            final Thread loadThread = load == null ? null : new Thread(load::run, "background-load");
            if (loadThread != null)
            {
                loadThread.start();
            }
            try
            {
                final UnsafeBuffer datagram = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
                for (int i = 0; i < warmup + samples; i++)
                {
                    final long latencyNs = sample(daemon, channel, target, datagram, i);
                    if (i >= warmup)
                    {
                        latenciesNs.add(latencyNs);
                    }
                }
            }
            finally
            {
                if (load != null)
                {
                    load.stop();
                    loadThread.join();
                    load.close();
                }
            }
            report(latenciesNs, daemon);
        }
        return 0;
    }

    private void addBackgroundUsers(final Daemon daemon) throws Exception
    {
        final StringBuilder csv = new StringBuilder("login,cost_centre\n");
        for (int u = 0; u < backgroundUsers; u++)
        {
            csv.append("background-").append(u).append(",bench\n");
        }
        daemon.directory().importCsv("background.csv", new StringReader(csv.toString()), "bench");
        for (int u = 0; u < backgroundUsers; u++)
        {
            while (!daemon.sessions().accept(new SessionChange(SessionChange.Kind.START, "background-" + u, 0,
                IpAddress.mappedLo(FlowPacketWriter.DEFAULT_INTERNAL_BASE + u), 128,
                System.currentTimeMillis() - 600_000, null, "bench")))
            {
                Thread.sleep(1);
            }
        }
    }

    private long sample(final Daemon daemon, final DatagramChannel channel, final InetSocketAddress target,
        final UnsafeBuffer datagram, final int i) throws Exception
    {
        final String login = "latency-" + i;
        final int address = FIRST_ADDRESS + i;
        daemon.directory().addUser(login, null, null, "bench", "bench");
        daemon.quotas().plan(login, 1L, "bench");
        // Logged in a while ago: the flow ends a second before it is sent.
        daemon.sessions().accept(new SessionChange(SessionChange.Kind.START, login, 0, IpAddress.mappedLo(address),
            128, System.currentTimeMillis() - 600_000, null, "bench"));
        final long userId = daemon.directory().user(login).numericId();
        while (daemon.accounting().sessionStore().addressesOf(userId).isEmpty())
        {
            Thread.sleep(1);
        }
        final int length = new FlowPacketWriter(1, 10).internalNetwork(address)
            .netflow5(datagram, 1, System.currentTimeMillis());
        final ByteBuffer bytes = datagram.byteBuffer().duplicate().limit(length).position(0);
        final long consumedBefore = daemon.consumer().consumed();
        final long batchesBefore = daemon.accounting().ledgerBatches();
        final long sentNs = System.nanoTime();
        channel.send(bytes, target);
        final long deadlineNs = sentNs + 10_000_000_000L;
        Long shapedNs;
        long consumedNs = 0;
        long batchNs = 0;
        while ((shapedNs = shapedAtNs.get(login)) == null)
        {
            if (consumedNs == 0 && daemon.consumer().consumed() > consumedBefore)
            {
                consumedNs = System.nanoTime();
            }
            if (batchNs == 0 && daemon.accounting().ledgerBatches() > batchesBefore)
            {
                batchNs = System.nanoTime();
            }
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException(login + " was not shaped within 10 s: " + daemon.status());
            }
            Thread.sleep(0, 100_000);
        }
        if (System.getenv("JET_DEBUG") != null)
        {
            System.err.printf("DEBUG consumed %.1f ms, ledger batch %.1f ms, shaped %.1f ms%n",
                (consumedNs - sentNs) / 1e6, (batchNs - sentNs) / 1e6, (shapedNs - sentNs) / 1e6);
        }
        return shapedNs - sentNs;
    }

    private void report(final List<Long> latenciesNs, final Daemon daemon)
    {
        Collections.sort(latenciesNs);
        final var out = spec.commandLine().getOut();
        out.printf("quota enforcement latency, socket to edge-device call, %d samples, background %s records/s " +
            "from %d users with quotas%n", latenciesNs.size(), background, backgroundUsers);
        out.printf("p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (tick %d ms)%n", ms(latenciesNs, 0.50),
            ms(latenciesNs, 0.90), ms(latenciesNs, 0.99), latenciesNs.get(latenciesNs.size() - 1) / 1e6,
            daemon.config().accounting().tickMs());
        out.printf("lost on the way: %s%n", daemon.status().loss());
        out.flush();
    }

    private static double ms(final List<Long> sorted, final double quantile)
    {
        return sorted.get((int)Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    /** Notes when it is told to shape; does nothing else. */
    private final class TimingDevice implements EdgeDevice
    {
        @Override
        public String name()
        {
            return "timing";
        }

        @Override
        public void shape(final Subject subject, final long rateBitsPerSecond)
        {
            shapedAtNs.putIfAbsent(subject.login(), System.nanoTime());
        }

        @Override
        public void suspend(final Subject subject)
        {
        }

        @Override
        public void restore(final Subject subject)
        {
        }
    }
}
