package org.jet.collector.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.RecordKind;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the shared corpus decodes as its {@code expected.json} says: record counts, byte and packet sums,
 * and each record's addresses, ports and protocol (sFlow: also sampling rate and interfaces).
 *
 * <p>Deliberate deviations from the expectations, each with its reason and what Jet decodes instead, are in
 * {@link #DEVIATIONS} and {@link #REJECTED}.
 */
class CorpusConformanceTest
{
    /** What Jet decodes where it deliberately differs from expected.json (tshark): counts, sums and why. */
    record Deviation(int flows, int options, long bytes, long packets, String why)
    {
    }

    /**
     * Deliberate deviations. In each, every record expected.json lists is still decoded; Jet decodes more.
     */
    static final Map<String, Deviation> DEVIATIONS = Map.of(
        "ipfix-cisco-options-vrf-map", new Deviation(9, 76, 1197, 19,
            "templates are scoped by exporter address, not source port: the data template learned before the " +
            "exporter's port changed still applies (nfdump and pmacct decode the same 9 flows); tshark scopes by " +
            "port and decodes none. DecoderConfig.templatesPerSourcePort(true) gives tshark's behaviour"),
        "nf9-akvorado-templates-and-data", new Deviation(21, 1, 58_329, 66,
            "the data set that precedes its template in the same datagram is held and decoded when the template " +
            "arrives (11 more flows); tshark drops it"),
        "nf9-nprobe-4", new Deviation(15, 1, 33_915, 74,
            "two data sets that arrive before their template are held and decoded when it arrives (14 more flows, " +
            "as graylog does); tshark drops them"),
        "nf9-malformed-invalid01", new Deviation(2, 1, 194, 2,
            "the header count (2) is ignored and every flowset up to the end of the datagram is read, as nfdump " +
            "does; tshark stops at the count (the corpus calls the count decoder-dependent)"));

    /** NetFlow v5 datagrams whose header count exceeds the datagram: rejected whole, as logstash and nfdump do. */
    private static final Set<String> REJECTED = Set.of("nf5-malformed-count-overflow", "nf5-malformed-count-mismatch");

    @TestFactory
    Stream<DynamicTest> shouldDecodeEveryCorpusCaseAsExpected() throws IOException
    {
        final Path corpus = CorpusCase.corpusDirectory();
        assumeTrue(corpus != null, "flow corpus not found (../shared/corpus); conformance skipped");
        final List<CorpusCase> cases = CorpusCase.all(corpus);
        assertTrue(cases.size() >= 100, "expected the whole corpus, found " + cases.size() + " cases in " + corpus);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
    }

    private static void check(final CorpusCase c)
    {
        final Decoding decoding = Decoding.run(c);
        final JsonNode summary = c.summary();

        if (REJECTED.contains(c.name))
        {
            assertEquals(0, decoding.records.size(), c + ": a rejected datagram must yield no records");
            assertTrue(decoding.malformed.contains(Malformation.COUNT_EXCEEDS_DATAGRAM), c + ": " + decoding.malformed);
            return;
        }
        assertTrue(decoding.malformed.isEmpty(), c + ": unexpected malformations " + decoding.malformed);

        final List<JsonNode> expectedFlows = new ArrayList<>();
        int expectedOptions = 0;
        int expectedCounters = 0;
        for (final JsonNode record : c.expected.get("records"))
        {
            switch (record.get("kind").asText())
            {
                case "flow", "flow_sample", "expanded_flow_sample" -> expectedFlows.add(record);
                case "options" -> expectedOptions++;
                case "counter_sample", "expanded_counter_sample" -> expectedCounters++;
                default ->
                {
                    // other_sample: a type tshark 4.0 cannot dissect (sFlow discards); Jet skips it too.
                }
            }
        }
        final List<DecodedRecord> flows = decoding.ofKind(RecordKind.FLOW);
        final boolean sflow = "sflow".equals(c.protocol());

        final Deviation deviation = DEVIATIONS.get(c.name);
        if (deviation != null)
        {
            assertEquals(deviation.flows(), flows.size(), c + ": flow records (" + deviation.why() + ")");
            assertEquals(deviation.options(), decoding.ofKind(RecordKind.OPTIONS).size(), c + ": options records");
            assertEquals(BigInteger.valueOf(deviation.bytes()), sum(flows, true), c + ": bytes sum");
            assertEquals(BigInteger.valueOf(deviation.packets()), sum(flows, false), c + ": packets sum");
            assertContainsAll(c, expectedFlows, flows, sflow);
            return;
        }

        assertEquals(expectedFlows.size(), flows.size(), c + ": flow records");
        assertEquals(expectedOptions, decoding.ofKind(RecordKind.OPTIONS).size(), c + ": options records");
        assertEquals(expectedCounters, decoding.ofKind(RecordKind.COUNTER).size(), c + ": counter samples");
        if (summary.has("bytes_sum"))
        {
            assertEquals(summary.get("bytes_sum").bigIntegerValue(), sum(flows, true), c + ": bytes sum");
        }
        if (summary.has("packets_sum"))
        {
            assertEquals(summary.get("packets_sum").bigIntegerValue(), sum(flows, false), c + ": packets sum");
        }

        if (!c.expected.get("records").isEmpty() && !c.expected.get("records").get(0).has("packet"))
        {
            // nf9-h3c: tshark aborted, records come from nfdump in its own order and without packet indexes.
            assertContainsAll(c, expectedFlows, flows, sflow);
            return;
        }
        final List<String> differences = new ArrayList<>();
        for (int i = 0; i < expectedFlows.size() && differences.size() < 5; i++)
        {
            String expected = key(expectedFlows.get(i), sflow, true);
            String actual = key(flows.get(i), sflow, true);
            if (expectedFlows.get(i).path("layers").toString().contains("hopopts"))
            {
                // tshark reports the first IPv6 next-header (0, hop-by-hop options) as the protocol; Jet walks the
                // extension headers to the transport protocol, which is what billing by protocol needs.
                expected = expected.replaceFirst(" proto=\\S+", " proto=<after extension headers>");
                actual = actual.replaceFirst(" proto=0 ", " proto=0! ")
                    .replaceFirst(" proto=\\d+ ", " proto=<after extension headers> ");
            }
            if (!expected.equals(actual))
            {
                differences.add("record " + i + ": expected " + expected + " but was " + actual);
            }
        }
        if (!differences.isEmpty())
        {
            fail(c + ":\n  " + String.join("\n  ", differences));
        }
    }

    private static void assertContainsAll(
        final CorpusCase c, final List<JsonNode> expected, final List<DecodedRecord> actual, final boolean sflow)
    {
        final Map<String, Integer> remaining = new HashMap<>();
        for (final DecodedRecord record : actual)
        {
            remaining.merge(key(record, sflow, false), 1, Integer::sum);
        }
        for (final JsonNode record : expected)
        {
            final String key = key(record, sflow, false);
            final Integer count = remaining.get(key);
            if (count == null || count == 0)
            {
                fail(c + ": expected record not decoded: " + key);
            }
            remaining.put(key, count - 1);
        }
    }

    private static BigInteger sum(final List<DecodedRecord> flows, final boolean bytes)
    {
        BigInteger sum = BigInteger.ZERO;
        for (final DecodedRecord record : flows)
        {
            final String value = bytes ? record.bytes() : record.packets();
            if (value != null)
            {
                sum = sum.add(new BigInteger(value));
            }
        }
        return sum;
    }

    private static String key(final JsonNode r, final boolean sflow, final boolean withPacket)
    {
        final StringBuilder key = new StringBuilder();
        if (withPacket)
        {
            key.append("packet=").append(text(r, "packet")).append(' ');
        }
        key.append(text(r, "src_addr")).append(':').append(text(r, "src_port"))
            .append(" -> ").append(text(r, "dst_addr")).append(':').append(text(r, "dst_port"))
            .append(" proto=").append(text(r, "protocol"))
            .append(" bytes=").append(text(r, "bytes"))
            .append(" packets=").append(text(r, "packets"));
        if (sflow)
        {
            key.append(" rate=").append(text(r, "sampling_rate"))
                .append(" in=").append(text(r, "input_if")).append(" out=").append(text(r, "output_if"));
        }
        return key.toString();
    }

    private static String key(final DecodedRecord r, final boolean sflow, final boolean withPacket)
    {
        final StringBuilder key = new StringBuilder();
        if (withPacket)
        {
            key.append("packet=").append(r.packet()).append(' ');
        }
        key.append(r.srcAddr()).append(':').append(r.srcPort())
            .append(" -> ").append(r.dstAddr()).append(':').append(r.dstPort())
            .append(" proto=").append(r.protocol())
            .append(" bytes=").append(r.bytes())
            .append(" packets=").append(r.packets());
        if (sflow)
        {
            key.append(" rate=").append(r.samplingRate())
                .append(" in=").append(r.inputIf()).append(" out=").append(r.outputIf());
        }
        return key.toString();
    }

    private static String text(final JsonNode record, final String field)
    {
        final JsonNode value = record.get(field);
        return value == null || value.isNull() ? "null" : value.asText();
    }

    /**
     * Feeds a case's datagrams, in order, to one decoder, as the daemon would.
     */
    private static final class Decoding implements DecodeListener
    {
        final List<DecodedRecord> records = new ArrayList<>();
        final List<Malformation> malformed = new ArrayList<>();

        static Decoding run(final CorpusCase c)
        {
            final Decoding decoding = new Decoding();
            final DatagramDecoder decoder = new DatagramDecoder(new DecoderConfig(), decoding);
            final ExporterTable exporters = new ExporterTable(64);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
            for (final CorpusCase.Datagram datagram : c.datagrams)
            {
                final Exporter exporter = exporters.lookup(
                    addressHi(datagram.exporterAddress()), addressLo(datagram.exporterAddress()), datagram.exporterPort());
                buffer.wrap(datagram.payload());
                decoder.decode(exporter, buffer, 0, datagram.payload().length,
                    (source, record) -> decoding.records.add(DecodedRecord.of(datagram.index(), record)));
            }
            return decoding;
        }

        List<DecodedRecord> ofKind(final int kind)
        {
            final List<DecodedRecord> selected = new ArrayList<>();
            for (final DecodedRecord record : records)
            {
                if (record.kind() == kind)
                {
                    selected.add(record);
                }
            }
            return selected;
        }

        @Override
        public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
        {
            malformed.add(reason);
        }
    }

    static long addressHi(final byte[] address)
    {
        return address.length == 16 ? bytesToLong(address, 0) : 0;
    }

    static long addressLo(final byte[] address)
    {
        return address.length == 16 ? bytesToLong(address, 8) : 0x0000_ffff_0000_0000L | (bytesToLong(address, 0) >>> 32);
    }

    private static long bytesToLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (offset + i < bytes.length ? bytes[offset + i] & 0xff : 0);
        }
        return value;
    }
}
