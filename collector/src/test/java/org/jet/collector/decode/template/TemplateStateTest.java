package org.jet.collector.decode.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.Field;
import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateStateTest
{
    private static final long UNIX_SECS = 1_700_000_000L;

    @TempDir
    Path directory;

    private final long[] now = {UNIX_SECS * 1000};

    @Test
    void shouldRestoreTemplatesAndSamplingRatesInANewDecoder() throws IOException
    {
        final DatagramDecoder first = new DatagramDecoder(config(), new RecordingListener());
        final ExporterTable firstTable = new ExporterTable(8);
        final Exporter router = v4(firstTable, "192.0.2.1", 2055);
        final Exporter v6Router = firstTable.lookup(0x2001_0db8_0000_0000L, 1, 4739);

        final PacketBuilder v9 = PacketBuilder.netflow9(3, 1000, UNIX_SECS, 1, 5);
        v9.set(1).u16(257).u16(4).u16(8).u16(1).u16(4).u16(48).u16(1).u16(34).u16(4).endSet(4);
        v9.set(257).u32(0).u8(3).u32(100).endSet(4);
        v9.set(0).template(256, 8, 4, 1, 4, 48, 1).endSet();
        decode(first, router, v9, new CollectingSink());

        final PacketBuilder ipfix = PacketBuilder.ipfix(UNIX_SECS, 0, 9);
        ipfix.set(3).u16(400).u16(2).u16(1).u16(149).u16(4).u16(160).u16(8).endSet();
        ipfix.set(400).u32(9).u64(UNIX_SECS * 1000 - 3_600_000).endSet();
        ipfix.set(2).u16(300).u16(3).u16(27).u16(16).u16(1).u16(8).u16(82).u16(65535)
            .u16(301).u16(2).u16(8).u16(4).u16(22).u16(4).endSet();
        decode(first, v6Router, ipfix, new CollectingSink());

        assertTrue(first.saveState());
        assertFalse(first.saveState(), "nothing changed since");
        try (var files = Files.list(directory))
        {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
        final List<String> lines = Files.readAllLines(directory.resolve("t-netflow9.state"));
        assertEquals("jet-decoder-state 1 netflow9 " + now[0], lines.get(1));

        // a restart: another exporter is seen first, so host ids differ from the first run
        now[0] += 5000;
        final DatagramDecoder second = new DatagramDecoder(config(), new RecordingListener());
        assertEquals(5, second.loadState());
        final ExporterTable secondTable = new ExporterTable(8);
        v4(secondTable, "198.51.100.7", 2055);
        final Exporter sameRouter = v4(secondTable, "192.0.2.1", 33333);
        final Exporter sameV6Router = secondTable.lookup(0x2001_0db8_0000_0000L, 1, 4739);

        final CollectingSink sink = new CollectingSink();
        final PacketBuilder v9Data = PacketBuilder.netflow9(1, 2000, UNIX_SECS + 5, 2, 5);
        v9Data.set(256).ip("10.0.0.1").u32(700).u8(3).endSet();
        assertEquals(1, decode(second, sameRouter, v9Data, sink));
        assertEquals(700, sink.get(0).bytes());
        assertEquals(100, sink.get(0).samplingRate());
        assertFalse(sink.get(0).has(Field.SAMPLING_UNKNOWN));

        final PacketBuilder ipfixData = PacketBuilder.ipfix(UNIX_SECS + 5, 0, 9);
        ipfixData.set(300).ip("2001:db8::5").u64(900).u8(2).u16(0x6869).endSet();
        ipfixData.set(301).ip("10.0.0.9").u32(60_000).endSet();
        assertEquals(2, decode(second, sameV6Router, ipfixData, sink));
        assertEquals("2001:db8::5", IpAddress.toString(sink.get(1).srcAddrHi(), sink.get(1).srcAddrLo()));
        assertEquals(900, sink.get(1).bytes());
        assertEquals(UNIX_SECS * 1000 - 3_600_000 + 60_000, sink.get(2).startMs());
    }

    @Test
    void shouldNotRestoreTemplatesThatHadExpiredWhenSaved() throws IOException
    {
        final DecoderConfig config = config().templateExpiryMs(60_000);
        final DatagramDecoder first = new DatagramDecoder(config, new RecordingListener());
        final Exporter router = v4(new ExporterTable(8), "192.0.2.1", 2055);
        final PacketBuilder old = PacketBuilder.netflow9(1, 1000, UNIX_SECS, 1, 0);
        old.set(0).template(256, 8, 4).endSet();
        decode(first, router, old, new CollectingSink());
        now[0] += 50_000;
        final PacketBuilder fresh = PacketBuilder.netflow9(1, 1000, UNIX_SECS, 2, 0);
        fresh.set(0).template(257, 8, 4).endSet();
        decode(first, router, fresh, new CollectingSink());
        now[0] += 20_000;
        assertTrue(first.saveState());

        final DatagramDecoder second = new DatagramDecoder(config, new RecordingListener());
        assertEquals(1, second.loadState());
    }

    @Test
    void shouldExpireRestoredTemplatesOfExportersThatNeverComeBack() throws IOException
    {
        final DecoderConfig config = config().templateExpiryMs(60_000);
        final DatagramDecoder first = new DatagramDecoder(config, new RecordingListener());
        final PacketBuilder template = PacketBuilder.netflow9(1, 1000, UNIX_SECS, 1, 0);
        template.set(0).template(256, 8, 4).endSet();
        decode(first, v4(new ExporterTable(8), "192.0.2.1", 2055), template, new CollectingSink());
        first.saveState();

        final DatagramDecoder second = new DatagramDecoder(config, new RecordingListener());
        assertEquals(1, second.loadState());
        now[0] += 59_000;
        assertEquals(0, second.expire(now[0]));
        now[0] += 2_000;
        assertEquals(1, second.expire(now[0]));
        assertTrue(second.saveState());
        assertEquals(0, new DatagramDecoder(config, new RecordingListener()).loadState());
    }

    @Test
    void shouldRefuseAStateFileOfAnotherVersion() throws IOException
    {
        Files.writeString(directory.resolve("t-netflow9.state"), "jet-decoder-state 2 netflow9 0\nend\n");
        final DatagramDecoder decoder = new DatagramDecoder(config(), new RecordingListener());
        assertThrows(IOException.class, decoder::loadState);
    }

    @Test
    void shouldSkipDamagedLinesAndKeepTheRest() throws IOException
    {
        Files.writeString(directory.resolve("t-ipfix.state"),
            "# comment\n" +
            "jet-decoder-state 1 ipfix " + now[0] + "\n" +
            "host 192.0.2.1 0\n" +
            "domain 0 0 0\n" +
            "template 300 data 0 " + now[0] + " 8/4 1/x\n" +
            "template 301 data 0 " + now[0] + " 8/4 1/4\n" +
            "template 12 data 0 " + now[0] + " 8/4\n" +
            "sampler nonsense\n" +
            "host example.org 0\n" +
            "domain 1 0 0\n" +
            "template 302 data 0 " + now[0] + " 8/4\n" +
            "end\n", StandardCharsets.US_ASCII);
        final DatagramDecoder decoder = new DatagramDecoder(config(), new RecordingListener());
        assertEquals(1, decoder.loadState());
    }

    @Test
    void shouldDoNothingWithoutAStateDirectory() throws IOException
    {
        final DatagramDecoder decoder = new DatagramDecoder(new DecoderConfig(), new RecordingListener());
        assertEquals(0, decoder.loadState());
        assertFalse(decoder.saveState());
    }

    private DecoderConfig config()
    {
        return new DecoderConfig().clock(() -> now[0]).stateDirectory(directory).stateName("t");
    }

    private static Exporter v4(final ExporterTable table, final String address, final int port)
    {
        final String[] parts = address.split("\\.");
        final int v4 = (Integer.parseInt(parts[0]) << 24) | (Integer.parseInt(parts[1]) << 16) |
            (Integer.parseInt(parts[2]) << 8) | Integer.parseInt(parts[3]);
        return table.lookup(0, IpAddress.mappedLo(v4), port);
    }

    private static int decode(
        final DatagramDecoder decoder, final Exporter exporter, final PacketBuilder packet, final CollectingSink sink)
    {
        final byte[] bytes = packet.build();
        return decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, sink);
    }
}
