package org.jet.engine.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterCounters;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.daemon.DaemonStatus;
import org.jet.engine.ingest.FlowReader;

/**
 * The daemon's numbers, in one place: Prometheus metrics (read from the owners' counters when scraped) and the
 * status document. {@link #sample()} runs once a second on the housekeeping thread to derive rates and the latency
 * percentile.
 */
public final class DaemonMetrics
{
    private static final String VERSION = DaemonMetrics.class.getPackage().getImplementationVersion() != null ?
        DaemonMetrics.class.getPackage().getImplementationVersion() : "dev";

    private final Daemon daemon;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private volatile Sample last = new Sample(System.nanoTime(), 0, 0, 0);
    private volatile DaemonStatus.Rates rates = new DaemonStatus.Rates(0, 0, 0);
    private volatile double latencyP99Ms;
    private volatile long kernelDrops;
    /** The last interval's histogram, given back to the recorder to be filled again (sampling thread only). */
    private Histogram recycled;

    private record Sample(long nanos, long datagrams, long records, long consumed)
    {
    }

    public DaemonMetrics(final Daemon daemon)
    {
        this.daemon = daemon;
        register();
    }

    public PrometheusRegistry registry()
    {
        return registry;
    }

    /**
     * Derives rates and the socket-to-engine latency p99 over the last interval. One thread calls it (the
     * daemon's housekeeping, once a second).
     */
    public void sample()
    {
        final Sample now = new Sample(System.nanoTime(), datagrams(), records(), daemon.consumer().consumed());
        final Sample before = last;
        final double seconds = Math.max(1e-9, (now.nanos() - before.nanos()) / 1e9);
        rates = new DaemonStatus.Rates(
            (now.datagrams() - before.datagrams()) / seconds,
            (now.records() - before.records()) / seconds,
            (now.consumed() - before.consumed()) / seconds);
        last = now;
        final Histogram interval = daemon.consumer().latencyNanos().getIntervalHistogram(recycled);
        recycled = interval;
        latencyP99Ms = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1e6;
        kernelDrops = SocketDrops.read(daemon.listenPorts());
    }

    public DaemonStatus status(final String health)
    {
        final List<DaemonStatus.ExporterStatus> exporters = new ArrayList<>();
        long malformed = 0;
        long setsWithoutTemplate = 0;
        long gaps = 0;
        long lost = 0;
        for (final FlowReader reader : daemon.readers())
        {
            for (final Exporter exporter : reader.exporters().exporters())
            {
                final ExporterCounters c = exporter.counters();
                final Map<String, Long> byReason = new LinkedHashMap<>();
                for (final Malformation reason : Malformation.values())
                {
                    if (c.malformed(reason) > 0)
                    {
                        byReason.put(reason.name().toLowerCase(java.util.Locale.ROOT), c.malformed(reason));
                    }
                }
                exporters.add(new DaemonStatus.ExporterStatus(exporter.name(), reader.id(), c.datagrams(),
                    c.records(), c.malformedDatagrams(), byReason, c.setsWithoutTemplate(), c.sequenceGaps(),
                    c.lostRecords()));
                malformed += c.malformedDatagrams();
                setsWithoutTemplate += c.setsWithoutTemplate();
                gaps += c.sequenceGaps();
                lost += c.lostRecords();
            }
        }
        final DaemonStatus.Loss loss = new DaemonStatus.Loss(kernelDrops, ringDropped(), notAllowed(),
            exporterTableFull(), decoderFailures(), malformed, setsWithoutTemplate, gaps, lost);
        final DaemonStatus.Totals totals = new DaemonStatus.Totals(datagrams(), records(),
            daemon.consumer().consumed(), daemon.consumer().bytes(), daemon.consumer().packets());
        final DaemonStatus.Ring ring = new DaemonStatus.Ring(daemon.config().ring().size(), daemon.ring().backlog(),
            daemon.config().ring().whenFull().name().toLowerCase(java.util.Locale.ROOT), latencyP99Ms);
        return new DaemonStatus(health, VERSION, (System.currentTimeMillis() - daemon.startedMs()) / 1000,
            daemon.listening(),
            daemon.readers().size(), rates, totals, loss, ring, accounting(), actions(),
            new DaemonStatus.Quota(daemon.quotas().usersByState()), exporters);
    }

    private DaemonStatus.Accounting accounting()
    {
        final org.jet.engine.accounting.Accounting accounting = daemon.accounting();
        return new DaemonStatus.Accounting(accounting.sessions().openSessions(), accounting.accountant().flows(),
            accounting.accountant().unattributedBytes(), accounting.ledgerBatches(), accounting.ledgerFailures(),
            accounting.lastBatchMs());
    }

    private DaemonStatus.Actions actions()
    {
        final Map<String, Map<String, Long>> outcomes = new java.util.TreeMap<>();
        daemon.dispatcher().outcomes().forEach((key, count) ->
            outcomes.computeIfAbsent(key.get(0), k -> new java.util.TreeMap<>()).put(key.get(1), count));
        long waiting;
        try
        {
            waiting = daemon.outbox().pending();
        }
        catch (final org.jet.engine.store.StoreException ex)
        {
            waiting = -1; // the store is closed: the daemon is stopping
        }
        return new DaemonStatus.Actions(daemon.config().plugins().enabled(), waiting, outcomes);
    }

    private void register()
    {
        counter("jet_datagrams_received", "Datagrams taken from the sockets", this::datagrams);
        counter("jet_datagrams_not_allowed", "Datagrams dropped: exporter not on exporters.allow", this::notAllowed);
        counter("jet_datagrams_exporter_table_full", "Datagrams dropped: more exporters than decoder.max_exporters",
            this::exporterTableFull);
        counter("jet_datagrams_decoder_failed", "Datagrams the decoder failed on (a bug, logged): records dropped",
            this::decoderFailures);
        counter("jet_socket_kernel_drops", "Datagrams the kernel dropped (socket receive buffer full)",
            () -> kernelDrops);
        counter("jet_records_decoded", "Records decoded and offered to the ring", this::records);
        counter("jet_records_not_billed", "Options records and counter samples: decoded, not put on the ring",
            this::notBilled);
        counter("jet_ring_full_dropped_records", "Records dropped because the ring was full", this::ringDropped);
        counter("jet_engine_consumed_records", "Records handled by the engine", () -> daemon.consumer().consumed());
        GaugeWithCallback.builder().name("jet_ring_backlog_records").help("Records waiting in the ring")
            .callback(cb -> cb.call(daemon.ring().backlog())).register(registry);
        GaugeWithCallback.builder().name("jet_ingest_latency_p99_seconds")
            .help("99th percentile from socket to engine over the last second")
            .callback(cb -> cb.call(latencyP99Ms / 1000)).register(registry);

        exporterCounter("jet_exporter_datagrams", "Datagrams per exporter", ExporterCounters::datagrams);
        exporterCounter("jet_exporter_records", "Records decoded per exporter", ExporterCounters::records);
        exporterCounter("jet_exporter_sets_without_template", "Data sets dropped: their template never came",
            ExporterCounters::setsWithoutTemplate);
        exporterCounter("jet_exporter_sequence_gaps", "Gaps in the exporter's sequence numbers",
            ExporterCounters::sequenceGaps);
        exporterCounter("jet_exporter_sequence_lost", "Datagrams/records the sequence numbers say never arrived",
            ExporterCounters::lostRecords);
        CounterWithCallback.builder().name("jet_exporter_malformed_datagrams")
            .help("Malformed datagrams per exporter and reason").labelNames("exporter", "reason")
            .callback(cb -> forEachExporter((exporter, reader) ->
            {
                for (final Malformation reason : Malformation.values())
                {
                    final long value = exporter.counters().malformed(reason);
                    if (value > 0)
                    {
                        cb.call(value, exporter.name(), reason.name().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }))
            .register(registry);
    }

    private void counter(final String name, final String help, final java.util.function.LongSupplier value)
    {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong()))
            .register(registry);
    }

    private void exporterCounter(final String name, final String help,
        final java.util.function.ToLongFunction<ExporterCounters> value)
    {
        CounterWithCallback.builder().name(name).help(help).labelNames("exporter")
            .callback(cb -> forEachExporter((exporter, reader) ->
                cb.call(value.applyAsLong(exporter.counters()), exporter.name())))
            .register(registry);
    }

    private void forEachExporter(final java.util.function.BiConsumer<Exporter, FlowReader> action)
    {
        for (final FlowReader reader : daemon.readers())
        {
            for (final Exporter exporter : reader.exporters().exporters())
            {
                action.accept(exporter, reader);
            }
        }
    }

    private long datagrams()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.datagrams();
        }
        return sum;
    }

    private long records()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.publisher().published() + reader.publisher().dropped() + reader.publisher().notBilled();
        }
        return sum;
    }

    private long notBilled()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.publisher().notBilled();
        }
        return sum;
    }

    private long ringDropped()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.publisher().dropped();
        }
        return sum;
    }

    private long notAllowed()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.notAllowed();
        }
        return sum;
    }

    private long exporterTableFull()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.exporterTableFull();
        }
        return sum;
    }

    private long decoderFailures()
    {
        long sum = 0;
        for (final FlowReader reader : daemon.readers())
        {
            sum += reader.decoderFailures();
        }
        return sum;
    }
}
