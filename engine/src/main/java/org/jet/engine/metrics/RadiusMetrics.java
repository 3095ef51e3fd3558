package org.jet.engine.metrics;

import java.util.function.LongSupplier;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.session.radius.AcctStatusType;
import org.jet.engine.session.radius.RadiusCounters;
import org.jet.engine.session.radius.RadiusMalformation;

/**
 * The RADIUS accounting server's counters as Prometheus metrics, read from {@link RadiusCounters} when scraped.
 * Register once, when the server runs: {@code RadiusMetrics.register(metrics.registry(), radius.counters())}.
 */
public final class RadiusMetrics
{
    private RadiusMetrics()
    {
    }

    public static void register(final PrometheusRegistry registry, final RadiusCounters counters)
    {
        CounterWithCallback.builder().name("jet_radius_requests")
            .help("RADIUS Accounting-Requests handled (authentic, not duplicates), by Acct-Status-Type")
            .labelNames("status_type")
            .callback(cb ->
            {
                for (final AcctStatusType type : AcctStatusType.values())
                {
                    cb.call(counters.requests(type), type.label());
                }
            })
            .register(registry);
        CounterWithCallback.builder().name("jet_radius_malformed")
            .help("RADIUS datagrams from known clients dropped as malformed, by reason")
            .labelNames("reason")
            .callback(cb ->
            {
                for (final RadiusMalformation reason : RadiusMalformation.values())
                {
                    cb.call(counters.malformed(reason), reason.label());
                }
            })
            .register(registry);
        counter(registry, "jet_radius_responses", "RADIUS Accounting-Responses sent", counters::responses);
        counter(registry, "jet_radius_duplicates", "RADIUS retransmits answered again without publishing",
            counters::duplicates);
        counter(registry, "jet_radius_unknown_clients", "RADIUS datagrams dropped: source not in radius.clients",
            counters::unknownClients);
        counter(registry, "jet_radius_bad_authenticators",
            "RADIUS requests dropped: Request Authenticator does not match the client's secret",
            counters::badAuthenticators);
        counter(registry, "jet_radius_unusable",
            "RADIUS Start/Interim-Update/Stop answered but unusable: no address or no User-Name", counters::unusable);
        counter(registry, "jet_radius_session_changes", "Session changes from RADIUS accepted by the engine",
            counters::sessionChanges);
        counter(registry, "jet_radius_sink_refused", "RADIUS requests left unanswered: the engine refused a change",
            counters::sinkRefused);
        counter(registry, "jet_radius_errors", "RADIUS datagrams that hit an internal error", counters::errors);
    }

    private static void counter(final PrometheusRegistry registry, final String name, final String help,
        final LongSupplier value)
    {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong()))
            .register(registry);
    }
}
