package org.jet.engine.metrics;

import java.util.List;
import java.util.Map;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.action.Dispatcher;
import org.jet.engine.action.Outbox;

/**
 * Actions as Prometheus metrics: attempts by extension and outcome (a failing edge device shows as a growing
 * {@code failed} count), and events waiting in the outbox.
 */
public final class ActionMetrics
{
    private ActionMetrics()
    {
    }

    public static void register(final PrometheusRegistry registry, final Dispatcher dispatcher, final Outbox outbox,
        final org.jet.engine.quota.Quotas quotas)
    {
        GaugeWithCallback.builder().name("jet_quota_users")
            .help("Users with a quota (a plan, a top-up or a pool), by state")
            .labelNames("state")
            .callback(cb -> quotas.usersByState().forEach((state, count) ->
                cb.call(count, state.toLowerCase(java.util.Locale.ROOT))))
            .register(registry);
        CounterWithCallback.builder().name("jet_action_attempts")
            .help("Attempts of plugin actions, by extension and outcome (done, failed: retried, refused, gave_up)")
            .labelNames("extension", "outcome")
            .callback(cb ->
            {
                for (final Map.Entry<List<String>, Long> entry : dispatcher.outcomes().entrySet())
                {
                    cb.call(entry.getValue(), entry.getKey().get(0), entry.getKey().get(1));
                }
            }).register(registry);
        GaugeWithCallback.builder().name("jet_outbox_events").help("Events waiting for their actions")
            .callback(cb ->
            {
                try
                {
                    cb.call(outbox.pending());
                }
                catch (final org.jet.engine.store.StoreException ex)
                {
                    // The store is closed: the daemon is stopping; no value.
                }
            }).register(registry);
    }
}
