package org.jet.engine.accounting;

/**
 * Usage added up by row: a subject (an IP address, a user, a cost centre), an hour and a traffic class, each with
 * bytes and packets in and out. The engine adds to it for every flow; every tick the touched rows are read and the
 * table cleared.
 *
 * <p>An open-addressing table in one primitive array (no objects per row, nothing allocated per add), with
 * the list of touched slots kept so that reading and clearing cost what was touched, not the capacity. It doubles
 * when 60 % full; that allocates, but only while the population grows.
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

    private static final float LOAD = 0.6f;
    private static final int HOUR_SHIFT = 16;
    private static final long HOUR_BITS = 0xff_ffff_ffffL << HOUR_SHIFT;
    /** The hour's low three bits: which hour of an eight-hour stretch. */
    private static final long HOURS_OF_A_STRETCH = 7L << HOUR_SHIFT;

    // One row is eight longs side by side, one cache line: an add touches one line, not one per array. The first row
    // begins PAD longs in, at the array's third line, so that rows sit on lines, and each even row and the odd one
    // after it on an aligned pair of lines (see hash), where the array starts on one (as large arrays do: G1 starts
    // them on a region); else each row would straddle two lines.
    private static final int STRIDE = 8;
    private static final int PAD = 14; // a long[]'s elements begin 16 bytes after its start (HotSpot's header)
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int META = 2;
    private static final int BYTES_IN = 3;
    private static final int BYTES_OUT = 4;
    private static final int PACKETS_IN = 5;
    private static final int PACKETS_OUT = 6;
    /** The row's place in the order rows were first touched (its index in {@code touched}), for {@link #grow}. */
    private static final int ORDER = 7;

    private long[] rows;
    private int[] touched;
    // touchIdRows's own: the keys still probing past their home, and the slot each is at.
    private int[] probing = new int[0];
    private int[] probeSlots = new int[0];
    private long probeRead;
    private int size;
    private int mask;

    public UsageRows(final int expectedRows)
    {
        allocate(capacityFor(expectedRows));
    }

    /**
     * @return the packed kind, hour and class of a row key.
     */
    public static long meta(final int kind, final long hour, final int trafficClass)
    {
        return ((long)kind << 56) | ((hour << HOUR_SHIFT) & HOUR_BITS) | (trafficClass & 0xffff);
    }

    public static int kindOf(final long meta)
    {
        return (int)(meta >>> 56);
    }

    /** @return hours since the epoch. */
    public static long hourOf(final long meta)
    {
        return (meta & HOUR_BITS) >>> HOUR_SHIFT;
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
        add(hash(hi, lo, meta), hi, lo, meta, inBytes, outBytes, inPackets, outPackets);
    }

    /** {@link #add(long, long, long, long, long, long, long)} with the key's {@link #hash}, computed once per count. */
    public void add(final int hash, final long hi, final long lo, final long meta,
        final long inBytes, final long outBytes, final long inPackets, final long outPackets)
    {
        final long[] rows = this.rows;
        final int r = probe(hash, hi, lo, meta);
        if (rows[r + META] == 0)
        {
            rows[r + HI] = hi;
            rows[r + LO] = lo;
            rows[r + META] = meta;
            rows[r + BYTES_IN] = inBytes;
            rows[r + BYTES_OUT] = outBytes;
            rows[r + PACKETS_IN] = inPackets;
            rows[r + PACKETS_OUT] = outPackets;
            rows[r + ORDER] = size;
            touched[size++] = (r - PAD) / STRIDE;
            if (size > (mask + 1) * LOAD)
            {
                grow();
            }
            return;
        }
        rows[r + BYTES_IN] += inBytes;
        rows[r + BYTES_OUT] += outBytes;
        rows[r + PACKETS_IN] += inPackets;
        rows[r + PACKETS_OUT] += outPackets;
    }

    /**
     * @return where the key's row is, or the free slot where it would go (its meta is then 0: never for a real row,
     * whose kind is at least 1).
     */
    private int probe(final int hash, final long hi, final long lo, final long meta)
    {
        final long[] rows = this.rows;
        int slot = hash & mask;
        while (true)
        {
            final int r = PAD + slot * STRIDE;
            final long rowMeta = rows[r + META];
            if (rowMeta == 0 || rowMeta == meta && rows[r + LO] == lo && rows[r + HI] == hi)
            {
                return r;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Reads the slots where the rows of the first {@code count} keys of ids (users, cost centres: subjects whose
     * high half is 0) are or would go, so that their {@link #add}s soon after find them in cache: the home slots
     * together, then, in rounds, the next slot of each key not found yet, so that the misses of keys past their home
     * overlap too. (Reading every key's next slot at once measured no better: a line more per key.) Allocates only when
     * {@code count} is larger than at any call before.
     *
     * @return a value of no meaning, to be kept (summed into a field) so the reads are not optimised away.
     */
    public long touchIdRows(final int count, final int[] hashes, final long[] ids, final long[] metas)
    {
        if (probing.length < count)
        {
            probing = new int[count];
            probeSlots = new int[count];
        }
        final long[] rows = this.rows;
        long read = 0;
        for (int n = 0; n < count; n++)
        {
            read += rows[PAD + (hashes[n] & mask) * STRIDE + META];
        }
        int waiting = 0;
        for (int n = 0; n < count; n++)
        {
            waiting = lookAt(rows, hashes[n] & mask, n, ids[n], metas[n], waiting);
        }
        while (waiting > 0)
        {
            int still = 0;
            for (int k = 0; k < waiting; k++)
            {
                final int n = probing[k];
                still = lookAt(rows, probeSlots[n], n, ids[n], metas[n], still);
            }
            waiting = still;
        }
        return read + probeRead;
    }

    /**
     * A step of {@link #touchIdRows} for its {@code n}th key: unless the slot ends its probe, the next slot read and
     * the key added to those still probing.
     *
     * @return how many are still probing.
     */
    private int lookAt(final long[] rows, final int slot, final int n, final long id, final long meta,
        final int probingCount)
    {
        if (endsProbe(rows, slot, id, meta))
        {
            return probingCount;
        }
        final int next = (slot + 1) & mask;
        probeSlots[n] = next;
        probing[probingCount] = n;
        probeRead += rows[PAD + next * STRIDE + META];
        return probingCount + 1;
    }

    /** @return true when the slot holds the id's row of the meta, or is free: a probe for it stops there. */
    private static boolean endsProbe(final long[] rows, final int slot, final long id, final long meta)
    {
        final int r = PAD + slot * STRIDE;
        final long rowMeta = rows[r + META];
        return rowMeta == 0 || rowMeta == meta && rows[r + LO] == id && rows[r + HI] == 0;
    }

    /** @return slots; the table doubles when more than 60 % of them hold rows. */
    public int capacity()
    {
        return mask + 1;
    }

    /** @return rows held. */
    public int size()
    {
        return size;
    }

    /**
     * Visits every row, in the order they were first touched.
     */
    public void forEach(final RowVisitor visitor)
    {
        forEach(0, size, visitor);
    }

    /**
     * Visits the rows first touched {@code from}th (inclusive) to {@code to}th (exclusive): a large table a slice
     * at a time.
     */
    public void forEach(final int from, final int to, final RowVisitor visitor)
    {
        for (int n = from; n < to; n++)
        {
            final int r = PAD + touched[n] * STRIDE;
            visitor.row(rows[r + HI], rows[r + LO], rows[r + META], rows[r + BYTES_IN], rows[r + BYTES_OUT],
                rows[r + PACKETS_IN], rows[r + PACKETS_OUT]);
        }
    }

    /**
     * @return where the row is, for {@link #counters}, or -1 when the table has no such row. Valid until the next
     * {@link #add} or {@link #clear}.
     */
    public int find(final long hi, final long lo, final long meta)
    {
        final int r = probe(hash(hi, lo, meta), hi, lo, meta);
        return rows[r + META] == 0 ? -1 : r;
    }

    /** Adds to the counters of the row {@link #find} found. */
    public void addTo(final int position, final long inBytes, final long outBytes, final long inPackets,
        final long outPackets)
    {
        final long[] rows = this.rows;
        rows[position + BYTES_IN] += inBytes;
        rows[position + BYTES_OUT] += outBytes;
        rows[position + PACKETS_IN] += inPackets;
        rows[position + PACKETS_OUT] += outPackets;
    }

    /** Copies the counters of the row {@link #find} found into {@code out}: bytes in, out, packets in, out. */
    public void counters(final int position, final long[] out)
    {
        out[0] = rows[position + BYTES_IN];
        out[1] = rows[position + BYTES_OUT];
        out[2] = rows[position + PACKETS_IN];
        out[3] = rows[position + PACKETS_OUT];
    }

    /** Visits the {@code n}th row first touched. */
    public void row(final int n, final RowVisitor visitor)
    {
        final int r = PAD + touched[n] * STRIDE;
        visitor.row(rows[r + HI], rows[r + LO], rows[r + META], rows[r + BYTES_IN], rows[r + BYTES_OUT],
            rows[r + PACKETS_IN], rows[r + PACKETS_OUT]);
    }

    /**
     * @return a number that orders the {@code n}th row first touched about as the ledger's keys order it (kind,
     * hour, class, then the subject's low 32 bits: an IPv4 address or an id), in its low 40 bits.
     */
    public long keyOrder(final int n)
    {
        final int r = PAD + touched[n] * STRIDE;
        final long meta = rows[r + META];
        return ((long)(kindOf(meta) & 0x3) << 38) | ((hourOf(meta) & 0xf) << 34) | ((long)(classOf(meta) & 0x3) << 32) |
            (rows[r + LO] & 0xffff_ffffL);
    }

    /** Forgets every row, in time proportional to the rows held. */
    public void clear()
    {
        for (int n = 0; n < size; n++)
        {
            rows[PAD + touched[n] * STRIDE + META] = 0;
        }
        size = 0;
    }

    /** Receives rows with primitive arguments, so visiting allocates nothing. */
    @FunctionalInterface
    public interface RowVisitor
    {
        void row(long hi, long lo, long meta, long bytesIn, long bytesOut, long packetsIn, long packetsOut);
    }

    /**
     * @return the key's hash, whose low bits are its home slot at any capacity (so a hash taken before the table
     * grows stays right). Of the hour only its eight-hour stretch and its parity are in it, the parity as the lowest
     * bit flipped: a subject's rows of two consecutive hours (same kind and class) have their homes on one aligned
     * pair of cache lines, at seven of every eight hours' turns, where the CPU fetches both together. For a minute
     * or so after a turn nearly every count adds to both rows: JMH at the turn 0.95 of the time per record with the
     * rows anywhere, the same away from it (bench/README.md, session 23). Flipping the bit, not setting it, keeps
     * every slot a home when the table holds one hour. Rows of a stretch's other hours share the homes, which
     * probing sorts out: a table holds more than two hours of a subject only for late flows, and never more than
     * eight on one pair of homes.
     */
    public static int hash(final long hi, final long lo, final long meta)
    {
        long h = (hi * 0x9E37_79B9_7F4A_7C15L) ^ lo ^ ((meta & ~HOURS_OF_A_STRETCH) * 0xBF58_476D_1CE4_E5B9L);
        h ^= h >>> 31;
        h *= 0x94D0_49BB_1331_11EBL;
        return (int)(h ^ (h >>> 29)) ^ (int)((meta >>> HOUR_SHIFT) & 1);
    }

    private void grow()
    {
        final long[] oldRows = rows;
        final int oldCapacity = mask + 1;
        final int oldSize = size;
        allocate(oldCapacity * 2);
        final long[] rows = this.rows;
        // In slot order, not the order rows were first touched: a row's new home is its old one or that plus the old
        // capacity, so the copy reads one sequential stream and writes two, where first-touched order took a cache
        // miss per row (a table of 1.3M rows grew in 80-110 ms instead of about 215, warm). Each row keeps its place
        // in that order.
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int from = PAD + slot * STRIDE;
            final long meta = oldRows[from + META];
            if (meta != 0)
            {
                final long hi = oldRows[from + HI];
                final long lo = oldRows[from + LO];
                final int r = probe(hash(hi, lo, meta), hi, lo, meta);
                System.arraycopy(oldRows, from, rows, r, STRIDE);
                touched[(int)oldRows[from + ORDER]] = (r - PAD) / STRIDE;
            }
        }
        size = oldSize;
    }

    private void allocate(final int capacity)
    {
        rows = new long[PAD + capacity * STRIDE];
        touched = new int[capacity];
        mask = capacity - 1;
        size = 0;
    }

    private static int capacityFor(final int expected)
    {
        final int wanted = (int)Math.min(1 << 30, (long)(Math.max(16, expected) / LOAD) + 1);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
