package org.jet.engine.ingest;

import org.jet.collector.record.FlowRecord;

/**
 * A slot of the ingest ring: a decoded record plus where and when it was received. Pre-allocated once per slot
 * and overwritten in place, so the ring carries records without allocating.
 */
public final class FlowEvent
{
    private final FlowRecord record = new FlowRecord();
    private int exporterId;
    private int readerId;
    private long receivedNanos;

    public FlowRecord record()
    {
        return record;
    }

    /** @return {@link org.jet.collector.exporter.Exporter#id()} within the reader's exporter table. */
    public int exporterId()
    {
        return exporterId;
    }

    /** @return which reader decoded the record (exporter ids are per reader). */
    public int readerId()
    {
        return readerId;
    }

    /** @return {@link System#nanoTime()} when the datagram was taken from the socket. */
    public long receivedNanos()
    {
        return receivedNanos;
    }

    void set(final FlowRecord source, final int readerId, final int exporterId, final long receivedNanos)
    {
        record.copyFrom(source);
        this.readerId = readerId;
        this.exporterId = exporterId;
        this.receivedNanos = receivedNanos;
    }
}
