package org.jet.collector.pcap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads captures written by Wireshark's own tools (text2pcap, editcap), when they are installed: a reader that only
 * ever reads files its own tests wrote could share their misunderstandings.
 */
class ToolMadeCaptureTest
{
    private static final Path TEXT2PCAP = Path.of("/usr/bin/text2pcap");
    private static final Path EDITCAP = Path.of("/usr/bin/editcap");

    @TempDir
    Path dir;

    private final CaptureReader reader = new CaptureReader();

    @BeforeAll
    static void needsWireshark()
    {
        assumeTrue(Files.isExecutable(TEXT2PCAP), "text2pcap (Wireshark) is not installed");
    }

    @Test
    void shouldReadPcapngWrittenByText2pcap() throws Exception
    {
        final byte[][] payloads = {Frames.payload(300, 1), Frames.payload(1200, 2), Frames.payload(9, 3)};
        final Path capture = text2pcap(payloads, "-u", "40000,2055", "-4", "10.1.1.1,10.2.2.2");

        final List<String> seen = read(capture, payloads);

        assertEquals(List.of("10.1.1.1:40000>10.2.2.2:2055", "10.1.1.1:40000>10.2.2.2:2055",
            "10.1.1.1:40000>10.2.2.2:2055"), seen);
    }

    @Test
    void shouldReadIpv6PcapWrittenByText2pcap() throws Exception
    {
        final byte[][] payloads = {Frames.payload(64, 4), Frames.payload(1400, 5)};
        final Path capture = text2pcap(payloads, "-F", "pcap", "-u", "6343,6343", "-6", "2001:db8::a,2001:db8::b");

        assertEquals(List.of("2001:db8::a:6343>2001:db8::b:6343", "2001:db8::a:6343>2001:db8::b:6343"),
            read(capture, payloads));
    }

    @Test
    void shouldReadNanosecondPcapConvertedByEditcap() throws Exception
    {
        assumeTrue(Files.isExecutable(EDITCAP), "editcap (Wireshark) is not installed");
        final byte[][] payloads = {Frames.payload(100, 6)};
        final Path capture = text2pcap(payloads, "-u", "1,2", "-4", "192.0.2.1,192.0.2.2");
        final Path nanos = dir.resolve("nanos.pcap");
        run(EDITCAP.toString(), "-F", "nsecpcap", capture.toString(), nanos.toString());

        assertEquals(List.of("192.0.2.1:1>192.0.2.2:2"), read(nanos, payloads));
    }

    private List<String> read(final Path capture, final byte[][] payloads) throws CaptureException
    {
        final List<String> seen = new ArrayList<>();
        reader.read(capture, d ->
        {
            final byte[] payload = new byte[d.length()];
            d.buffer().getBytes(d.offset(), payload);
            assertArrayEquals(payloads[seen.size()], payload);
            seen.add(IpAddress.toString(d.srcAddrHi(), d.srcAddrLo()) + ":" + d.srcPort() + ">" +
                IpAddress.toString(d.dstAddrHi(), d.dstAddrLo()) + ":" + d.dstPort());
        });
        assertEquals(payloads.length, reader.stats().datagrams());
        return seen;
    }

    private Path text2pcap(final byte[][] payloads, final String... options) throws Exception
    {
        final StringBuilder dump = new StringBuilder();
        for (final byte[] payload : payloads)
        {
            for (int i = 0; i < payload.length; i += 16)
            {
                dump.append(String.format("%06x", i));
                for (int j = i; j < Math.min(i + 16, payload.length); j++)
                {
                    dump.append(String.format(" %02x", payload[j] & 0xff));
                }
                dump.append('\n');
            }
            dump.append('\n');
        }
        final Path text = dir.resolve("dump.txt");
        Files.writeString(text, dump);
        final Path capture = dir.resolve("capture-" + System.nanoTime());
        final List<String> command = new ArrayList<>(List.of(TEXT2PCAP.toString(), "-q"));
        command.addAll(List.of(options));
        command.add(text.toString());
        command.add(capture.toString());
        run(command.toArray(new String[0]));
        return capture;
    }

    private static void run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "tool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
