package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventHandler;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.junit.jupiter.api.Test;

class RingPublisherTest
{
    private final Exporter exporter = new ExporterTable(1).lookup(0, 0x0000_ffff_7f00_0001L, 2055);
    private final FlowRecord record = new FlowRecord();

    @Test
    void shouldDropAndCountWhenTheRingIsFull() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, 1, gate, false, Thread::new);
        ring.start();
        final RingPublisher publisher = new RingPublisher(ring.ring(), RingFullPolicy.DROP, 0, 1024);

        publishDatagram(publisher, 40);
        publishDatagram(publisher, 40);
        assertEquals(64, publisher.published(), "the ring (64 slots) is filled");
        assertEquals(16, publisher.dropped(), "what does not fit is dropped, and counted");

        gate.open();
        assertTrue(ring.drainAndStop(5_000));
        assertEquals(64, gate.handled.get());
    }

    @Test
    void shouldWaitForTheEngineWhenBlocking() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, 1, gate, false, Thread::new);
        ring.start();
        final RingPublisher publisher = new RingPublisher(ring.ring(), RingFullPolicy.BLOCK, 0, 1024);

        final Thread reader = new Thread(() ->
        {
            for (int i = 0; i < 10; i++)
            {
                publishDatagram(publisher, 30);
            }
        });
        reader.start();
        reader.join(300);
        assertTrue(reader.isAlive(), "the reader waits while the ring is full");
        gate.open();
        reader.join(5_000);
        assertTrue(ring.drainAndStop(5_000));
        assertEquals(300, gate.handled.get());
        assertEquals(0, publisher.dropped());
        assertEquals(300, publisher.published());
    }

    private void publishDatagram(final RingPublisher publisher, final int records)
    {
        publisher.begin(System.nanoTime());
        for (int i = 0; i < records; i++)
        {
            record.clear();
            record.bytes(i);
            publisher.onRecord(exporter, record);
        }
        publisher.flush();
    }

    /**
     * An engine that holds every event until opened.
     */
    private static final class Gate implements EventHandler<FlowEvent>
    {
        final AtomicLong handled = new AtomicLong();
        private volatile boolean open;

        void open()
        {
            open = true;
        }

        @Override
        public void onEvent(final FlowEvent event, final long sequence, final boolean endOfBatch)
            throws InterruptedException
        {
            while (!open)
            {
                Thread.sleep(1);
            }
            handled.incrementAndGet();
        }
    }
}
