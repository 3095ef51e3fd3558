package org.jet.engine.session.radius;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.config.Cidr;
import org.jet.engine.metrics.RadiusMetrics;
import org.junit.jupiter.api.Test;

class RadiusMetricsTest
{
    @Test
    void shouldExposeTheCountersInPrometheusText() throws Exception
    {
        final RadiusCounters counters = new RadiusCounters();
        final AccountingHandler handler = new AccountingHandler(new RadiusClients(List.of(
            new RadiusClients.Client("lo", Cidr.parse("127.0.0.0/8"), Packets.TESTING123))),
            new CollectingSink(), counters, 16, System::currentTimeMillis);
        final byte[] start = Arrays.copyOf(Packets.resource("radclient-start.bin"), 4096);
        final byte[] response = new byte[20];
        final InetAddress nas = InetAddress.getByName("127.0.0.1");
        handler.handle(start, 87, nas, 1, response);
        handler.handle(start, 87, nas, 1, response);
        handler.handle(start, 3, nas, 1, response);
        handler.handle(start, 87, InetAddress.getByName("192.0.2.1"), 1, response);
        final PrometheusRegistry registry = new PrometheusRegistry();

        RadiusMetrics.register(registry, counters);

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        final String text = out.toString(StandardCharsets.UTF_8);
        for (final String line : new String[] {
            "jet_radius_requests_total{status_type=\"start\"} 1.0",
            "jet_radius_requests_total{status_type=\"stop\"} 0.0",
            "jet_radius_responses_total 2.0",
            "jet_radius_duplicates_total 1.0",
            "jet_radius_malformed_total{reason=\"too_short\"} 1.0",
            "jet_radius_unknown_clients_total 1.0",
            "jet_radius_session_changes_total 2.0",
            "jet_radius_bad_authenticators_total 0.0"})
        {
            assertTrue(text.contains(line), line + " in\n" + text);
        }
    }
}
