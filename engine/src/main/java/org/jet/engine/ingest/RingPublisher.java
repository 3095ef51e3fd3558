package org.jet.engine.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.RecordKind;

/**
 * A reader's sink: stages the billing facts of a datagram's flow records in a small reader-local batch, then claims
 * ring slots for the whole batch at once and publishes them together, applying the {@link RingFullPolicy} when the
 * ring has no room. Owned by one reader thread.
 *
 * <p>Staging costs a copy into memory the reader just touched, and saves a claim per record: with several
 * producers (readers and session sources) every claim is a compare-and-set on the ring's cursor.
 *
 * <p>Options records and counter samples are not billed and do not go on the ring; they are counted.
 */
public final class RingPublisher implements FlowSink
{
    private final RingBuffer<FlowEvent> ring;
    private final RingFullPolicy policy;
    private final int readerId;
    private final FlowEvent[] staged;
    private int stagedCount;
    private long receivedNanos;
    private long published;
    private long dropped;
    private long notBilled;
    // What touchAhead read: kept so the JIT cannot drop those loads.
    private long touchSink;

    /**
     * @param maxBatch records staged per datagram before they are published anyway.
     */
    public RingPublisher(final RingBuffer<FlowEvent> ring, final RingFullPolicy policy, final int readerId,
        final int maxBatch)
    {
        this.ring = ring;
        this.policy = policy;
        this.readerId = readerId;
        this.staged = new FlowEvent[Math.min(maxBatch, ring.getBufferSize())];
        for (int i = 0; i < staged.length; i++)
        {
            staged[i] = new FlowEvent();
        }
    }

    /**
     * Starts the batch of one datagram.
     *
     * @param receivedNanos when the datagram left the socket.
     */
    public void begin(final long receivedNanos)
    {
        this.receivedNanos = receivedNanos;
        stagedCount = 0;
    }

    @Override
    public void onRecord(final Exporter exporter, final FlowRecord record)
    {
        if (record.kind() != RecordKind.FLOW)
        {
            notBilled++;
            return;
        }
        if (stagedCount == staged.length)
        {
            flush();
        }
        staged[stagedCount++].setFlow(record, readerId, exporter.id(), receivedNanos);
    }

    /**
     * Publishes what the datagram produced.
     */
    public void flush()
    {
        final int n = stagedCount;
        if (n == 0)
        {
            return;
        }
        stagedCount = 0;
        final long last;
        if (policy == RingFullPolicy.DROP)
        {
            try
            {
                last = ring.tryNext(n);
            }
            catch (final InsufficientCapacityException ex)
            {
                dropped += n;
                return;
            }
        }
        else
        {
            last = ring.next(n);
        }
        final long first = last - n + 1;
        for (int i = 0; i < n; i++)
        {
            ring.get(first + i).copyFrom(staged[i]);
        }
        ring.publish(first, last);
        published += n;
        touchAhead(last + 1, n);
    }

    /**
     * Reads the slots the next datagram's records will most likely take, all at once: the ring is larger than the
     * caches, so every slot written is a miss, and loads asked for together overlap, where the copies' stores would
     * each wait for their line in turn. In a 2.1M records/s step this took the reader's samples from 15,048 to
     * 13,579 for the same records (bench/README.md, session 14).
     */
    private void touchAhead(final long next, final int n)
    {
        long sink = 0;
        for (int i = 0; i < n; i++)
        {
            sink += ring.get(next + i).touchHead();
        }
        touchSink += sink;
    }

    /** @return records put on the ring by this reader. */
    public long published()
    {
        return published;
    }

    /** @return records dropped because the ring was full ({@link RingFullPolicy#DROP}). */
    public long dropped()
    {
        return dropped;
    }

    /** @return options records and counter samples, decoded but not billed, so not put on the ring. */
    public long notBilled()
    {
        return notBilled;
    }
}
