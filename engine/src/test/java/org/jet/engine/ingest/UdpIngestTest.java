package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandler;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.ExporterTable;
import org.jet.engine.config.Cidr;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.os.SchedulingPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on loopback: what a reader takes from them reaches the ring, nothing is allocated per datagram, and
 * closing ends the readers' threads. Here datagrams are taken many per call (recvmmsg);
 * {@link UdpIngestOneByOneTest} runs the same through the JDK, one per call.
 */
class UdpIngestTest
{
    private static final int RECORDS_PER_DATAGRAM = 30;

    private final AtomicLong consumed = new AtomicLong();
    private final List<Thread> readerThreads = new ArrayList<>();
    private final List<FlowReader> readers = new ArrayList<>();
    private IngestRing ring;
    private FlowReader reader;
    private UdpIngest ingest;
    private DatagramChannel exporter;
    private InetSocketAddress target;
    private int sequence;

    @BeforeEach
    void start() throws Exception
    {
        final EventHandler<FlowEvent> counting = (event, sequence, endOfBatch) -> consumed.incrementAndGet();
        ring = new IngestRing(1 << 14, counting, false, Thread::new);
        ring.start();
        startReaders(1);
        reader = readers.get(0);
        exporter = DatagramChannel.open();
        exporter.connect(target);
    }

    private void startReaders(final int count) throws Exception
    {
        if (ingest != null)
        {
            ingest.close();
            readers.clear();
            readerThreads.clear();
        }
        for (int r = 0; r < count; r++)
        {
            readers.add(new FlowReader(r, new DatagramDecoder(new DecoderConfig(), DecodeListener.NONE),
                new ExporterTable(16), new AllowList(List.of(Cidr.parse("127.0.0.0/8"))),
                new RingPublisher(ring.ring(), RingFullPolicy.BLOCK, r, 1024)));
        }
        ingest = UdpIngest.start(new JetConfig.Receive(count, 1 << 20, 65_535, batched(), null, realtimePriority()),
            List.of(HostPort.parse("127.0.0.1:0")), readers, runnable ->
            {
                final Thread thread = new Thread(runnable, "test-reader-" + readerThreads.size());
                readerThreads.add(thread);
                return thread;
            });
        target = ingest.bound().get(0).local();
    }

    /** @return whether the readers are asked to take many datagrams per system call. */
    boolean batched()
    {
        return true;
    }

    /** @return the readers' real-time priority asked for: null, the default (1). */
    Integer realtimePriority()
    {
        return null;
    }

    @AfterEach
    void stop() throws Exception
    {
        exporter.close();
        ingest.close();
        ring.drainAndStop(5_000);
    }

    @Test
    void shouldPublishWhatTheSocketReceives() throws Exception
    {
        sendAndAwait(10);

        assertEquals(batched(), ingest.batched(), "the way asked for, here on 64-bit Linux with the JDK's flags");
        assertEquals(10, reader.datagrams());
        assertEquals(10L * RECORDS_PER_DATAGRAM, reader.publisher().published());
        awaitAtLeast(10L * RECORDS_PER_DATAGRAM, consumed::get);
        assertEquals(0, reader.notAllowed());
        assertEquals(0, reader.decoderFailures());
    }

    @Test
    void shouldTakeADatagramThatComesAloneAfterAStream() throws Exception
    {
        // A reader that has drained a stream waits on its selector, which must wake it for a single datagram.
        sendAndAwait(2_000);
        for (int alone = 1; alone <= 3; alone++)
        {
            Thread.sleep(20);
            sendAndAwait(1);
            assertEquals(2_000 + alone, reader.datagrams());
        }
    }

    @Test
    void shouldNotAllocatePerDatagram() throws Exception
    {
        // Compiled code first: the interpreter and C1 allocate where C2's escape analysis does not.
        sendAndAwait(30_000);
        final long readerThread = readerThreads.get(0).getId();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getThreadAllocatedBytes(readerThread);

        final int datagrams = 20_000;
        sendAndAwait(datagrams);

        final double perDatagram = (threads.getThreadAllocatedBytes(readerThread) - before) / (double)datagrams;
        // Netty's datagram path allocated about 200 bytes per datagram; once-a-second housekeeping adds a little.
        assertTrue(perDatagram < 4, "reader allocated " + perDatagram + " bytes per datagram");
    }

    @Test
    void shouldRunTheReaderAtRealTimePriorityWherePermitted() throws Exception
    {
        sendAndAwait(1);
        final boolean permitted = SchedulingPolicy.realtimePermitted();

        final boolean asked = realtimePriority() == null || realtimePriority() > 0;
        assertEquals(asked && permitted ? SchedulingPolicy.FIFO : SchedulingPolicy.OTHER,
            SchedulingPolicy.of("test-reader-0"), "real-time " + (asked ? "asked for, " : "not asked for, ") +
            (permitted ? "permitted here" : "not permitted here"));
    }

    @Test
    void shouldEndTheReadersWhenClosed() throws Exception
    {
        sendAndAwait(1);

        ingest.close();

        assertFalse(readerThreads.get(0).isAlive());
        try (DatagramChannel again = DatagramChannel.open())
        {
            again.bind(target);
            assertEquals(target, again.getLocalAddress(), "the port is free again");
        }
    }

    @Test
    void shouldKeepEachExporterOnOneReaderWhenSeveralShareThePort() throws Exception
    {
        startReaders(2);
        final List<DatagramChannel> exporters = new ArrayList<>();
        for (int e = 0; e < 16; e++)
        {
            final DatagramChannel channel = DatagramChannel.open();
            channel.connect(target);
            exporters.add(channel);
        }
        final ByteBuffer datagram = ByteBuffer.allocateDirect(24 + 48 * RECORDS_PER_DATAGRAM);
        for (int round = 0; round < 5; round++)
        {
            for (final DatagramChannel channel : exporters)
            {
                channel.write(netflow5(datagram));
            }
        }
        final LongSupplier datagrams = () -> readers.get(0).datagrams() + readers.get(1).datagrams();
        awaitAtLeast(5L * exporters.size(), datagrams);

        // SO_REUSEPORT steers by source address and port: each exporter reached one reader, all five datagrams.
        final List<Integer> ports = new ArrayList<>();
        for (final FlowReader each : readers)
        {
            each.exporters().exporters().forEach(known ->
            {
                ports.add(known.port());
                assertEquals(5, known.counters().datagrams(), known + " on reader " + each.id());
            });
        }
        assertEquals(exporters.size(), ports.size(), "every exporter known to exactly one reader: " + ports);
        assertEquals(exporters.size(), ports.stream().distinct().count());
        for (final DatagramChannel channel : exporters)
        {
            channel.close();
        }
    }

    /**
     * Sends in bursts the reader can take without the kernel dropping any, then waits until it has published them
     * all.
     */
    private void sendAndAwait(final int datagrams) throws Exception
    {
        final LongSupplier published = reader.publisher()::published;
        final long before = published.getAsLong();
        final ByteBuffer datagram = ByteBuffer.allocateDirect(24 + 48 * RECORDS_PER_DATAGRAM);
        for (int sent = 1; sent <= datagrams; sent++)
        {
            exporter.write(netflow5(datagram));
            if (sent % 200 == 0)
            {
                awaitAtLeast(before + (long)sent * RECORDS_PER_DATAGRAM, published);
            }
        }
        awaitAtLeast(before + (long)datagrams * RECORDS_PER_DATAGRAM, published);
    }

    private ByteBuffer netflow5(final ByteBuffer out)
    {
        out.clear();
        final long now = System.currentTimeMillis();
        out.putShort((short)5).putShort((short)RECORDS_PER_DATAGRAM).putInt(100_000).putInt((int)(now / 1000))
            .putInt(0).putInt(sequence).putInt(0);
        for (int i = 0; i < RECORDS_PER_DATAGRAM; i++)
        {
            out.putInt(0xc612_0001).putInt(0x0a00_0001 + i).putInt(0).putShort((short)1).putShort((short)2)
                .putInt(10).putInt(1500).putInt(90_000).putInt(99_000)
                .putShort((short)443).putShort((short)(40_000 + i)).put((byte)0).put((byte)0x18).put((byte)6)
                .put((byte)0).putShort((short)0).putShort((short)0).put((byte)0).put((byte)0).putShort((short)0);
        }
        sequence += RECORDS_PER_DATAGRAM;
        return out.flip();
    }

    private static void awaitAtLeast(final long expected, final LongSupplier actual) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (actual.getAsLong() < expected && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(expected, Math.min(expected, actual.getAsLong()), "timed out waiting");
    }
}
