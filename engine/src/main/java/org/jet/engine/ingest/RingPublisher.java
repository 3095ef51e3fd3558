package org.jet.engine.ingest;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;

/**
 * A reader's sink: collects the records of one datagram and publishes them onto the ring in one batch (one claim,
 * one publish), applying the {@link RingFullPolicy} when the ring has no room. Owned by one reader thread.
 */
public final class RingPublisher implements FlowSink
{
    private final RingBuffer<FlowEvent> ring;
    private final RingFullPolicy policy;
    private final int readerId;
    private final FlowRecord[] batch;
    private final int[] exporterIds;
    private int batchSize;
    private long receivedNanos;
    private long published;
    private long dropped;

    public RingPublisher(final RingBuffer<FlowEvent> ring, final RingFullPolicy policy, final int readerId,
        final int maxBatch)
    {
        this.ring = ring;
        this.policy = policy;
        this.readerId = readerId;
        final int capacity = Math.min(maxBatch, ring.getBufferSize());
        this.batch = new FlowRecord[capacity];
        this.exporterIds = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            batch[i] = new FlowRecord();
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
        batchSize = 0;
    }

    @Override
    public void onRecord(final Exporter exporter, final FlowRecord record)
    {
        if (batchSize == batch.length)
        {
            flush();
        }
        batch[batchSize].copyFrom(record);
        exporterIds[batchSize] = exporter.id();
        batchSize++;
    }

    /**
     * Publishes what the datagram produced.
     */
    public void flush()
    {
        final int n = batchSize;
        if (n == 0)
        {
            return;
        }
        batchSize = 0;
        final long hi;
        if (policy == RingFullPolicy.DROP)
        {
            try
            {
                hi = ring.tryNext(n);
            }
            catch (final InsufficientCapacityException ex)
            {
                dropped += n;
                return;
            }
        }
        else
        {
            hi = ring.next(n);
        }
        final long lo = hi - (n - 1);
        for (int i = 0; i < n; i++)
        {
            ring.get(lo + i).set(batch[i], readerId, exporterIds[i], receivedNanos);
        }
        ring.publish(lo, hi);
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
