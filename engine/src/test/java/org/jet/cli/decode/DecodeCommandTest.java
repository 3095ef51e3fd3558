package org.jet.cli.decode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.cli.Captures;
import org.jet.cli.ExitCode;
import org.jet.cli.Jet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DecodeCommandTest
{
    private static final Pattern SUMMARY = Pattern.compile(
        "summary: (\\d+) files?, (\\d+) packets?, (\\d+) records? \\(flow (\\d+), options (\\d+), counter (\\d+)\\), " +
            "(\\d+) rejected, (\\d+) notes?(, (\\d+) unreadable files?)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldDecodeRawPayloadFilesAsOneExporter() throws Exception
    {
        final Path first = write("000.bin", Captures.netflow5());
        final Path second = write("001.bin", Captures.netflow5());

        final Jet.Result result = Jet.run("decode", first.toString(), second.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        final long[] summary = summary(result);
        assertEquals(2, summary[0]);
        assertEquals(2, summary[1]);
        assertEquals(summary[2], result.outLines().size(), "one JSON line per record");
        assumeTrue(summary[2] > 0, "the NetFlow v5 decoder is still a placeholder");

        assertEquals(4, summary[2]);
        final JsonNode record = JSON.readTree(result.outLines().get(0));
        assertEquals("192.0.2.1:50000", record.get("exporter").asText());
        assertEquals("netflow", record.get("flow_protocol").asText());
        assertEquals(5, record.get("version").asInt());
        assertEquals("flow", record.get("kind").asText());
        assertEquals(0, record.get("packet").asInt());
        assertEquals("10.0.0.1", record.get("src_addr").asText());
        assertEquals("10.0.0.2", record.get("dst_addr").asText());
        assertEquals(1000, record.get("src_port").asInt());
        assertEquals(80, record.get("dst_port").asInt());
        assertEquals(6, record.get("protocol").asInt());
        assertEquals(100, record.get("bytes").asLong());
        assertEquals(2, record.get("packets").asLong());
        assertEquals(1, record.get("input_if").asLong());
        assertEquals(2, record.get("output_if").asLong());
        assertEquals(1, JSON.readTree(result.outLines().get(3)).get("packet").asInt());
    }

    @Test
    void shouldDecodeCapturesWithTheSourceAsExporter() throws Exception
    {
        final Path capture = write("flows.pcap", new Captures()
            .udp(1_700_000_000L, 0x0a010203, 9999, 2055, Captures.netflow5())
            .udp(1_700_000_001L, 0x0a010204, 8888, 2055, Captures.netflow5())
            .udp(1_700_000_002L, 0x0a010204, 8888, 53, new byte[]{1, 2, 3})
            .bytes());

        final Jet.Result result = Jet.run("decode", "--port", "2055,4739", capture.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        final long[] summary = summary(result);
        assertEquals(2, summary[1], "the datagram to port 53 is left out");
        assertTrue(result.err().contains("flows.pcap: note: 3 frames, 3 UDP datagrams (1 to other ports left out)"),
            result.err());
        assertEquals(summary[2], result.outLines().size());
        assumeTrue(summary[2] > 0, "the NetFlow v5 decoder is still a placeholder");
        assertEquals("10.1.2.3:9999", JSON.readTree(result.outLines().get(0)).get("exporter").asText());
        assertEquals("10.1.2.4:8888", JSON.readTree(result.outLines().get(3)).get("exporter").asText());
    }

    @Test
    void shouldReportMalformedDatagramsAndExitWithOne() throws Exception
    {
        final Path good = write("good.bin", Captures.netflow5());
        final Path bad = write("bad.bin", "hello, world\n".getBytes());

        final Jet.Result result = Jet.run("decode", "--exporter", "[2001:db8::7]:9", good.toString(), bad.toString());

        assertEquals(ExitCode.REJECTED, result.exitCode());
        assertTrue(result.errLines().contains(bad + ": packet 1: exporter [2001:db8::7]:9: unknown protocol " +
            "version (not NetFlow v5/v9, IPFIX or sFlow v5) (offset 0)"), result.err());
        assertEquals(1, summary(result)[6], "rejected");
    }

    @Test
    void shouldRefuseMissingFilesBeforeDecodingAnything() throws Exception
    {
        final Path good = write("good.bin", Captures.netflow5());
        final Path missing = dir.resolve("missing.pcap");

        final Jet.Result result = Jet.run("decode", good.toString(), missing.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("jet decode: " + missing + ": no such file", result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    void shouldRefuseFilesThatAreNeitherCaptureNorDatagram() throws Exception
    {
        final Path big = write("big.log", new byte[70_000]);
        final Path empty = write("empty.bin", new byte[0]);

        final Jet.Result result = Jet.run("decode", big.toString(), empty.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals(List.of(
            big + ": not a pcap or pcapng capture, and too large to be one raw datagram (over 65535 bytes)",
            empty + ": empty file (neither a capture nor a datagram)"), result.errLines().subList(0, 2));
        assertEquals(2, summary(result)[9], "unreadable files");
    }

    @Test
    void shouldDecodeWhatATruncatedCaptureHoldsThenReportIt() throws Exception
    {
        final byte[] capture = new Captures()
            .udp(1, 0x0a010203, 9999, 2055, Captures.netflow5())
            .udp(2, 0x0a010203, 9999, 2055, Captures.netflow5())
            .bytes();
        final Path cut = write("cut.pcap", Arrays.copyOf(capture, capture.length - 7));

        final Jet.Result result = Jet.run("decode", cut.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.errLines().get(0).startsWith(cut + ": truncated capture: packet 2 at offset "),
            result.err());
        assertEquals(1, summary(result)[1], "the first datagram was decoded");
    }

    @Test
    void shouldRejectBadOptionValues() throws Exception
    {
        final Path good = write("good.bin", Captures.netflow5());

        final Jet.Result rate = Jet.run("decode", "--default-sampling-rate", "0", good.toString());
        assertEquals(ExitCode.USAGE, rate.exitCode());
        assertEquals("jet decode: --default-sampling-rate must be at least 1", rate.err().strip());

        final Jet.Result exporter = Jet.run("decode", "--exporter", "2001:db8::1:9", good.toString());
        assertEquals(ExitCode.USAGE, exporter.exitCode());
        assertTrue(exporter.err().contains("put an IPv6 address in brackets"), exporter.err());

        final Jet.Result noFile = Jet.run("decode");
        assertEquals(ExitCode.USAGE, noFile.exitCode());
        assertTrue(noFile.err().contains("Missing required parameter: 'FILE'"), noFile.err());
    }

    @Test
    void shouldWriteTextLines() throws Exception
    {
        final Path good = write("good.bin", Captures.netflow5());

        final Jet.Result result = Jet.run("decode", "--format", "text", good.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals(summary(result)[2], result.outLines().size());
        assumeTrue(summary(result)[2] > 0, "the NetFlow v5 decoder is still a placeholder");
        assertTrue(result.outLines().get(0).matches(
            "192\\.0\\.2\\.1:50000 +nf5 +flow +10\\.0\\.0\\.1:1000 +-> 10\\.0\\.0\\.2:80 +tcp +100 B +2 pkt.*"),
            result.outLines().get(0));
    }

    /**
     * Every case of the shared flow corpus goes through the command without an internal error, and prints exactly
     * the records its summary counts.
     */
    @Test
    void shouldDecodeEveryCorpusCaseWithoutFailing() throws Exception
    {
        final Path corpus = Path.of(System.getProperty("jet.corpus", "../../shared/corpus"));
        assumeTrue(Files.isDirectory(corpus), "flow corpus not found");
        final List<Path> cases = new ArrayList<>();
        try (Stream<Path> list = Files.list(corpus))
        {
            list.filter(p -> Files.isDirectory(p.resolve("packets"))).sorted().forEach(cases::add);
        }
        assertFalse(cases.isEmpty());

        for (final Path c : cases)
        {
            final List<String> args = new ArrayList<>(List.of("decode"));
            try (Stream<Path> packets = Files.list(c.resolve("packets")))
            {
                packets.sorted().forEach(p -> args.add(p.toString()));
            }
            final Jet.Result result = Jet.run(args.toArray(new String[0]));

            assertTrue(result.exitCode() == ExitCode.OK || result.exitCode() == ExitCode.REJECTED,
                c + ": " + result.exitCode() + " " + result.err());
            final long[] summary = summary(result);
            assertEquals(summary[2], result.outLines().size(), c.toString());
            for (final String line : result.outLines())
            {
                final JsonNode record = JSON.readTree(line);
                assertTrue(record.has("src_addr") && record.has("bytes") && record.has("exporter"), line);
            }
            assertNotEquals(ExitCode.INTERNAL, result.exitCode());
        }
    }

    private Path write(final String name, final byte[] bytes) throws Exception
    {
        return Files.write(dir.resolve(name), bytes);
    }

    /**
     * @return files, packets, records, flow, options, counter, rejected, notes, (unused), unreadable.
     */
    private static long[] summary(final Jet.Result result)
    {
        final Matcher matcher = SUMMARY.matcher(result.lastErrLine());
        assertTrue(matcher.matches(), "summary line: " + result.lastErrLine());
        final long[] values = new long[10];
        for (int i = 0; i < 8; i++)
        {
            values[i] = Long.parseLong(matcher.group(i + 1));
        }
        values[9] = matcher.group(10) == null ? 0 : Long.parseLong(matcher.group(10));
        return values;
    }
}
