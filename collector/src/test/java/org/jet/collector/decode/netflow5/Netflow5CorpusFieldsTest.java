package org.jet.collector.decode.netflow5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares every field of every NetFlow v5 record of the corpus with {@code expected.json}, including the
 * timestamps (epoch ms from the header's export time and uptime) and the header's sampling interval. The v9 half
 * of a mixed case is left to the v9 decoder. Skipped when the corpus is not there ({@code -Djet.corpus=...}).
 */
class Netflow5CorpusFieldsTest
{
    @TestFactory
    Stream<DynamicTest> shouldDecodeEveryFieldOfTheCorpusRecords() throws Exception
    {
        final Path corpus = Path.of(System.getProperty("jet.corpus", "../../shared/corpus"));
        assumeTrue(Files.isDirectory(corpus.resolve("nf5-mikrotik")), "corpus not found");
        final List<Path> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus))
        {
            dirs.filter(d -> d.getFileName().toString().startsWith("nf5-")).sorted().forEach(cases::add);
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(final Path dir) throws Exception
    {
        final JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        final boolean rejected = expected.get("expected_outcome").asText().startsWith("reject");
        final List<JsonNode> packets = new ArrayList<>();
        expected.get("packets").forEach(packets::add);

        final List<FlowRecord> decoded = new ArrayList<>();
        final List<Integer> decodedPackets = new ArrayList<>();
        final List<Malformation> malformed = new ArrayList<>();
        final Netflow5Decoder decoder = new Netflow5Decoder(new DecoderConfig(), new DecodeListener()
        {
            @Override
            public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
            {
                malformed.add(reason);
            }
        });
        final ExporterTable exporters = new ExporterTable(16);
        for (final JsonNode packet : packets)
        {
            if (packet.get("version").asInt() != 5)
            {
                continue;
            }
            final byte[] payload = Files.readAllBytes(dir.resolve("packets").resolve(packet.get("file").asText()));
            final byte[] address = InetAddress.getByName(packet.get("exporter_addr").asText()).getAddress();
            final Exporter exporter = exporters.lookup(0, IpAddress.mappedLo(
                new UnsafeBuffer(address).getInt(0, ByteOrder.BIG_ENDIAN)), packet.get("exporter_port").asInt());
            decoder.decode(exporter, new UnsafeBuffer(payload), 0, payload.length, (e, r) ->
            {
                final FlowRecord copy = new FlowRecord();
                copy.copyFrom(r);
                decoded.add(copy);
                decodedPackets.add(packet.get("index").asInt());
            });
        }

        if (rejected)
        {
            assertEquals(0, decoded.size());
            assertEquals(List.of(Malformation.COUNT_EXCEEDS_DATAGRAM), malformed);
            return;
        }
        assertEquals(List.of(), malformed);

        final List<JsonNode> expectedRecords = new ArrayList<>();
        for (final JsonNode record : expected.get("records"))
        {
            if (packets.get(record.get("packet").asInt()).get("version").asInt() == 5)
            {
                expectedRecords.add(record);
            }
        }
        assertEquals(expectedRecords.size(), decoded.size(), "records");
        for (int i = 0; i < decoded.size(); i++)
        {
            final JsonNode e = expectedRecords.get(i);
            final FlowRecord r = decoded.get(i);
            final JsonNode header = packets.get(decodedPackets.get(i)).get("header");
            final String where = dir.getFileName() + " record " + i + ": ";
            assertEquals(e.get("packet").asInt(), decodedPackets.get(i), where + "packet");
            assertEquals(e.get("src_addr").asText(), IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()), where);
            assertEquals(e.get("dst_addr").asText(), IpAddress.toString(r.dstAddrHi(), r.dstAddrLo()), where);
            assertEquals(e.get("next_hop").asText(), IpAddress.toString(r.nextHopHi(), r.nextHopLo()), where);
            assertEquals(e.get("src_port").asInt(), r.srcPort(), where + "src port");
            assertEquals(e.get("dst_port").asInt(), r.dstPort(), where + "dst port");
            assertEquals(e.get("protocol").asInt(), r.protocol(), where + "protocol");
            assertEquals(e.get("bytes").asLong(), r.bytes(), where + "bytes");
            assertEquals(e.get("packets").asLong(), r.packets(), where + "packets");
            assertEquals(e.get("input_if").asLong(), r.inputIf(), where + "input");
            assertEquals(e.get("output_if").asLong(), r.outputIf(), where + "output");
            assertEquals(e.get("tcp_flags").asInt(), r.tcpFlags(), where + "tcp flags");
            assertEquals(e.get("tos").asInt(), r.tos(), where + "tos");
            assertEquals(e.get("src_as").asLong(), r.srcAs(), where + "src as");
            assertEquals(e.get("dst_as").asLong(), r.dstAs(), where + "dst as");
            assertEquals(e.get("src_mask").asInt(), r.srcMask(), where + "src mask");
            assertEquals(e.get("dst_mask").asInt(), r.dstMask(), where + "dst mask");

            final long exportMs = header.get("unix_secs").asLong() * 1000 + header.get("unix_nsecs").asLong() / 1_000_000;
            final long uptime = header.get("sys_uptime_ms").asLong();
            // softflowd stamps flows that began before it started with First = 0xffffffff: 1 ms before "boot".
            assertEquals(exportMs - (int)(uptime - e.get("first_switched_ms").asLong()), r.startMs(), where + "start");
            assertEquals(exportMs - (int)(uptime - e.get("last_switched_ms").asLong()), r.endMs(), where + "end");

            final int interval = header.get("sampling_interval").asInt();
            assertEquals(interval > 0 ? interval : 1, r.samplingRate(), where + "sampling");
            assertEquals(interval == 0, r.has(Field.SAMPLING_UNKNOWN), where + "sampling unknown");
            assertEquals((header.get("engine_type").asInt() << 8) | header.get("engine_id").asInt(),
                r.observationDomain(), where + "engine");
        }
    }
}
