package org.jet.collector.decode;

import java.util.Arrays;

import org.agrona.BitUtil;
import org.agrona.collections.Hashing;

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
    private final int slotMask;
    // Open addressing with linear probing: one probe finds the stream and updates it in place. At most half the
    // slots are used, so a probe always meets a free slot. A free slot holds MISSING (expectations are 32-bit).
    private final long[] streams;
    private final long[] expected;
    private int size;

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
        final int slots = BitUtil.findNextPositivePowerOfTwo(capacity * 2);
        this.slotMask = slots - 1;
        this.streams = new long[slots];
        this.expected = new long[slots];
        Arrays.fill(expected, MISSING);
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
        int slot = Hashing.hash(stream, slotMask);
        long previous;
        while ((previous = expected[slot]) != MISSING)
        {
            if (streams[slot] == stream)
            {
                final long ahead = (sequence - previous) & MASK;
                if (ahead < HALF)
                {
                    expected[slot] = next;
                    return ahead;
                }
                if (HALF + HALF - ahead > REORDER_WINDOW)
                {
                    expected[slot] = next;
                }
                return 0;
            }
            slot = (slot + 1) & slotMask;
        }

        if (size >= capacity)
        {
            clear();
            slot = Hashing.hash(stream, slotMask);
        }
        streams[slot] = stream;
        expected[slot] = next;
        size++;
        return 0;
    }

    /**
     * @return how many streams are tracked now.
     */
    public int size()
    {
        return size;
    }

    private void clear()
    {
        Arrays.fill(expected, MISSING);
        size = 0;
    }
}
