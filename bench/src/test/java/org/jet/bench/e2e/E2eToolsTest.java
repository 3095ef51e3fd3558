package org.jet.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2eToolsTest
{
    @Test
    void shouldReadNfdumpStatistics()
    {
        final String stats = "Ident: none\nFlows: 499980\nFlows_tcp: 499970\nPackets: 25249060\n" +
            "Packets_tcp: 25249000\nBytes: 37517982720\nBytes_tcp: 37517982000\n";
        assertEquals(499_970, NfcapdTarget.field(stats, "Flows_tcp"));
        assertEquals(499_980, NfcapdTarget.field(stats, "Flows"));
        assertEquals(37_517_982_000L, NfcapdTarget.field(stats, "Bytes_tcp"));
        assertThrows(IllegalStateException.class, () -> NfcapdTarget.field(stats, "Flows_udp"));
    }

    @Test
    void shouldSeeAListeningSocketItsQueueAndNoDrops() throws Exception
    {
        try (DatagramChannel receiver = DatagramChannel.open();
            DatagramChannel sender = DatagramChannel.open())
        {
            receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final InetSocketAddress address = (InetSocketAddress)receiver.getLocalAddress();
            assertTrue(UdpSockets.awaitListening(address.getPort(), 1_000));
            for (int i = 0; i < 3; i++)
            {
                sender.send(ByteBuffer.wrap(new byte[100]), address);
            }
            final UdpSockets.SocketState state = UdpSockets.state(address.getPort());
            assertNotNull(state);
            assertTrue(state.rxQueueBytes() > 0, "datagrams wait in the receive queue");
            assertEquals(0, state.drops());
        }
    }

    @Test
    void shouldNotFindAPortNobodyListensOn() throws Exception
    {
        assertNull(UdpSockets.state(UdpSockets.freePort()));
    }

    @Test
    void shouldKillAProcessAndItsChildren(@TempDir final Path dir) throws Exception
    {
        final Process process = Processes.start(List.of("sh", "-c", "sleep 30 & sleep 30"), dir.resolve("log"));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.toHandle().descendants().count() < 2 && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final List<ProcessHandle> children = process.toHandle().descendants().toList();
        assertTrue(Processes.cpuSeconds(process.toHandle()) >= 0);

        Processes.kill(process.toHandle());

        assertFalse(process.isAlive());
        for (final ProcessHandle child : children)
        {
            child.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(child.isAlive());
        }
    }

    @Test
    void shouldStopOnASignalOrKill(@TempDir final Path dir) throws Exception
    {
        final Process polite = Processes.start(List.of("sleep", "30"), dir.resolve("a"));
        assertTrue(Processes.stop(polite.toHandle(), "INT", 5_000), "sleep exits on SIGINT");

        final Process stubborn = Processes.start(List.of("sh", "-c", "trap '' INT; sleep 30"), dir.resolve("b"));
        Thread.sleep(200);
        assertFalse(Processes.stop(stubborn.toHandle(), "INT", 300), "ignores SIGINT: killed");
        stubborn.waitFor(5, TimeUnit.SECONDS);
        assertFalse(stubborn.isAlive());
        assertTrue(Files.exists(dir.resolve("b")));
    }

    @Test
    void shouldReadItsOwnCpuTime()
    {
        assertTrue(Processes.cpuTicks(ProcessHandle.current().pid()) > 0);
    }
}
