package org.jet.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own count of datagrams it dropped for a full receive buffer, as Jet reads it from /proc: a socket
 * that never reads, flooded, must show drops; another port must not.
 */
class SocketDropsTest
{
    @Test
    void shouldReadTheKernelsDropsForTheGivenPortsOnly() throws Exception
    {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "no /proc/net/udp here");
        try (DatagramSocket full = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            full.setReceiveBufferSize(4096); // the kernel rounds up, but a few KB fill at once
            final int port = full.getLocalPort();
            final byte[] datagram = new byte[1400];
            for (int i = 0; i < 500; i++)
            {
                sender.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
            }
            final long drops = SocketDrops.read(Set.of(port));
            assertTrue(drops > 0 && drops < 500, "drops " + drops);
            assertEquals(0, SocketDrops.read(Set.of(sender.getLocalPort())), "the sender's socket dropped nothing");
        }
    }
}
