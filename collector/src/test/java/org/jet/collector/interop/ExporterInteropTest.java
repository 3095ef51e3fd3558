package org.jet.collector.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real exporters from Debian (softflowd; pmacctd with nfprobe and sfprobe) read a capture this test writes and
 * export it to a socket; what Jet decodes must add up to what the capture holds. Skipped when the exporter is not
 * installed ({@code .ci/run} installs them).
 */
class ExporterInteropTest
{
    private static final int PACKETS = 300;

    @TempDir
    Path dir;

    @Test
    void shouldDecodeSoftflowdNetflow9() throws Exception
    {
        assertNetflowTotals(exportWithSoftflowd(9), 9);
    }

    @Test
    void shouldDecodeSoftflowdIpfix() throws Exception
    {
        assertNetflowTotals(exportWithSoftflowd(10), 10);
    }

    @Test
    void shouldDecodePmacctdNfprobeNetflow9() throws Exception
    {
        assertNetflowTotals(exportWithPmacctd("nfprobe", "nfprobe_version[p]: 9"), 9);
    }

    @Test
    void shouldDecodePmacctdNfprobeIpfix() throws Exception
    {
        assertNetflowTotals(exportWithPmacctd("nfprobe", "nfprobe_version[p]: 10"), 10);
    }

    @Test
    void shouldDecodePmacctdSfprobeSflow() throws Exception
    {
        final Export export = exportWithPmacctd("sfprobe", "sfprobe_agentip[p]: 127.0.0.1\nsampling_rate: 1");
        final Decoded decoded = decode(export.datagrams);
        assertTrue(decoded.malformed.isEmpty(), "malformed: " + decoded.malformed);
        assertEquals(export.capture.packets, decoded.packets, "one flow sample per packet at 1:1 sampling");
        // sFlow frame_length counts the 4-byte Ethernet FCS the capture does not hold (pmacctd reports stripped=4).
        assertEquals(export.capture.frameBytes + 4 * export.capture.packets, decoded.bytes, "sum of frame lengths");
        assertEquals(export.capture.fiveTuples, decoded.fiveTuples);
        assertEquals(Set.of(1L), decoded.samplingRates);
        assertEquals(Set.of(RecordKind.SFLOW_VERSION), decoded.versions);
    }

    private void assertNetflowTotals(final Export export, final int version)
    {
        final Decoded decoded = decode(export.datagrams);
        assertTrue(decoded.malformed.isEmpty(), "malformed: " + decoded.malformed);
        assertEquals(Set.of(version), decoded.versions);
        assertEquals(export.capture.packets, decoded.packets, "packets");
        assertEquals(export.capture.ipBytes, decoded.bytes, "IP bytes");
        assertEquals(export.capture.fiveTuples, decoded.fiveTuples);
    }

    private Export exportWithSoftflowd(final int version) throws Exception
    {
        requireCommand("/usr/sbin/softflowd");
        final Path pcap = dir.resolve("capture.pcap");
        final SyntheticCapture capture = SyntheticCapture.write(pcap, PACKETS);
        try (DatagramSocket socket = collectorSocket())
        {
            run(List.of("/usr/sbin/softflowd", "-r", pcap.toString(), "-d", "-v", Integer.toString(version),
                "-n", "127.0.0.1:" + socket.getLocalPort()));
            return new Export(capture, receive(socket));
        }
    }

    private Export exportWithPmacctd(final String plugin, final String options) throws Exception
    {
        requireCommand("/usr/sbin/pmacctd");
        final Path pcap = dir.resolve("capture.pcap");
        final SyntheticCapture capture = SyntheticCapture.write(pcap, PACKETS);
        try (DatagramSocket socket = collectorSocket())
        {
            final Path config = dir.resolve("pmacctd.conf");
            Files.writeString(config, String.join("\n",
                "daemonize: false",
                "pcap_savefile: " + pcap,
                "pcap_savefile_wait: false",
                "plugins: " + plugin + "[p]",
                plugin + "_receiver[p]: 127.0.0.1:" + socket.getLocalPort(),
                options,
                ""));
            run(List.of("/usr/sbin/pmacctd", "-f", config.toString()));
            return new Export(capture, receive(socket));
        }
    }

    private static void requireCommand(final String path)
    {
        assumeTrue(Files.isExecutable(Path.of(path)), path + " is not installed (apt-get install softflowd pmacct)");
    }

    private static DatagramSocket collectorSocket() throws IOException
    {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setReceiveBufferSize(4 << 20);
        return socket;
    }

    private void run(final List<String> command) throws Exception
    {
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("exporter.log").toFile())
            .start();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish: " + Files.readString(dir.resolve("exporter.log")));
        }
    }

    /**
     * Collects datagrams until the exporter has been quiet for a while (it exits before the socket drains).
     */
    private static List<byte[]> receive(final DatagramSocket socket) throws IOException
    {
        final List<byte[]> datagrams = new ArrayList<>();
        final byte[] buffer = new byte[65_536];
        socket.setSoTimeout(1_500);
        while (true)
        {
            final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try
            {
                socket.receive(packet);
            }
            catch (final SocketTimeoutException ex)
            {
                return datagrams;
            }
            datagrams.add(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        }
    }

    private static Decoded decode(final List<byte[]> datagrams)
    {
        assertTrue(!datagrams.isEmpty(), "the exporter sent nothing");
        final Decoded decoded = new Decoded();
        final DatagramDecoder decoder = new DatagramDecoder(new DecoderConfig(), decoded);
        final Exporter exporter = new ExporterTable(4).lookup(0, IpAddress.mappedLo(0x7f00_0001), 9999);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        for (final byte[] datagram : datagrams)
        {
            buffer.wrap(datagram);
            decoder.decode(exporter, buffer, 0, datagram.length, decoded);
        }
        return decoded;
    }

    private record Export(SyntheticCapture capture, List<byte[]> datagrams)
    {
    }

    private static final class Decoded implements DecodeListener, org.jet.collector.record.FlowSink
    {
        long bytes;
        long packets;
        final Set<String> fiveTuples = new HashSet<>();
        final Set<Long> samplingRates = new HashSet<>();
        final Set<Integer> versions = new HashSet<>();
        final List<Malformation> malformed = new ArrayList<>();

        @Override
        public void onRecord(final Exporter exporter, final FlowRecord record)
        {
            if (record.kind() != RecordKind.FLOW)
            {
                return;
            }
            final String src = IpAddress.toString(record.srcAddrHi(), record.srcAddrLo());
            if (SyntheticCapture.FLUSH_HOST.equals(src))
            {
                return;
            }
            versions.add(record.version());
            bytes += record.bytes();
            packets += record.packets();
            if (record.has(Field.SAMPLING_RATE) && !record.has(Field.SAMPLING_UNKNOWN))
            {
                samplingRates.add(record.samplingRate());
            }
            fiveTuples.add(src + ":" + record.srcPort() + " -> " +
                IpAddress.toString(record.dstAddrHi(), record.dstAddrLo()) + ":" + record.dstPort() +
                " proto " + record.protocol());
        }

        @Override
        public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
        {
            malformed.add(reason);
        }
    }
}
