package org.jet.engine.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;

/**
 * A reader's sink: copies each decoded record straight into a claimed ring slot and publishes the records of one
 * datagram together when the datagram is done, applying the {@link RingFullPolicy} when the ring has no room.
 * Owned by one reader thread.
 *
 * <p>Slots are claimed one at a time (with several readers they need not be contiguous) and remembered, so a
 * record is copied once, decoder to slot; the engine sees a datagram's records when {@link #flush()} publishes
 * them.
 */
public final class RingPublisher implements FlowSink
{
    private final RingBuffer<FlowEvent> ring;
    private final RingFullPolicy policy;
    private final int readerId;
    private final long[] claimed;
    private int claimedCount;
    private long receivedNanos;
    private long published;
    private long dropped;

    /**
     * @param maxBatch records held back per datagram before they are published anyway.
     */
    public RingPublisher(final RingBuffer<FlowEvent> ring, final RingFullPolicy policy, final int readerId,
        final int maxBatch)
    {
        this.ring = ring;
        this.policy = policy;
        this.readerId = readerId;
        this.claimed = new long[Math.min(maxBatch, ring.getBufferSize())];
    }

    /**
     * Starts the batch of one datagram.
     *
     * @param receivedNanos when the datagram left the socket.
     */
    public void begin(final long receivedNanos)
    {
        this.receivedNanos = receivedNanos;
        claimedCount = 0;
    }

    @Override
    public void onRecord(final Exporter exporter, final FlowRecord record)
    {
        if (claimedCount == claimed.length)
        {
            flush();
        }
        final long sequence;
        if (policy == RingFullPolicy.DROP)
        {
            try
            {
                sequence = ring.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                dropped++;
                return;
            }
        }
        else
        {
            sequence = ring.next();
        }
        ring.get(sequence).set(record, readerId, exporter.id(), receivedNanos);
        claimed[claimedCount++] = sequence;
    }

    /**
     * Publishes what the datagram produced.
     */
    public void flush()
    {
        final int n = claimedCount;
        if (n == 0)
        {
            return;
        }
        claimedCount = 0;
        final long first = claimed[0];
        if (claimed[n - 1] - first == n - 1)
        {
            ring.publish(first, claimed[n - 1]);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                ring.publish(claimed[i]);
            }
        }
        published += n;
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
}
