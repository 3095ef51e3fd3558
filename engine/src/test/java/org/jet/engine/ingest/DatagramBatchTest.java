package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.agrona.DirectBuffer;
import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * recvmmsg on real loopback sockets: each datagram whole and in order, with its sender as the JDK would give it.
 */
class DatagramBatchTest
{
    private DatagramBatch batch;

    @BeforeEach
    void open()
    {
        batch = DatagramBatch.open(2048);
        assertNotNull(batch, "recvmmsg on 64-bit Linux, with the JDK's flags the build gives the tests");
    }

    @Test
    void shouldTakeWhatIsQueuedInBatchesAndNothingFromAnEmptySocket() throws Exception
    {
        try (DatagramChannel receiver = bound(StandardProtocolFamily.INET, "127.0.0.1");
            DatagramChannel sender = DatagramChannel.open())
        {
            sender.bind(new InetSocketAddress("127.0.0.1", 0));
            final int fd = DatagramBatch.fdOf(receiver);
            assertEquals(0, batch.receive(fd), "an empty socket: no wait, nothing taken");

            final int sent = DatagramBatch.CAPACITY + 6;
            for (int n = 0; n < sent; n++)
            {
                sender.send(datagram(n, 100 + n), receiver.getLocalAddress());
            }

            int taken = 0;
            final long deadline = System.currentTimeMillis() + 5_000;
            while (taken < sent && System.currentTimeMillis() < deadline)
            {
                final int count = batch.receive(fd);
                for (int i = 0; i < count; i++, taken++)
                {
                    assertEquals(100 + taken, batch.length(i));
                    final DirectBuffer content = batch.datagram(i);
                    assertEquals(taken, content.getInt(0, java.nio.ByteOrder.BIG_ENDIAN));
                    assertEquals((byte)taken, content.getByte(batch.length(i) - 1));
                    assertEquals(0, batch.senderHi(i));
                    assertEquals(IpAddress.mappedLo(0x7f00_0001), batch.senderLo(i));
                    assertEquals(((InetSocketAddress)sender.getLocalAddress()).getPort(), batch.senderPort(i));
                }
                assertTrue(count <= DatagramBatch.CAPACITY);
            }
            assertEquals(sent, taken);
        }
    }

    @Test
    void shouldGiveIpv6SendersAndIpv4OnesOnADualStackSocket() throws Exception
    {
        try (DatagramChannel receiver = bound(StandardProtocolFamily.INET6, "::");
            DatagramChannel v6 = DatagramChannel.open(StandardProtocolFamily.INET6);
            DatagramChannel v4 = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            final int port = ((InetSocketAddress)receiver.getLocalAddress()).getPort();
            v6.send(datagram(6, 40), new InetSocketAddress("::1", port));
            v4.send(datagram(4, 50), new InetSocketAddress("127.0.0.1", port));

            assertEquals(2, receiveAtLeast(DatagramBatch.fdOf(receiver), 2));

            final byte[] loopback6 = InetAddress.getByName("::1").getAddress();
            assertEquals(IpAddress.hiOf(loopback6), batch.senderHi(0));
            assertEquals(IpAddress.loOf(loopback6), batch.senderLo(0));
            assertEquals(((InetSocketAddress)v6.getLocalAddress()).getPort(), batch.senderPort(0));
            assertEquals(40, batch.length(0));
            // The kernel gives ::ffff:127.0.0.1; Jet holds IPv4 in that same mapped form.
            assertEquals(0, batch.senderHi(1));
            assertEquals(IpAddress.mappedLo(0x7f00_0001), batch.senderLo(1));
            assertEquals(((InetSocketAddress)v4.getLocalAddress()).getPort(), batch.senderPort(1));
            assertEquals(50, batch.length(1));
        }
    }

    @Test
    void shouldCutADatagramLongerThanTheLargestAsked() throws Exception
    {
        try (DatagramChannel receiver = bound(StandardProtocolFamily.INET, "127.0.0.1");
            DatagramChannel sender = DatagramChannel.open())
        {
            sender.send(datagram(1, 3000), receiver.getLocalAddress());

            assertEquals(1, receiveAtLeast(DatagramBatch.fdOf(receiver), 1));

            assertEquals(2048, batch.length(0), "as the JDK's receive into a 2048-byte buffer");
        }
    }

    @Test
    void shouldFailWithTheErrnoOnAClosedDescriptor() throws Exception
    {
        final DatagramChannel receiver = bound(StandardProtocolFamily.INET, "127.0.0.1");
        final int fd = DatagramBatch.fdOf(receiver);
        receiver.close();

        final IOException failure = assertThrows(IOException.class, () -> batch.receive(fd));

        assertEquals("recvmmsg failed, errno 9", failure.getMessage(), "EBADF");
    }

    private static DatagramChannel bound(final StandardProtocolFamily family, final String address) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(family);
        channel.bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
        return channel;
    }

    /** A datagram of {@code length} bytes: its number first, its number's low byte last. */
    private static ByteBuffer datagram(final int number, final int length)
    {
        final ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(number);
        out.put(length - 1, (byte)number);
        return out.clear();
    }

    /**
     * Loopback usually queues a datagram before its send returns, but need not: takes until a call brings at least
     * {@code datagrams}, or five seconds pass.
     */
    private int receiveAtLeast(final int fd, final int datagrams) throws Exception
    {
        final long deadline = System.currentTimeMillis() + 5_000;
        int count = 0;
        while (count < datagrams && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
            count = batch.receive(fd);
        }
        return count;
    }
}
