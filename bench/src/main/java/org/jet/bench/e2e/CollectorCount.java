package org.jet.bench.e2e;

/**
 * What a collector says it received: flow records, and the sums of their packet and byte counters (-1: unknown).
 */
public final class CollectorCount
{
    private final long records;
    private final long packets;
    private final long bytes;

    public CollectorCount(final long records, final long packets, final long bytes)
    {
        this.records = records;
        this.packets = packets;
        this.bytes = bytes;
    }

    public long records()
    {
        return records;
    }

    public long packets()
    {
        return packets;
    }

    public long bytes()
    {
        return bytes;
    }
}
