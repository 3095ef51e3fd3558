package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventHandler;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.RecordKind;
import org.jet.engine.session.SessionChange;
import org.junit.jupiter.api.Test;

class RingPublisherTest
{
    private final Exporter exporter = new ExporterTable(1).lookup(0, 0x0000_ffff_7f00_0001L, 2055);
    private final FlowRecord record = new FlowRecord();

    @Test
    void shouldDropAndCountWhenTheRingIsFull() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, gate, false, Thread::new);
        ring.start();
        final RingPublisher publisher = new RingPublisher(ring.ring(), RingFullPolicy.DROP, 0, 1024);

        publishDatagram(publisher, 40);
        publishDatagram(publisher, 40);
        assertEquals(40, publisher.published(), "the first datagram fits the ring (64 slots)");
        assertEquals(40, publisher.dropped(), "a datagram that does not fit is dropped whole, and counted");

        gate.open();
        assertTrue(ring.drainAndStop(5_000));
        assertEquals(40, gate.handled.get());
    }

    @Test
    void shouldFreeSlotsWhileTheEngineWorksThroughAFullRing() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, gate, false, Thread::new);
        ring.start();
        final RingPublisher publisher = new RingPublisher(ring.ring(), RingFullPolicy.DROP, 0, 1024);

        publishDatagram(publisher, 64);
        // Batches of 8 on a 64-slot ring: once the 40th event is handled, the batch ending at the 32nd has told the
        // producers (the count moves inside a batch, the ring's sequence only at its end).
        gate.letThrough(40);
        while (gate.handled.get() < 40)
        {
            Thread.sleep(1);
        }
        publishDatagram(publisher, 16);
        assertEquals(80, publisher.published(),
            "half the ring handled and told: its slots are free though the engine has not reached the end of the backlog");
        assertEquals(0, publisher.dropped());

        gate.open();
        assertTrue(ring.drainAndStop(5_000));
        assertEquals(80, gate.handled.get());
    }

    @Test
    void shouldWaitForTheEngineWhenBlocking() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, gate, false, Thread::new);
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

    @Test
    void shouldPutSessionChangesOnTheRingAndRefuseWhenFullOrClosed() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, gate, false, Thread::new);
        ring.start();
        final SessionPublisher sessions = new SessionPublisher(ring.ring(), (login, actor) -> 1);
        final RingPublisher flows = new RingPublisher(ring.ring(), RingFullPolicy.DROP, 0, 1024);
        final SessionChange change = new SessionChange(SessionChange.Kind.START, "alice", 0, 1, 128, 0, null, "api");

        publishDatagram(flows, 60);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(sessions.accept(change));
        }
        assertFalse(sessions.accept(change), "a full ring refuses, so the source can tell its client to retry");
        gate.open();
        assertTrue(ring.drainAndStop(5_000));
        assertEquals(64, gate.handled.get());
        assertEquals(4, gate.sessions.get());
        sessions.close();
        assertFalse(sessions.accept(change), "a closed publisher refuses");
    }

    @Test
    void shouldNotPutOptionsOrCounterRecordsOnTheRing() throws Exception
    {
        final Gate gate = new Gate();
        final IngestRing ring = new IngestRing(64, gate, false, Thread::new);
        ring.start();
        final RingPublisher publisher = new RingPublisher(ring.ring(), RingFullPolicy.DROP, 0, 1024);
        publisher.begin(0);
        record.clear();
        record.kind(RecordKind.OPTIONS);
        publisher.onRecord(exporter, record);
        publisher.flush();
        gate.open();
        assertTrue(ring.drainAndStop(5_000));
        assertEquals(0, publisher.published());
        assertEquals(1, publisher.notBilled());
        assertEquals(0, gate.handled.get());
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
     * An engine that holds every event until opened, or lets a number through.
     */
    private static final class Gate implements EventHandler<FlowEvent>
    {
        final AtomicLong handled = new AtomicLong();
        final AtomicLong sessions = new AtomicLong();
        private volatile boolean open;
        private volatile long allowed;

        void open()
        {
            open = true;
        }

        void letThrough(final long events)
        {
            allowed = events;
        }

        @Override
        public void onEvent(final FlowEvent event, final long sequence, final boolean endOfBatch)
            throws InterruptedException
        {
            while (!open && handled.get() >= allowed)
            {
                Thread.sleep(1);
            }
            handled.incrementAndGet();
            if (event.type() == FlowEvent.TYPE_SESSION)
            {
                sessions.incrementAndGet();
            }
        }
    }
}
