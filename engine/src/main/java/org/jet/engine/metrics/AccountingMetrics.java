package org.jet.engine.metrics;

import java.util.function.LongSupplier;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.accounting.Accountant;
import org.jet.engine.accounting.Accounting;

/**
 * The engine's accounting as Prometheus metrics, read when scraped (plain reads of the engine thread's counters:
 * a value a moment old is fine for a scrape).
 */
public final class AccountingMetrics
{
    private AccountingMetrics()
    {
    }

    public static void register(final PrometheusRegistry registry, final Accounting accounting)
    {
        final Accountant accountant = accounting.accountant();
        counter(registry, "jet_accounting_flows", "Flows the engine applied the counting rules to",
            accountant::flows);
        counter(registry, "jet_accounting_transit_flows", "Flows between two external addresses: never billed",
            accountant::transit);
        counter(registry, "jet_accounting_other_interface_flows",
            "Flows on interfaces that do not count for their exporter (accounting.exporters)",
            accountant::otherInterface);
        counter(registry, "jet_accounting_flows_without_counters", "Flows with no byte counter",
            accountant::noCounters);
        counter(registry, "jet_accounting_skewed_flows",
            "Flows whose time was too far ahead or too old, counted when received", accountant::skewed);
        counter(registry, "jet_accounting_unattributed_bytes",
            "Bytes of internal addresses no session or static assignment held: kept per address, billed to nobody",
            accountant::unattributedBytes);
        counter(registry, "jet_accounting_running_total_overflows",
            "Flows with running totals counted in full because their table was full",
            accountant::countedSoFarOverflows);
        counter(registry, "jet_accounting_session_changes", "Session changes applied by the engine",
            accounting::sessionChanges);
        counter(registry, "jet_ledger_ticks", "Ticks written to the durable ledger", () -> accounting.ledger()
            .checkpoint());
        counter(registry, "jet_live_counters_fold_failures", "Live counter updates that failed (see the log)",
            () -> accounting.live().foldFailures());
        counter(registry, "jet_ledger_write_failures", "Ledger batches that failed (kept in memory and retried)",
            accounting::ledgerFailures);
        counter(registry, "jet_live_counters_behind", "Ledger batches not folded into the live counters",
            accounting::liveFailures);
        counter(registry, "jet_ledger_batches", "Batches written to the ledger (each also folded into the live counters)",
            accounting::ledgerBatches);
        GaugeWithCallback.builder().name("jet_ledger_last_batch_rows").help("Rows in the last ledger batch")
            .callback(cb -> cb.call(accounting.lastBatchRows())).register(registry);
        GaugeWithCallback.builder().name("jet_ledger_last_batch_seconds")
            .help("Time the last ledger batch took to write and fold; longer than the batch interval means batches grow")
            .callback(cb -> cb.call(accounting.lastBatchMs() / 1000.0)).register(registry);
        GaugeWithCallback.builder().name("jet_sessions_open").help("Sessions open now")
            .callback(cb -> cb.call(accounting.sessions().openSessions())).register(registry);
    }

    private static void counter(final PrometheusRegistry registry, final String name, final String help,
        final LongSupplier value)
    {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong()))
            .register(registry);
    }
}
