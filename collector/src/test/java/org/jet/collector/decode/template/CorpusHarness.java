package org.jet.collector.decode.template;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;

/**
 * Feeds one corpus case to a fresh decoder and compares the result with its expected.json (record counts, counter
 * sums, each flow's addresses, ports and protocol). Shared by the corpus test and by hand runs while developing.
 */
final class CorpusHarness
{
    static final ObjectMapper JSON = new ObjectMapper();

    /** One decoded record, copied out of the sink. */
    static final class Decoded
    {
        final int packet;
        final FlowRecord record = new FlowRecord();

        Decoded(final int packet, final FlowRecord source)
        {
            this.packet = packet;
            this.record.copyFrom(source);
        }
    }

    /** What a case produced. */
    static final class Result
    {
        final String name;
        final JsonNode expected;
        final List<Decoded> records = new ArrayList<>();
        final Map<String, Integer> malformed = new TreeMap<>();
        int missingTemplateBuffered;
        int missingTemplateDropped;
        long sequenceGaps;

        Result(final String name, final JsonNode expected)
        {
            this.name = name;
            this.expected = expected;
        }

        long flows()
        {
            return records.stream().filter((d) -> d.record.kind() == RecordKind.FLOW).count();
        }

        long options()
        {
            return records.stream().filter((d) -> d.record.kind() == RecordKind.OPTIONS).count();
        }

        long sum(final long field, final boolean bytes)
        {
            long sum = 0;
            for (final Decoded d : records)
            {
                if (d.record.kind() == RecordKind.FLOW && d.record.has(field))
                {
                    sum += bytes ? d.record.bytes() : d.record.packets();
                }
            }
            return sum;
        }
    }

    private CorpusHarness()
    {
    }

    static Path corpus()
    {
        final String property = System.getProperty("jet.corpus");
        if (property != null && Files.isDirectory(Paths.get(property)))
        {
            return Paths.get(property);
        }
        final Path shared = Paths.get("/work/shared/corpus");
        return Files.isDirectory(shared) ? shared : null;
    }

    static Result run(final Path caseDirectory, final DecoderConfig config) throws IOException
    {
        final JsonNode expected = JSON.readTree(caseDirectory.resolve("expected.json").toFile());
        final Result result = new Result(caseDirectory.getFileName().toString(), expected);
        final DecodeListener listener = new DecodeListener()
        {
            public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
            {
                result.malformed.merge(reason.name(), 1, Integer::sum);
            }

            public void onMissingTemplate(
                final Exporter exporter, final long domain, final int templateId, final boolean buffered)
            {
                if (buffered)
                {
                    result.missingTemplateBuffered++;
                }
                else
                {
                    result.missingTemplateDropped++;
                }
            }

            public void onSequenceGap(final Exporter exporter, final long domain, final long missing)
            {
                result.sequenceGaps += missing;
            }
        };
        final DatagramDecoder decoder = new DatagramDecoder(config, listener);
        final ExporterTable exporters = new ExporterTable(64);
        final int[] packetIndex = new int[1];
        for (final JsonNode packet : expected.get("packets"))
        {
            final int index = packet.get("index").asInt();
            packetIndex[0] = index;
            final Path file = caseDirectory.resolve("packets").resolve(packet.get("file").asText());
            final byte[] bytes = Files.readAllBytes(file);
            final byte[] address = InetAddress.getByName(packet.get("exporter_addr").asText()).getAddress();
            final long hi;
            final long lo;
            if (address.length == 4)
            {
                hi = 0;
                lo = IpAddress.mappedLo(((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16) |
                    ((address[2] & 0xff) << 8) | (address[3] & 0xff));
            }
            else
            {
                hi = toLong(address, 0);
                lo = toLong(address, 8);
            }
            final Exporter exporter = exporters.lookup(hi, lo, packet.get("exporter_port").asInt());
            decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, (e, record) ->
            {
                if (record.version() == 9 || record.version() == 10)
                {
                    result.records.add(new Decoded(packetIndex[0], record)); // v5 of a mixed case: not ours
                }
            });
        }
        return result;
    }

    /** How a case's decoding differs from its expected.json. */
    static final class Comparison
    {
        long expectedFlows;
        long expectedOptions;
        long expectedBytes;
        long expectedPackets;
        final List<String> missing = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();

        boolean conforms(final Result result)
        {
            return missing.isEmpty() && unexpected.isEmpty() && result.flows() == expectedFlows &&
                result.options() == expectedOptions;
        }
    }

    /**
     * Compares flow records by (addresses, ports, protocol, bytes, packets) as multisets, and counts.
     */
    static Comparison compare(final Result result)
    {
        final Comparison comparison = new Comparison();
        final List<JsonNode> expectedFlows = new ArrayList<>();
        for (final JsonNode record : result.expected.get("records"))
        {
            if (!record.has("set_id") && result.expected.path("version").isArray())
            {
                continue; // a NetFlow v5 record of a mixed case: another decoder's
            }
            if ("flow".equals(record.path("kind").asText()))
            {
                expectedFlows.add(record);
                comparison.expectedBytes += record.path("bytes").asLong(0);
                comparison.expectedPackets += record.path("packets").asLong(0);
            }
            else if ("options".equals(record.path("kind").asText()))
            {
                comparison.expectedOptions++;
            }
        }
        comparison.expectedFlows = expectedFlows.size();

        final Map<String, Integer> keys = new HashMap<>();
        for (final JsonNode record : expectedFlows)
        {
            keys.merge(key(record), 1, Integer::sum);
        }
        for (final Decoded decoded : result.records)
        {
            if (decoded.record.kind() != RecordKind.FLOW)
            {
                continue;
            }
            final String key = key(decoded.record);
            final Integer count = keys.get(key);
            if (count == null || count == 0)
            {
                comparison.unexpected.add(key + " (packet " + decoded.packet + ")");
            }
            else
            {
                keys.put(key, count - 1);
            }
        }
        for (final Map.Entry<String, Integer> left : keys.entrySet())
        {
            for (int i = 0; i < left.getValue(); i++)
            {
                comparison.missing.add(left.getKey());
            }
        }
        return comparison;
    }

    static String key(final JsonNode record)
    {
        return text(record, "src_addr") + " " + text(record, "dst_addr") + " " + text(record, "src_port") + " " +
            text(record, "dst_port") + " " + text(record, "protocol") + " b=" + text(record, "bytes") + " p=" +
            text(record, "packets");
    }

    static String key(final FlowRecord record)
    {
        return (record.has(Field.SRC_ADDR) ? IpAddress.toString(record.srcAddrHi(), record.srcAddrLo()) : "null") +
            " " + (record.has(Field.DST_ADDR) ? IpAddress.toString(record.dstAddrHi(), record.dstAddrLo()) : "null") +
            " " + (record.has(Field.SRC_PORT) ? record.srcPort() : "null") +
            " " + (record.has(Field.DST_PORT) ? record.dstPort() : "null") +
            " " + (record.has(Field.PROTOCOL) ? record.protocol() : "null") +
            " b=" + (record.has(Field.BYTES) ? Long.toUnsignedString(record.bytes()) : "null") +
            " p=" + (record.has(Field.PACKETS) ? Long.toUnsignedString(record.packets()) : "null");
    }

    private static String text(final JsonNode record, final String field)
    {
        final JsonNode value = record.get(field);
        return value == null || value.isNull() ? "null" : value.asText();
    }

    private static long toLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }
}
