package org.jet.cli.replay;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jet.cli.Captures;
import org.jet.cli.ExitCode;
import org.jet.cli.Jet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest
{
    @TempDir
    Path dir;

    private DatagramSocket collector;

    @BeforeEach
    void listen() throws Exception
    {
        collector = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        collector.setReceiveBufferSize(1 << 20);
        collector.setSoTimeout(5000);
    }

    @AfterEach
    void close()
    {
        collector.close();
    }

    @Test
    void shouldSendRawFilesAndCaptureDatagramsInOrder() throws Exception
    {
        final byte[] raw = Captures.netflow5();
        final byte[] first = {1, 2, 3, 4};
        final byte[] second = new byte[1400];
        Arrays.fill(second, (byte)7);
        final Path rawFile = Files.write(dir.resolve("000.bin"), raw);
        final Path capture = Files.write(dir.resolve("two.pcap"), new Captures()
            .udp(1, 0x0a000001, 2000, 2055, first)
            .udp(2, 0x0a000002, 2000, 2055, second)
            .bytes());

        final Jet.Result result = Jet.run("replay", "--rate", "0", "--no-progress", "--to", target(),
            rawFile.toString(), capture.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        final List<DatagramPacket> received = receive(3);
        assertArrayEquals(raw, payload(received.get(0)));
        assertArrayEquals(first, payload(received.get(1)));
        assertArrayEquals(second, payload(received.get(2)));
        assertTrue(received.get(1).getPort() != received.get(2).getPort(), "each exporter has its own socket");
        assertTrue(result.lastErrLine().startsWith("sent 3 datagrams (" + (raw.length + 4 + 1400) + " bytes) to " +
            target() + " in "), result.err());
    }

    @Test
    void shouldLoopAtTheGivenRateAndShowProgress() throws Exception
    {
        final Path rawFile = Files.write(dir.resolve("000.bin"), Captures.netflow5());

        final long start = System.nanoTime();
        final Jet.Result result = Jet.run("replay", "--rate", "50", "--loop", "10", "--progress", "--one-socket",
            "--to", target(), rawFile.toString());
        final double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        final Set<Integer> ports = new HashSet<>();
        for (final DatagramPacket packet : receive(10))
        {
            ports.add(packet.getPort());
        }
        assertEquals(1, ports.size());
        assertTrue(seconds >= 0.17, "10 datagrams at 50/s take at least 180 ms, took " + seconds);
        assertTrue(result.err().contains("] 100%  10/10 datagrams"), result.err());
        assertTrue(result.lastErrLine().startsWith("sent 10 datagrams"), result.err());
    }

    @Test
    void shouldExplainUsageMistakes() throws Exception
    {
        final Path rawFile = Files.write(dir.resolve("000.bin"), Captures.netflow5());

        final Jet.Result noTarget = Jet.run("replay", rawFile.toString());
        assertEquals(ExitCode.USAGE, noTarget.exitCode());
        assertTrue(noTarget.err().startsWith("jet replay: Missing required option: '--to=HOST:PORT'"),
            noTarget.err());

        final Jet.Result badTarget = Jet.run("replay", "--to", "localhost", rawFile.toString());
        assertEquals(ExitCode.USAGE, badTarget.exitCode());
        assertTrue(badTarget.err().contains("'localhost' is not ADDRESS:PORT"), badTarget.err());

        final Jet.Result missing = Jet.run("replay", "--to", target(), dir.resolve("nope").toString());
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertEquals("jet replay: " + dir.resolve("nope") + ": no such file", missing.err().strip());

        final Jet.Result loops = Jet.run("replay", "--to", target(), "--loop", "0", rawFile.toString());
        assertEquals(ExitCode.USAGE, loops.exitCode());
        assertEquals("jet replay: --loop must be at least 1", loops.err().strip());
    }

    private String target()
    {
        return "127.0.0.1:" + collector.getLocalPort();
    }

    private List<DatagramPacket> receive(final int count) throws Exception
    {
        final List<DatagramPacket> packets = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
            collector.receive(packet);
            packets.add(packet);
        }
        return packets;
    }

    private static byte[] payload(final DatagramPacket packet)
    {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }
}
