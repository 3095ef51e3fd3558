package org.jet.engine.accounting;

import java.util.Arrays;

/**
 * Usage added up by row: a subject (an IP address, a user, a cost centre), an hour and a traffic class, each with
 * bytes and packets in and out. The engine adds to it for every flow; every tick the rows are read and the table
 * cleared.
 *
 * <p>Two primitive arrays, nothing allocated per add: the rows, one 64-byte line each, side by side in the order
 * they were first added; and an open-addressing index of them, eight bytes a slot (a row's number and 32 more bits
 * of its key's hash, so a probe passes other keys without reading their rows). Most rows of a tick are new (a
 * million addresses, uniformly random), and a new row is written at the end of the rows, a line the CPU already
 * has: what misses the cache is the index, a sixth of the rows' size (it is in cache for the tens of thousands of
 * rows of a busy tick). Reading and clearing cost the rows held, not the capacity. Both arrays double as they fill;
 * that allocates, but only while the population grows.
 *
 * <p>A row key is the subject (two longs: an address as Jet holds it, or an id in the low long) and a packed
 * {@link #meta(int, long, int) meta} long of subject kind, hour and class.
 */
public final class UsageRows
{
    /** Subject kinds. */
    public static final int IP = 1;
    public static final int USER = 2;
    public static final int COST_CENTRE = 3;

    private static final float LOAD = 0.5f;
    private static final long ROW_MASK = 0xffff_ffffL;

    // One row is eight longs, one cache line: the first row begins PAD longs in, on the array's second line, so that
    // rows sit on lines where the array starts on one (as large arrays do: G1 starts them on a region).
    private static final int STRIDE = 8;
    private static final int PAD = 6; // a long[]'s elements begin 16 bytes after its start (HotSpot's header)
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int META = 2;
    private static final int BYTES_IN = 3;
    private static final int BYTES_OUT = 4;
    private static final int PACKETS_IN = 5;
    private static final int PACKETS_OUT = 6;

    /** Per slot: 0 when free, else the key hash's high 32 bits and the row's number + 1. */
    private long[] index;
    private long[] rows;
    private int size;
    private int mask;

    public UsageRows(final int expectedRows)
    {
        final int capacity = capacityFor(expectedRows);
        index = new long[capacity];
        mask = capacity - 1;
        rows = new long[rowsLength(capacity)];
    }

    /**
     * @return the packed kind, hour and class of a row key.
     */
    public static long meta(final int kind, final long hour, final int trafficClass)
    {
        return ((long)kind << 56) | ((hour & 0xff_ffff_ffffL) << 16) | (trafficClass & 0xffff);
    }

    public static int kindOf(final long meta)
    {
        return (int)(meta >>> 56);
    }

    /** @return hours since the epoch. */
    public static long hourOf(final long meta)
    {
        return (meta >>> 16) & 0xff_ffff_ffffL;
    }

    public static int classOf(final long meta)
    {
        return (int)(meta & 0xffff);
    }

    /**
     * Adds to a row, creating it when new. Counters are unsigned 64-bit; plain addition wraps as they do.
     */
    public void add(final long hi, final long lo, final long meta,
        final long inBytes, final long outBytes, final long inPackets, final long outPackets)
    {
        final long[] index = this.index;
        final long[] rows = this.rows;
        final long hash = hash(hi, lo, meta);
        final long tag = hash & ~ROW_MASK;
        int slot = (int)hash & mask;
        while (true)
        {
            final long entry = index[slot];
            if (entry == 0)
            {
                // The rows have room for as many as the index holds before it grows.
                final int row = size++;
                final int r = PAD + row * STRIDE;
                rows[r + HI] = hi;
                rows[r + LO] = lo;
                rows[r + META] = meta;
                rows[r + BYTES_IN] = inBytes;
                rows[r + BYTES_OUT] = outBytes;
                rows[r + PACKETS_IN] = inPackets;
                rows[r + PACKETS_OUT] = outPackets;
                index[slot] = tag | (row + 1);
                if (size > (mask + 1) * LOAD)
                {
                    grow();
                }
                return;
            }
            if ((entry & ~ROW_MASK) == tag)
            {
                final int r = PAD + (int)((entry & ROW_MASK) - 1) * STRIDE;
                if (rows[r + META] == meta && rows[r + LO] == lo && rows[r + HI] == hi)
                {
                    rows[r + BYTES_IN] += inBytes;
                    rows[r + BYTES_OUT] += outBytes;
                    rows[r + PACKETS_IN] += inPackets;
                    rows[r + PACKETS_OUT] += outPackets;
                    return;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Reads the key's slot of the index, so that an {@link #add} soon after finds it in cache: asked for several
     * keys in a row, their cache misses overlap.
     *
     * @return a value of no meaning, to be kept (summed into a field) so the read is not optimised away.
     */
    public long touch(final long hi, final long lo, final long meta)
    {
        return index[(int)hash(hi, lo, meta) & mask];
    }

    /** @return rows held. */
    public int size()
    {
        return size;
    }

    /**
     * Visits every row, in the order they were first added.
     */
    public void forEach(final RowVisitor visitor)
    {
        final long[] rows = this.rows;
        for (int n = 0, r = PAD; n < size; n++, r += STRIDE)
        {
            visitor.row(rows[r + HI], rows[r + LO], rows[r + META], rows[r + BYTES_IN], rows[r + BYTES_OUT],
                rows[r + PACKETS_IN], rows[r + PACKETS_OUT]);
        }
    }

    /** Forgets every row, in time proportional to the rows held. */
    public void clear()
    {
        if (size >= (mask + 1) / 64)
        {
            // Dense enough that wiping the whole index costs less than finding each row's slot.
            Arrays.fill(index, 0);
        }
        else
        {
            for (int n = 0, r = PAD; n < size; n++, r += STRIDE)
            {
                index[slotOf(n, rows[r + HI], rows[r + LO], rows[r + META])] = 0;
            }
        }
        size = 0;
    }

    /** Receives rows with primitive arguments, so visiting allocates nothing. */
    @FunctionalInterface
    public interface RowVisitor
    {
        void row(long hi, long lo, long meta, long bytesIn, long bytesOut, long packetsIn, long packetsOut);
    }

    /** @return the index slot holding a row. */
    private int slotOf(final int row, final long hi, final long lo, final long meta)
    {
        int slot = (int)hash(hi, lo, meta) & mask;
        while ((index[slot] & ROW_MASK) != row + 1)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long hash(final long hi, final long lo, final long meta)
    {
        long h = (hi * 0x9E37_79B9_7F4A_7C15L) ^ lo ^ (meta * 0xBF58_476D_1CE4_E5B9L);
        h ^= h >>> 31;
        h *= 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 29);
    }

    private void grow()
    {
        final int capacity = (mask + 1) * 2;
        final long[] index = new long[capacity];
        final long[] rows = Arrays.copyOf(this.rows, rowsLength(capacity));
        final int mask = capacity - 1;
        for (int n = 0, r = PAD; n < size; n++, r += STRIDE)
        {
            final long hash = hash(rows[r + HI], rows[r + LO], rows[r + META]);
            int slot = (int)hash & mask;
            while (index[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            index[slot] = (hash & ~ROW_MASK) | (n + 1);
        }
        this.index = index;
        this.rows = rows;
        this.mask = mask;
    }

    /** @return the length of rows for an index of this capacity: as many rows as it holds before it grows. */
    private static int rowsLength(final int capacity)
    {
        return PAD + ((int)(capacity * LOAD) + 1) * STRIDE;
    }

    private static int capacityFor(final int expected)
    {
        final int wanted = (int)Math.min(1 << 27, (long)(Math.max(16, expected) / LOAD) + 1);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
