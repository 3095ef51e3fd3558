package org.jet.collector.decode;

import org.agrona.collections.Long2LongHashMap;

/**
 * Expected next 32-bit sequence number per stream, to tell how many units (flows, samples) were lost between the
 * exporter and the collector.
 *
 * <p>A number ahead of the expected one by less than 2^31 is a gap. One behind it is a late (reordered) or
 * repeated datagram when within {@link #REORDER_WINDOW}, and leaves the expectation alone so the gap it filled is
 * not reported twice; further behind is a restart of the exporter and starts the stream afresh. Memory is bounded:
 * when more streams than the capacity appear, tracking starts over (a few gaps may go unseen, nothing grows).
 *
 * <p>Shared by the decoders: the caller chooses the stream key (e.g. exporter id with engine or source id) and the
 * increment (flows per datagram for NetFlow v5, 1 per sample for sFlow). Not thread safe: one per decoder.
 */
public final class SequenceTracker
{
    /** Units a reordered datagram may lag behind before it is taken for an exporter restart. */
    public static final long REORDER_WINDOW = 4096;

    private static final long MISSING = -1;
    private static final long MASK = 0xffff_ffffL;
    private static final long HALF = 0x8000_0000L;

    private final int capacity;
    private final Long2LongHashMap expected;

    /**
     * @param capacity the most streams tracked at once, at least 1.
     */
    public SequenceTracker(final int capacity)
    {
        if (capacity < 1 || capacity > (1 << 28))
        {
            throw new IllegalArgumentException("capacity out of range: " + capacity);
        }
        this.capacity = capacity;
        // Sized so that the map never resizes below the capacity: no allocation after construction.
        this.expected = new Long2LongHashMap(capacity * 2, 0.65f, MISSING);
    }

    /**
     * @param stream    key of the stream.
     * @param sequence  sequence number of the unit(s) that just arrived (32-bit unsigned).
     * @param increment how many units they are (the expected next number is {@code sequence + increment}).
     * @return how many units are missing before this one; 0 when none (or unknown).
     */
    public long onSequence(final long stream, final long sequence, final long increment)
    {
        final long next = (sequence + increment) & MASK;
        final long previous = expected.get(stream);
        if (previous == MISSING)
        {
            if (expected.size() >= capacity)
            {
                expected.clear();
            }
            expected.put(stream, next);
            return 0;
        }

        final long ahead = (sequence - previous) & MASK;
        if (ahead < HALF)
        {
            expected.put(stream, next);
            return ahead;
        }
        if (HALF + HALF - ahead > REORDER_WINDOW)
        {
            expected.put(stream, next);
        }
        return 0;
    }

    /**
     * @return how many streams are tracked now.
     */
    public int size()
    {
        return expected.size();
    }
}
