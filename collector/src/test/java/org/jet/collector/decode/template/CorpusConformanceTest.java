package org.jet.collector.decode.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.record.Field;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every NetFlow v9 and IPFIX case of the shared corpus, fed packet by packet to one decoder: the flow records must
 * be the expected ones (addresses, ports, protocol, bytes, packets), options records and counts must match.
 *
 * <p>Deliberate deviations from expected.json (which follows tshark) are listed in {@link #DEVIATIONS} with the
 * counts Jet produces instead; in each of them every expected flow is still decoded.
 */
class CorpusConformanceTest
{
    /** What Jet decodes where it deliberately differs from tshark: flows, options records, bytes, packets. */
    record Deviation(long flows, long options, long bytes, long packets, String why)
    {
    }

    static final Map<String, Deviation> DEVIATIONS = Map.of(
        "ipfix-cisco-options-vrf-map", new Deviation(9, 76, 1197, 19,
            "templates are scoped by exporter address, not source port: the data template learned before the " +
            "exporter's port changed still applies (nfdump and pmacct decode the same 9 flows, 1197 bytes, 19 " +
            "packets); tshark scopes by port and decodes none"),
        "nf9-akvorado-templates-and-data", new Deviation(21, 1, 58329, 66,
            "the data set that precedes its template in the same datagram is held and decoded when the template " +
            "arrives (11 more flows); tshark drops it"),
        "nf9-nprobe-4", new Deviation(15, 1, 33915, 74,
            "two data sets that arrive before their template are held and decoded when it arrives (14 more " +
            "flows, as graylog does); tshark drops them"),
        "nf9-malformed-invalid01", new Deviation(2, 1, 194, 2,
            "the header count (2) is ignored and every flowset up to the end of the datagram is read, as nfdump " +
            "does (2 flows, 194 bytes, 2 packets); tshark stops at the count"));

    @TestFactory
    Stream<DynamicTest> shouldDecodeEveryNetflow9AndIpfixCase() throws IOException
    {
        final Path corpus = CorpusHarness.corpus();
        Assumptions.assumeTrue(corpus != null, "corpus not found; set -Djet.corpus");
        final List<Path> cases = new ArrayList<>();
        try (Stream<Path> list = Files.list(corpus))
        {
            list.filter((path) -> Files.isDirectory(path) &&
                path.getFileName().toString().matches("(nf9|ipfix|nf5-nf9)-.*")).sorted().forEach(cases::add);
        }
        return cases.stream().map((path) -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> check(path)));
    }

    @TestFactory
    Stream<DynamicTest> shouldMatchTsharkWhenTemplatesAreScopedBySourcePort()
    {
        final Path corpus = CorpusHarness.corpus();
        Assumptions.assumeTrue(corpus != null, "corpus not found; set -Djet.corpus");
        return Stream.of(DynamicTest.dynamicTest("ipfix-cisco-options-vrf-map", () ->
        {
            final CorpusHarness.Result result = CorpusHarness.run(
                corpus.resolve("ipfix-cisco-options-vrf-map"), new DecoderConfig().templatesPerSourcePort(true));
            final CorpusHarness.Comparison comparison = CorpusHarness.compare(result);
            assertTrue(comparison.conforms(result), comparison.unexpected + " " + comparison.missing);
            assertEquals(0, result.flows());
            assertEquals(76, result.options());
            assertEquals(6, result.missingTemplateBuffered, "the six data sets wait for templates of the new port");
        }));
    }

    private static void check(final Path path) throws IOException
    {
        final CorpusHarness.Result result = CorpusHarness.run(path, new DecoderConfig());
        final CorpusHarness.Comparison comparison = CorpusHarness.compare(result);
        final Deviation deviation = DEVIATIONS.get(result.name);

        assertTrue(comparison.missing.isEmpty(), result.name + ": expected flows not decoded " + comparison.missing);
        if (deviation == null)
        {
            assertTrue(comparison.unexpected.isEmpty(), result.name + ": unexpected flows " + comparison.unexpected);
            assertEquals(comparison.expectedFlows, result.flows(), result.name + " flows");
            assertEquals(comparison.expectedOptions, result.options(), result.name + " options records");
            assertEquals(comparison.expectedBytes, result.sum(Field.BYTES, true), result.name + " bytes");
            assertEquals(comparison.expectedPackets, result.sum(Field.PACKETS, false), result.name + " packets");
        }
        else
        {
            assertEquals(deviation.flows(), result.flows(), result.name + " flows (" + deviation.why() + ")");
            assertEquals(deviation.options(), result.options(), result.name + " options records");
            assertEquals(deviation.bytes(), result.sum(Field.BYTES, true), result.name + " bytes");
            assertEquals(deviation.packets(), result.sum(Field.PACKETS, false), result.name + " packets");
        }

        final JsonNode malformedPackets = result.expected.path("summary").path("malformed_packets");
        if (malformedPackets.isArray() && malformedPackets.isEmpty() && deviation == null)
        {
            assertTrue(result.malformed.isEmpty(), result.name + ": malformations reported " + result.malformed);
        }
    }
}
