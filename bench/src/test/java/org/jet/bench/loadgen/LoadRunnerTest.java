package org.jet.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.bench.gen.SyntheticDatagrams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadRunnerTest
{
    private DatagramChannel receiver;
    private Receiver received;
    private Thread receiverThread;

    @BeforeEach
    void setUp() throws IOException
    {
        receiver = DatagramChannel.open();
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void tearDown() throws Exception
    {
        receiver.close();
        if (receiverThread != null)
        {
            receiverThread.join(5_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"netflow5", "netflow9", "ipfix", "sflow"})
    void shouldReportExactlyWhatTheReceiverGot(final String protocol) throws Exception
    {
        final LoadSettings settings = settings(protocol).recordLimit(20_000).recordsPerSecond(200_000).exporters(2)
            .recordsPerDatagram(7).conclude();
        final LoadReport report = run(settings, protocol);
        final ExporterTotals total = report.total();

        assertEquals(20_000, total.records());
        assertEquals(0, total.sendErrors());
        assertEquals(total.datagrams() + total.templateDatagrams(), received.datagrams, "datagrams");
        assertEquals(total.octets() + total.templateOctets(), received.octets, "UDP payload bytes");
        assertEquals(total.records(), received.read.records, "records");
        assertEquals(total.flowBytes(), received.read.bytes, "flow bytes");
        assertEquals(total.flowPackets(), received.read.packets, "flow packets");
        assertEquals(total.templateDatagrams(), received.read.templates, "templates");
        final boolean templates = "netflow9".equals(protocol) || "ipfix".equals(protocol);
        assertEquals(templates ? 2 : 0, total.templateDatagrams(), "one template datagram per exporter");
        assertEquals(2, received.sources.size(), "two exporters, two source ports");
        assertEquals(2_858, total.datagrams(), "20,000 records in datagrams of 7: the last one carries 1");
    }

    @Test
    void shouldSendTheRecordLimitWithoutRunningFarAboveTheRate() throws Exception
    {
        final LoadSettings settings = settings("netflow9").recordLimit(30_000).recordsPerSecond(100_000).conclude();
        final LoadReport report = run(settings, "netflow9");

        assertEquals(30_000, report.total().records());
        assertEquals(30_000, received.read.records);
        // Paced: 30,000 records at 100,000/s cannot take much less than 0.3 s. Loose bound so a busy machine never
        // flakes it; a broken pacer sends the lot in a few milliseconds.
        assertTrue(report.recordsPerSecond() < 200_000, "achieved " + report.recordsPerSecond());
        assertTrue(report.elapsedNs() >= TimeUnit.MILLISECONDS.toNanos(150), "elapsed " + report.elapsedNs());
    }

    @Test
    void shouldRunTheExportedClockAheadWhenAsked() throws Exception
    {
        final long aheadMs = 2 * 3_600_000L;
        final LoadSettings settings = settings("netflow5").recordLimit(30).recordsPerSecond(100_000)
            .clockAheadMs(aheadMs).conclude();
        final long beforeS = (System.currentTimeMillis() + aheadMs) / 1000;
        try (LoadRunner runner = new LoadRunner(settings))
        {
            runner.run();
        }
        final long afterS = (System.currentTimeMillis() + aheadMs) / 1000;
        final ByteBuffer datagram = ByteBuffer.allocate(2048);
        receiver.receive(datagram);
        final long unixSeconds = datagram.getInt(8) & 0xffff_ffffL; // NetFlow v5 header: unix_secs
        assertTrue(unixSeconds >= beforeS && unixSeconds <= afterS,
            unixSeconds + " not within [" + beforeS + ", " + afterS + "]");
    }

    @Test
    void shouldRefuseAClockAheadByMoreThanADay()
    {
        final IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> settings("netflow5").recordLimit(30).clockAheadMs(86_400_001L).conclude());
        assertTrue(refused.getMessage().contains("24 hours"), refused.getMessage());
    }

    @Test
    void shouldSendFromOneLoopbackAddressPerExporter() throws Exception
    {
        final LoadSettings settings = settings("ipfix").recordLimit(3_000).recordsPerSecond(100_000).exporters(3)
            .exporterAddresses(true).conclude();
        final LoadReport report = run(settings, "ipfix");

        final Set<String> expected = new HashSet<>();
        for (final ExporterTotals exporter : report.exporters())
        {
            expected.add(exporter.source());
        }
        assertEquals(expected, received.sources);
        assertTrue(expected.iterator().next().startsWith("127.0.0."), expected.toString());
        assertEquals(3_000, received.read.records);
    }

    @Test
    void shouldCountSendsToAClosedPortAsErrors() throws Exception
    {
        final int port = ((InetSocketAddress)receiver.getLocalAddress()).getPort();
        receiver.close();
        final LoadSettings settings = new LoadSettings()
            .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .protocol(Protocol.NETFLOW5)
            .durationNs(TimeUnit.MILLISECONDS.toNanos(100))
            .recordsPerSecond(30_000)
            .conclude();
        final LoadReport report;
        try (LoadRunner runner = new LoadRunner(settings))
        {
            report = runner.run();
        }
        // The kernel refuses every other send on a connected socket (the ICMP error of the one before).
        assertTrue(report.total().sendErrors() > 0, report.table());
        assertTrue(report.json().contains("\"sendErrors\":" + report.total().sendErrors()), report.json());
    }

    private LoadSettings settings(final String protocol) throws IOException
    {
        return new LoadSettings()
            .target((InetSocketAddress)receiver.getLocalAddress())
            .protocol(Protocol.parse(protocol))
            .internalHosts(50)
            .externalHosts(500);
    }

    private LoadReport run(final LoadSettings settings, final String protocol) throws Exception
    {
        received = new Receiver(receiver, protocol);
        receiverThread = new Thread(received, "test-receiver");
        receiverThread.start();
        final LoadReport report;
        try (LoadRunner runner = new LoadRunner(settings))
        {
            report = runner.run();
        }
        final long expected = report.total().datagrams() + report.total().templateDatagrams();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.datagrams() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        received.stop();
        receiverThread.join(5_000);
        return report;
    }

    /** Receives datagrams and reads them with {@link SyntheticDatagrams} until stopped. */
    private static final class Receiver implements Runnable
    {
        private final DatagramChannel channel;
        private final String protocol;
        private final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(65_536);
        private final UnsafeBuffer buffer = new UnsafeBuffer(byteBuffer);
        final SyntheticDatagrams read = new SyntheticDatagrams();
        final Set<String> sources = new HashSet<>();
        volatile long datagrams;
        long octets;
        private volatile boolean running = true;

        Receiver(final DatagramChannel channel, final String protocol)
        {
            this.channel = channel;
            this.protocol = protocol;
        }

        long datagrams()
        {
            return datagrams;
        }

        void stop()
        {
            running = false;
        }

        @Override
        public void run()
        {
            try
            {
                channel.configureBlocking(false);
                while (running)
                {
                    byteBuffer.clear();
                    final InetSocketAddress from = (InetSocketAddress)channel.receive(byteBuffer);
                    if (from == null)
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    sources.add(from.getAddress().getHostAddress() + ":" + from.getPort());
                    read.add(protocol, buffer, byteBuffer.position());
                    octets += byteBuffer.position();
                    datagrams++;
                }
            }
            catch (final SocketTimeoutException ignore)
            {
                // not used: non-blocking
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }
}
