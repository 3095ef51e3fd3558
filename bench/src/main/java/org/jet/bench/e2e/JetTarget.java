package org.jet.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.bench.loadgen.LoadRunner;
import org.jet.bench.loadgen.LoadSettings;
import org.jet.bench.loadgen.Protocol;
import org.jet.bench.population.Population;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.JetConfig;

/**
 * Jet's daemon from the built distribution ({@code packaging/target/jet-VERSION/bin/jet daemon}, or the one
 * {@code -Djet.home} names), on a config written per step. Counted from its own status API: records the engine
 * consumed and the sums of their packets and bytes, read before SIGTERM; it must then exit 0.
 *
 * <p>The engine always accounts (per internal address). With a population, each step starts on a copy of a data
 * directory holding its users and one open session per address, so every flow is also attributed to a user; the
 * daemon must say it restored them all.
 */
public final class JetTarget implements CollectorTarget
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WARM_UP_RATE = 150_000;
    /**
     * Warm-up per protocol; {@code -Djet.e2e.warmUpSeconds=S} (in BENCH_JAVA_OPTS) warms a daemon longer, as one that
     * has been running is (with a population, the JIT has more paths to compile than 6 s of warm-up exercise).
     */
    private static final long WARM_UP_NANOS_PER_PROTOCOL =
        (long)(Double.parseDouble(System.getProperty("jet.e2e.warmUpSeconds", "1.5")) * 1e9);
    /**
     * The warm-up's second round, every protocol again for a second at this rate ({@code -Djet.e2e.warmUpFastRate=N};
     * 0 skips it): branches only a loaded daemon takes (large ring batches, tables growing) are compiled then, not in
     * the measured step's first seconds (bench/README.md, session 21).
     */
    private static final long WARM_UP_FAST_RATE =
        Long.parseLong(System.getProperty("jet.e2e.warmUpFastRate", "1000000"));
    private static final long WARM_UP_FAST_NANOS_PER_PROTOCOL = 1_000_000_000L;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern RESTORED = Pattern.compile("restored (\\d+) open session\\(s\\) in (\\d+) ms");

    private final Population population;
    private final Path populationData;
    private final int internalHosts;
    private final long flowsAheadSeconds;
    private Process process;
    private Path workDir;
    private int httpPort;
    private JsonNode lastStatus;
    private JsonNode warmUp;
    private long warmUpLost;
    private long startMs;
    private long sessionsRestored;
    private long restoreMs;

    /** Jet with no sessions: usage is counted per address only. */
    public JetTarget()
    {
        this(null, null, new LoadSettings().internalHosts(), 0);
    }

    /**
     * @param population        users and sessions to start with, or null for none.
     * @param populationData    a data directory prepared with them, copied into each step's directory.
     * @param internalHosts     inside addresses of the load (the live counters are sized for them).
     * @param flowsAheadSeconds how far ahead of its clock Jet takes flows' times as they are (0: its default), for a
     *                          load whose clock runs ahead.
     */
    public JetTarget(final Population population, final Path populationData, final int internalHosts,
        final long flowsAheadSeconds)
    {
        this.population = population;
        this.populationData = populationData;
        this.internalHosts = internalHosts;
        this.flowsAheadSeconds = flowsAheadSeconds;
    }

    @Override
    public String name()
    {
        return "jet";
    }

    @Override
    public void start(final Path workDir, final int port, final int receiveBuffer) throws Exception
    {
        this.workDir = workDir;
        httpPort = freeTcpPort();
        if (populationData != null)
        {
            copyTree(populationData, workDir.resolve("data"));
        }
        final Path config = workDir.resolve("jet.yml");
        final List<String> lines = new ArrayList<>(List.of(
            "data_dir: " + workDir.resolve("data"),
            "listen: ['127.0.0.1:" + port + "']",
            "receive:",
            "  receive_buffer_bytes: " + (receiveBuffer > 0 ? receiveBuffer : 33_554_432),
            // -Djet.e2e.batched=false and -Djet.e2e.batchWaitMicros=N measure the readers' other ways.
            "  batched: " + System.getProperty("jet.e2e.batched", "true"),
            "  batch_wait_micros: " + System.getProperty("jet.e2e.batchWaitMicros",
                Integer.toString(JetConfig.defaults().receive().batchWaitMicros())),
            // -Djet.e2e.realtimePriority=N measures readers under SCHED_FIFO.
            "  realtime_priority: " + System.getProperty("jet.e2e.realtimePriority",
                Integer.toString(JetConfig.defaults().receive().realtimePriority())),
            "ring:",
            // -Djet.e2e.whenFull=block and -Djet.e2e.ringSize=N (in BENCH_JAVA_OPTS) measure other ring settings.
            "  when_full: " + System.getProperty("jet.e2e.whenFull", "drop"),
            "  size: " + System.getProperty("jet.e2e.ringSize",
                Integer.toString(JetConfig.defaults().ring().size())),
            // -Djet.e2e.engineRealtimePriority=0 measures an ordinary engine.
            "  engine_realtime_priority: " + System.getProperty("jet.e2e.engineRealtimePriority",
                Integer.toString(JetConfig.defaults().ring().engineRealtimePriority())),
            "http:",
            "  listen: 127.0.0.1:" + httpPort));
        // Sized for the load, as an operator would size the live counters for their campus.
        final AccountingConfig defaults = JetConfig.defaults().accounting();
        final long users = population == null ? 0 : population.users();
        lines.add("accounting:");
        lines.add("  expected_addresses: " + Math.max(internalHosts, defaults.expectedAddresses()));
        lines.add("  expected_users: " + Math.max(users, defaults.expectedUsers()));
        // -Djet.e2e.addressLedgerEveryTicks=N measures writing per-address usage less often.
        lines.add("  address_ledger_every_ticks: " + System.getProperty("jet.e2e.addressLedgerEveryTicks",
            Integer.toString(defaults.addressLedgerEveryTicks())));
        // -Djet.e2e.ledgerNice=N measures another priority for the ledger's thread.
        lines.add("  ledger_nice: " + System.getProperty("jet.e2e.ledgerNice",
            Integer.toString(defaults.ledgerNice())));
        if (flowsAheadSeconds > 0)
        {
            lines.add("  max_clock_skew_seconds: " + flowsAheadSeconds);
        }
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        final long launchedMs = System.currentTimeMillis();
        process = Processes.start(List.of(launcher().toString(), "daemon", "--config", config.toString()),
            workDir.resolve("jet.log"));
        final long deadline = System.currentTimeMillis() + 120_000;
        while (status() == null)
        {
            if (!process.isAlive() || System.currentTimeMillis() > deadline)
            {
                throw new IOException("jet daemon did not start: see " + workDir.resolve("jet.log"));
            }
            Thread.sleep(100);
        }
        startMs = System.currentTimeMillis() - launchedMs;
        if (population != null)
        {
            checkRestored();
        }
        warmUp(port);
    }

    /** A population that did not come back would measure Jet without attribution: fail the step instead. */
    private void checkRestored() throws IOException
    {
        final Matcher restored = RESTORED.matcher(Files.readString(workDir.resolve("jet.log")));
        if (restored.find())
        {
            sessionsRestored = Long.parseLong(restored.group(1));
            restoreMs = Long.parseLong(restored.group(2));
        }
        if (sessionsRestored != population.addresses())
        {
            throw new IOException("jet restored " + sessionsRestored + " of " + population.addresses() +
                " sessions: see " + workDir.resolve("jet.log"));
        }
    }

    /**
     * A JVM starts interpreted and compiles the hot path after some thousands of datagrams; a running collector
     * has long done so. So before each measured step Jet gets every protocol at a low rate, then again at a high
     * one, and what that warm-up delivered is subtracted from the count.
     */
    private void warmUp(final int port) throws Exception
    {
        warmUp(port, WARM_UP_RATE, WARM_UP_NANOS_PER_PROTOCOL);
        if (WARM_UP_FAST_RATE > 0)
        {
            warmUp(port, WARM_UP_FAST_RATE, WARM_UP_FAST_NANOS_PER_PROTOCOL);
        }
        awaitProcessed(30_000);
        warmUp = status();
        final long socketLost = warmUp.get("loss").get("kernel_drops").asLong();
        final long ringLost = warmUp.get("loss").get("ring_full_drops").asLong();
        warmUpLost = socketLost + ringLost;
        if (warmUpLost > 0)
        {
            System.err.printf(Locale.ROOT, "e2e: jet lost %,d records in its warm-up (socket %,d, ring %,d); the " +
                "step counts from after it%n", warmUpLost, socketLost, ringLost);
        }
    }

    private void warmUp(final int port, final long rate, final long nanosPerProtocol) throws Exception
    {
        for (final Protocol protocol : Protocol.values())
        {
            final LoadSettings settings = new LoadSettings()
                .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .protocol(protocol)
                .recordsPerSecond(rate)
                .durationNs(nanosPerProtocol);
            if (population != null)
            {
                // The same addresses as the load: the warm-up goes through the same code (attribution included).
                population.applyTo(settings);
            }
            try (LoadRunner runner = new LoadRunner(settings.conclude()))
            {
                runner.run();
            }
        }
    }

    @Override
    public ProcessHandle process()
    {
        return process.toHandle();
    }

    /**
     * Waits until the engine has consumed everything the readers published: empty ring, no change for 300 ms.
     */
    @Override
    public void awaitProcessed(final long timeoutMs) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        long consumed = -1;
        while (System.currentTimeMillis() < deadline)
        {
            final JsonNode status = status();
            if (status != null && status.get("ring").get("backlog").asLong() == 0 &&
                status.get("totals").get("consumed").asLong() == consumed)
            {
                return;
            }
            consumed = status == null ? -1 : status.get("totals").get("consumed").asLong();
            Thread.sleep(300);
        }
    }

    @Override
    public CollectorCount stopAndCount() throws Exception
    {
        final JsonNode status = status();
        if (status == null)
        {
            throw new IOException("jet status API did not answer: see " + workDir.resolve("jet.log"));
        }
        lastStatus = status;
        if (!Processes.stop(process.toHandle(), "TERM", 30_000))
        {
            throw new IOException("jet daemon did not exit on SIGTERM within 30 s (killed)");
        }
        process.waitFor();
        if (process.exitValue() != 0)
        {
            throw new IOException("jet daemon exited " + process.exitValue() + " on SIGTERM: see " +
                workDir.resolve("jet.log"));
        }
        final JsonNode totals = status.get("totals");
        final JsonNode before = warmUp.get("totals");
        return new CollectorCount(totals.get("consumed").asLong() - before.get("consumed").asLong(),
            totals.get("packets").asLong() - before.get("packets").asLong(),
            totals.get("bytes").asLong() - before.get("bytes").asLong());
    }

    @Override
    public double latencyP99Ms()
    {
        final JsonNode status = status();
        final JsonNode latency = status == null ? null : status.path("ring").get("latency_p99_ms");
        return latency == null ? Double.NaN : latency.asDouble();
    }

    @Override
    public String accounting()
    {
        return population == null ? "ip" : population.label();
    }

    @Override
    public Map<String, Long> details()
    {
        final Map<String, Long> details = new LinkedHashMap<>();
        details.put("startMs", startMs);
        // Not part of the step's count: what the daemon dropped (socket, ring) while the JIT compiled under load.
        details.put("warmUpLost", warmUpLost);
        if (population != null)
        {
            details.put("sessionsRestored", sessionsRestored);
            details.put("restoreMs", restoreMs);
        }
        return details;
    }

    /**
     * @return the daemon's last status document (loss counters, latency), read when it was counted.
     */
    public JsonNode lastStatus()
    {
        return lastStatus;
    }

    private JsonNode status()
    {
        try
        {
            final Path tokenFile = workDir.resolve("data").resolve("admin.token");
            if (!Files.exists(tokenFile))
            {
                return null;
            }
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/v1/status"))
                .header("Authorization", "Bearer " + Files.readString(tokenFile).trim())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Path launcher() throws IOException
    {
        final String home = System.getProperty("jet.home");
        if (home != null)
        {
            return Path.of(home, "bin", "jet");
        }
        try (DirectoryStream<Path> dists = Files.newDirectoryStream(Path.of("packaging", "target"), "jet-*"))
        {
            for (final Path dist : dists)
            {
                if (Files.isExecutable(dist.resolve("bin").resolve("jet")))
                {
                    return dist.resolve("bin").resolve("jet");
                }
            }
        }
        catch (final IOException ex)
        {
            // fall through to the message below
        }
        throw new IOException("no Jet distribution found: run ./jet --help (builds packaging/target/jet-*) " +
            "from the repository root, or pass -Djet.home=DIR");
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close()
    {
        if (process != null)
        {
            Processes.kill(process.toHandle());
        }
    }
}
