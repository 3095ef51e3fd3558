package org.jet.engine.daemon;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.engine.accounting.Accounting;
import org.jet.engine.action.Dispatcher;
import org.jet.engine.action.Outbox;
import org.jet.engine.quota.QuotaApi;
import org.jet.engine.quota.Quotas;
import org.jet.engine.metrics.ActionMetrics;
import org.jet.engine.os.Realtime;
import org.jet.engine.plugin.PluginHost;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.JetExtension;
import org.jet.plugin.api.Subject;
import org.jet.engine.accounting.LiveCounters;
import org.jet.engine.accounting.UsageApi;
import org.jet.engine.accounting.UsageReport;
import org.jet.engine.session.SessionsApi;
import org.jet.engine.session.radius.RadiusAccountingServer;
import org.jet.engine.metrics.AccountingMetrics;
import org.jet.engine.metrics.RadiusMetrics;
import org.jet.engine.config.Cidr;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.DirectoryApi;
import org.jet.engine.http.ApiJson;
import org.jet.engine.http.ApiRoutes;
import org.jet.engine.http.HttpApi;
import org.jet.engine.ingest.AllowList;
import org.jet.engine.ingest.FlowConsumer;
import org.jet.engine.ingest.FlowReader;
import org.jet.engine.ingest.IngestRing;
import org.jet.engine.ingest.RingFullPolicy;
import org.jet.engine.ingest.RingPublisher;
import org.jet.engine.ingest.SessionPublisher;
import org.jet.engine.ingest.UdpIngest;
import org.jet.engine.metrics.DaemonMetrics;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jet daemon}: sockets → readers (decode) → ring → engine, plus the HTTP API. Started by {@link #start},
 * stopped by {@link #close}: stop reading, drain the ring, persist decoder state.
 */
public final class Daemon implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** Largest number of records published in one ring claim (a datagram yields at most a few hundred). */
    private static final int MAX_BATCH = 1024;

    private final JetConfig config;
    private final long startedMs = System.currentTimeMillis();
    private final List<FlowReader> readers = new ArrayList<>();
    private FlowConsumer consumer;
    private IngestRing ring;
    private SessionPublisher sessionPublisher;
    private RadiusAccountingServer radius;
    private Accounting accounting;
    private LiveCounters live;
    private PluginHost plugins;
    private Outbox outbox;
    private Dispatcher dispatcher;
    private Quotas quotas;
    private final DaemonMetrics metrics;
    private final ScheduledExecutorService housekeeping;
    private JetStore store;
    private Directory directory;
    private UdpIngest ingest;
    private HttpApi http;
    private volatile boolean closed;
    private final List<JetExtension> embedded;

    /** In the data directory: the port the HTTP API is listening on. */
    public static final String HTTP_PORT_FILE = "http.port";

    private Daemon(final JetConfig config, final List<JetExtension> embedded)
    {
        this.config = config;
        this.embedded = List.copyOf(embedded);
        this.metrics = new DaemonMetrics(this);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(named("jet-housekeeping", true));
    }

    /**
     * Starts everything; on failure, stops what was started and rethrows.
     */
    public static Daemon start(final JetConfig config) throws Exception
    {
        return start(config, List.of());
    }

    /**
     * Starts everything with extensions of the embedding program enabled beside the configured plugins' (a
     * benchmark's timing edge device); they are called like plugins, from the dispatcher's thread.
     */
    public static Daemon start(final JetConfig config, final List<JetExtension> embedded) throws Exception
    {
        Files.createDirectories(config.dataDir());
        final Daemon daemon = new Daemon(config, embedded);
        try
        {
            daemon.startComponents();
            return daemon;
        }
        catch (final Exception ex)
        {
            daemon.close();
            throw ex;
        }
    }

    private void startComponents() throws Exception
    {
        // First: a second daemon on the same data directory stops here, before it touches sockets or state.
        store = JetStore.open(config.dataDir());
        final AuditLog audit = AuditLog.open(store);
        directory = Directory.open(store, audit);
        plugins = PluginHost.load(config.plugins().directoryOrDefault());
        final List<JetExtension> actions = new ArrayList<>(plugins.enable(config.plugins().enabled(),
            config.plugins().settings()));
        actions.addAll(embedded);
        outbox = new Outbox(store);
        directory.onNewUsers((user, batch, actor) -> outbox.add(batch, Outbox.event(JetEvent.Type.USER_CREATED,
            new Subject(user.login(), user.name(), user.email(), user.costCentre(), List.of()), null,
            Map.of("actor", actor))));
        dispatcher = new Dispatcher(outbox, store, audit, actions, config.plugins().maxAttempts(),
            config.plugins().whenDeviceFails());
        dispatcher.start();
        if (!actions.isEmpty())
        {
            LOG.info("actions: {}", actions.stream().map(JetExtension::name).toList());
        }
        final java.nio.file.Path liveDir = config.dataDir().resolve("live");
        final long liveStartNanos = System.nanoTime();
        live = new LiveCounters(liveDir, config.accounting().expectedAddresses(), config.accounting().expectedUsers());
        LOG.info("live counters open in {} ms ({} addresses, {} users this period)",
            (System.nanoTime() - liveStartNanos) / 1_000_000, live.ipCount(), live.userCount());
        accounting = new Accounting(config.accounting(), store, directory, this::exporter, live, liveDir);
        quotas = new Quotas(store, config.quota(), config.accounting().zone(), accounting.classes(), directory,
            accounting.sessionStore(), outbox, audit, accounting.ledger());
        quotas.onEvents(dispatcher::wake);
        accounting.debits(quotas);
        ActionMetrics.register(metrics.registry(), dispatcher, outbox, quotas);
        consumer = new FlowConsumer(accounting);
        ring = new IngestRing(config.ring().size(), consumer, config.ring().busySpin(),
            Realtime.threads(named("jet-engine", false), "the engine", "ring.engine_realtime_priority",
                enginePriority(config.ring(), Runtime.getRuntime().availableProcessors())));
        sessionPublisher = new SessionPublisher(ring.ring(), directory::resolve);
        AccountingMetrics.register(metrics.registry(), accounting);
        final AdminToken token = AdminToken.loadOrCreate(config.dataDir());
        final AllowList allowList = new AllowList(config.exporters().allow());
        final Map<Cidr, Long> overrides = config.exporters().samplingOverrides();
        for (int r = 0; r < config.receive().readers(); r++)
        {
            final DatagramDecoder decoder = new DatagramDecoder(decoderConfig(r), new LoggingDecodeListener(r));
            final ExporterTable exporters = new ExporterTable(config.decoder().maxExporters(),
                exporter -> applyOverride(exporter, overrides));
            readers.add(new FlowReader(r, decoder, exporters, allowList,
                new RingPublisher(ring.ring(), config.ring().whenFull(), r, MAX_BATCH)));
        }
        int restored = 0;
        for (final FlowReader reader : readers)
        {
            restored += reader.loadState();
        }
        if (restored > 0)
        {
            LOG.info("restored {} template(s) from {}", restored, decoderStateDirectory());
        }
        settleHeap();
        accounting.start();
        ring.start();
        if (config.radius().enabled())
        {
            radius = new RadiusAccountingServer(config.radius(), sessionPublisher);
            radius.start();
            RadiusMetrics.register(metrics.registry(), radius.counters());
            LOG.info("RADIUS accounting on {} for {} client(s)", radius.localAddress(),
                config.radius().clients().size());
        }
        ingest = UdpIngest.start(readerSettings(), config.listen(), readers, named("jet-reader", false));
        final List<ApiRoutes> api = List.of(
            routes -> routes.get("/api/v1/status", ctx -> ApiJson.send(ctx, status())),
            new DirectoryApi(directory),
            new UsageApi(new UsageReport(accounting.ledger(), directory, config.accounting().zone()), live, directory),
            new SessionsApi(sessionPublisher, accounting.sessionStore(), store, audit),
            new QuotaApi(quotas, outbox, config.accounting().zone()));
        http = HttpApi.start(config.http().listen(), token, metrics.registry(), api);
        // With http.listen port 0 the port is the kernel's choice: the CLI finds it here.
        Files.writeString(config.dataDir().resolve(HTTP_PORT_FILE), http.port() + "\n");
        housekeeping.scheduleAtFixedRate(metrics::sample, 1, 1, TimeUnit.SECONDS);
        // The engine wakes on these when no flows come: for its ticks, and (every 10 ms) to hand usage to the quota
        // ledger that the ledger thread was too busy to take at the end of the last batch.
        final long wakeMs = Math.min(config.accounting().tickMs(), 10);
        housekeeping.scheduleAtFixedRate(sessionPublisher::tick, wakeMs, wakeMs, TimeUnit.MILLISECONDS);

        final List<String> listening = listening();
        LOG.info("listening for flows on {} ({} reader(s))", listening, readers.size());
        LOG.info("HTTP API on http://{}:{} (/metrics and /api/v1: status, users, costcentres, sessions, usage, " +
            "quota, topups, events)", config.http().listen().host(), http.port());
        if (config.exporters().allow().equals(JetConfig.Exporters.LOOPBACK))
        {
            LOG.warn("accepting flows from loopback only (127.0.0.0/8, ::1): list your routers under " +
                "exporters.allow in the config to bill their traffic");
        }
        else
        {
            LOG.info("accepting flows from {}", config.exporters().allow());
        }
    }

    /**
     * Each reader persists its own state file: readers own disjoint exporters. (After a change of
     * receive.readers, exporters may move to another reader and relearn their templates at the next refresh.)
     */
    private DecoderConfig decoderConfig(final int reader)
    {
        final JetConfig.Decoder decoder = config.decoder();
        return new DecoderConfig()
            .defaultSamplingRate(decoder.defaultSamplingRate())
            .templateExpiryMs(decoder.templateExpirySeconds() * 1000)
            .maxTemplatesPerExporter(decoder.maxTemplatesPerExporter())
            .maxFieldsPerTemplate(decoder.maxFieldsPerTemplate())
            .pendingDatagramsPerExporter(decoder.pendingDatagramsPerExporter())
            .pendingBytesPerExporter(decoder.pendingBytesPerExporter())
            .stateDirectory(decoderStateDirectory())
            .stateName("reader-" + reader);
    }

    private java.nio.file.Path decoderStateDirectory()
    {
        return config.dataDir().resolve("decoder");
    }

    private static void applyOverride(final Exporter exporter, final Map<Cidr, Long> overrides)
    {
        for (final Map.Entry<Cidr, Long> entry : overrides.entrySet())
        {
            if (entry.getKey().contains(exporter.addrHi(), exporter.addrLo()))
            {
                exporter.samplingOverride(entry.getValue());
            }
        }
    }

    public JetConfig config()
    {
        return config;
    }

    public List<FlowReader> readers()
    {
        return readers;
    }

    private Exporter exporter(final int readerId, final int exporterId)
    {
        if (readerId < 0 || readerId >= readers.size())
        {
            return null;
        }
        final List<Exporter> exporters = readers.get(readerId).exporters().exporters();
        return exporterId >= 0 && exporterId < exporters.size() ? exporters.get(exporterId) : null;
    }

    public FlowConsumer consumer()
    {
        return consumer;
    }

    public IngestRing ring()
    {
        return ring;
    }

    /**
     * Collects once, before any flow comes, what start-up built to keep (restored sessions, the engine's tables, the
     * ring). Left to G1, the marking that start-up's large allocations began ended in a mixed collection at the first
     * young collection under load, which can be a minute in: with a million sessions it stopped every thread for
     * 358 ms, the readers' socket buffers overflowed and the ring filled (bench/README.md, session 16).
     */
    private static void settleHeap()
    {
        final long startNanos = System.nanoTime();
        System.gc();
        LOG.info("heap collected after start in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
    }

    public UdpIngest ingest()
    {
        return ingest;
    }

    public Accounting accounting()
    {
        return accounting;
    }

    /** @return where session sources (RADIUS, the API, static assignments) hand their changes. */
    public SessionPublisher sessions()
    {
        return sessionPublisher;
    }

    /** @return the RADIUS accounting server, or null when no client is configured. */
    public RadiusAccountingServer radius()
    {
        return radius;
    }

    /** @return the quota ledger. */
    public Quotas quotas()
    {
        return quotas;
    }

    /** @return the outbox of events waiting for their actions. */
    public Outbox outbox()
    {
        return outbox;
    }

    public Dispatcher dispatcher()
    {
        return dispatcher;
    }

    public JetStore store()
    {
        return store;
    }

    public Directory directory()
    {
        return directory;
    }

    public DaemonMetrics metrics()
    {
        return metrics;
    }

    /** @return the HTTP API's port (useful when the config asked for port 0). */
    public int httpPort()
    {
        return http.port();
    }

    public long startedMs()
    {
        return startedMs;
    }

    public List<String> listening()
    {
        final List<String> listening = new ArrayList<>();
        if (ingest != null)
        {
            for (final UdpIngest.BoundSocket socket : ingest.bound())
            {
                listening.add(new HostPort(socket.requested().host(), socket.local().getPort()).toString());
            }
        }
        return listening;
    }

    public Set<Integer> listenPorts()
    {
        final Set<Integer> ports = new HashSet<>();
        if (ingest != null)
        {
            for (final UdpIngest.BoundSocket socket : ingest.bound())
            {
                ports.add(socket.local().getPort());
            }
        }
        return ports;
    }

    /**
     * The receive settings, with real-time readers only where the ring drops: a reader that blocks on a full ring
     * waits for the engine, and a real-time one would wait on the engine's CPU.
     */
    private JetConfig.Receive readerSettings()
    {
        final JetConfig.Receive receive = config.receive();
        if (receive.realtimePriority() > 0 && config.ring().whenFull() == RingFullPolicy.BLOCK)
        {
            LOG.info("readers run as ordinary threads: with ring.when_full: block they wait for the engine " +
                "(receive.realtime_priority applies with drop)");
            return receive.withRealtimePriority(0);
        }
        return receive;
    }

    /**
     * The engine's real-time priority: none when it spins, for a real-time thread that spins keeps its core; none on
     * one core, where an engine behind on its ring would leave the HTTP API, RADIUS and the ledger 5 % of it.
     */
    static int enginePriority(final JetConfig.Ring ring, final int processors)
    {
        if (ring.engineRealtimePriority() > 0 && ring.busySpin())
        {
            LOG.info("the engine runs as an ordinary thread: with ring.busy_spin it never leaves its core " +
                "(ring.engine_realtime_priority applies without)");
            return 0;
        }
        if (ring.engineRealtimePriority() > 0 && processors < 2)
        {
            LOG.info("the engine runs as an ordinary thread: on one core a real-time engine would starve the rest " +
                "of Jet (ring.engine_realtime_priority applies on two or more)");
            return 0;
        }
        return ring.engineRealtimePriority();
    }

    public DaemonStatus status()
    {
        return metrics.status(closed ? "stopping" : "ok");
    }

    /**
     * Stops reading, drains the ring into the engine and persists state. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (ingest != null)
        {
            ingest.close();
        }
        if (radius != null)
        {
            radius.close();
        }
        if (sessionPublisher != null)
        {
            sessionPublisher.close();
        }
        housekeeping.shutdownNow();
        try
        {
            // A scrape or sample still running must not touch the store after it closes.
            housekeeping.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        boolean drained = false;
        try
        {
            drained = ring == null || ring.drainAndStop(10_000);
            if (!drained)
            {
                LOG.warn("engine did not drain the ring within 10 s; {} record(s) left", ring.backlog());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (accounting != null && drained)
        {
            // The engine thread has stopped: what it counted since its last tick goes to the ledger now.
            try
            {
                accounting.flush();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (http != null)
        {
            http.close();
        }
        if (dispatcher != null)
        {
            try
            {
                dispatcher.close();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (plugins != null)
        {
            plugins.close();
        }
        if (live != null)
        {
            live.close();
        }
        if (store != null)
        {
            store.close();
        }
        if (http != null)
        {
            LOG.info("stopped: {} record(s) consumed", consumer.consumed()); // not after a failed start
        }
    }

    private static ThreadFactory named(final String prefix, final boolean daemon)
    {
        final AtomicInteger counter = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + "-" + counter.getAndIncrement());
            thread.setDaemon(daemon);
            return thread;
        };
    }
}
