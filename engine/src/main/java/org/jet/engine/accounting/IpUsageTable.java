package org.jet.engine.accounting;

/**
 * One tick's usage per IP address: an open-addressing hash table keyed by a 128-bit address, owned by the engine
 * thread. Adding to an address that is already in the table touches one 64-byte entry and allocates nothing.
 *
 * <p>Layout: one {@code long[]} of 8-long entries, slot {@code s} at {@code s << 3}:
 * <pre>
 *   0       1       2        3         4          5           6           7
 * +-------+-------+--------+---------+----------+-----------+-----------+------------+
 * | hi    | lo    | bytes  | bytes   | packets  | packets   | rated     | last seen  |
 * |       |       | in     | out     | in       | out       | bytes     | ms         |
 * +-------+-------+--------+---------+----------+-----------+-----------+------------+
 * </pre>
 * An empty slot has key {@code (0, 0)}; the address {@code ::} itself lives in one extra slot past the probed
 * area. Linear probing from a multiplicative hash of both halves; the load factor stays at or under 1/2 until the
 * table is at its largest.
 *
 * <p>Why not Agrona's {@code Long2LongHashMap}: it maps one long to one long, so a 128-bit key and six counters
 * would need a key map plus counter arrays (two lookups, seven cache lines per record), and its {@code clear()}
 * fills the whole capacity. Here a record costs one probe sequence and one entry; {@link #clear()} and
 * {@link #forEach(IpUsageVisitor)} walk a list of the slots filled since the last clear, so both cost what the
 * tick touched, never the capacity. (A variant with 64-byte-aligned entries off-heap, one cache line each, measured
 * slower than this {@code long[]}.)
 *
 * <p>Growth and overflow: the table starts with room for {@code initialEntries} at load 1/2 and doubles when it
 * passes load 1/2, up to room for {@code maxEntries} at load 1/2 (doubling allocates, which is why it is rare and
 * bounded). From {@code maxEntries} entries on, {@link #needsFold()} is true: the engine should fold and clear
 * now rather than wait for the tick. If it does not, the table keeps accepting new addresses up to load 3/4 of the
 * largest capacity (probes get longer, nothing is lost); past that a record for a new address is refused:
 * {@link #add} returns false and the record is counted in {@link #droppedRecords()} and {@link #droppedBytes()}.
 * Addresses already in the table are always added to.
 *
 * <p>Counters are unsigned 64-bit values held in longs: plain addition wraps exactly as unsigned addition does.
 * Not thread-safe: one writer, the engine thread.
 */
public final class IpUsageTable
{
    static final int STRIDE_SHIFT = 3;
    static final int KEY_HI = 0;
    static final int KEY_LO = 1;
    static final int BYTES_IN = 2;
    static final int BYTES_OUT = 3;
    static final int PACKETS_IN = 4;
    static final int PACKETS_OUT = 5;
    static final int RATED_BYTES = 6;
    static final int LAST_SEEN_MS = 7;

    private static final int MIN_CAPACITY = 16;
    /** Keeps the entry array's length, (capacity + 1) * 8, within an int. */
    static final int MAX_ENTRIES = 1 << 26;

    private final int maxEntries;
    private final int maxCapacity;
    private long[] entries;
    /** Slots filled since the last clear, in the order they were filled. */
    private int[] touched;
    private int size;
    private int capacity;
    private int mask;
    private int shift;
    /** Size at which the next new key doubles the table or, at the largest capacity, is refused. */
    private int resizeAt;
    private boolean zeroKeyPresent;
    private long droppedRecords;
    private long droppedBytes;

    /**
     * @param initialEntries distinct addresses a tick is expected to touch: sizes the table up front.
     * @param maxEntries     distinct addresses from which {@link #needsFold()} asks for an early fold; the table
     *                       grows to room for this many and no further.
     */
    public IpUsageTable(final int initialEntries, final int maxEntries)
    {
        if (initialEntries < 1 || maxEntries < initialEntries || maxEntries > MAX_ENTRIES)
        {
            throw new IllegalArgumentException(
                "need 1 <= initialEntries <= maxEntries <= 2^26: " + initialEntries + ", " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.maxCapacity = capacityFor(maxEntries);
        allocate(capacityFor(initialEntries));
    }

    /**
     * Adds one record's usage to an address.
     *
     * @param hi         high 64 bits of the address (0 for IPv4, which is IPv4-mapped).
     * @param lo         low 64 bits of the address.
     * @param bytesIn    bytes downloaded by the address.
     * @param bytesOut   bytes uploaded by the address.
     * @param packetsIn  packets downloaded.
     * @param packetsOut packets uploaded.
     * @param ratedBytes bytes after the traffic class's rating: what quotas debit.
     * @param timeMs     when the traffic was seen, epoch ms; the entry keeps the latest.
     * @return false when the address was new and the table is full (the record is counted as dropped).
     */
    public boolean add(
        final long hi,
        final long lo,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long timeMs)
    {
        final int base = (hi | lo) == 0 ? zeroKeyBase() : base(hi, lo);
        if (base < 0)
        {
            droppedRecords++;
            droppedBytes += bytesIn + bytesOut;
            return false;
        }

        final long[] entries = this.entries;
        entries[base + BYTES_IN] += bytesIn;
        entries[base + BYTES_OUT] += bytesOut;
        entries[base + PACKETS_IN] += packetsIn;
        entries[base + PACKETS_OUT] += packetsOut;
        entries[base + RATED_BYTES] += ratedBytes;
        if (timeMs > entries[base + LAST_SEEN_MS])
        {
            entries[base + LAST_SEEN_MS] = timeMs;
        }
        return true;
    }

    /**
     * Calls the visitor once for each address added to since the last {@link #clear()}, in the order they were
     * first added. The visitor must not add to this table.
     */
    public void forEach(final IpUsageVisitor visitor)
    {
        final long[] entries = this.entries;
        final int[] touched = this.touched;
        for (int i = 0, size = this.size; i < size; i++)
        {
            final int base = touched[i] << STRIDE_SHIFT;
            visitor.onIp(
                entries[base + KEY_HI],
                entries[base + KEY_LO],
                entries[base + BYTES_IN],
                entries[base + BYTES_OUT],
                entries[base + PACKETS_IN],
                entries[base + PACKETS_OUT],
                entries[base + RATED_BYTES],
                entries[base + LAST_SEEN_MS]);
        }
    }

    /**
     * Empties the table in time proportional to the addresses it holds; keeps its capacity.
     */
    public void clear()
    {
        final long[] entries = this.entries;
        final int[] touched = this.touched;
        for (int i = 0, size = this.size; i < size; i++)
        {
            final int base = touched[i] << STRIDE_SHIFT;
            entries[base + KEY_HI] = 0;
            entries[base + KEY_LO] = 0;
        }
        size = 0;
        zeroKeyPresent = false;
    }

    /** @return distinct addresses since the last clear. */
    public int size()
    {
        return size;
    }

    /** @return slots in the probed area (a power of two); grows by doubling up to the limit set at construction. */
    public int capacity()
    {
        return capacity;
    }

    /** @return true once the table holds {@code maxEntries} addresses: fold and clear before the tick is due. */
    public boolean needsFold()
    {
        return size >= maxEntries;
    }

    /** @return records refused because the table was full, since construction (not reset by clear). */
    public long droppedRecords()
    {
        return droppedRecords;
    }

    /** @return bytes in and out of the refused records, since construction (unsigned). */
    public long droppedBytes()
    {
        return droppedBytes;
    }

    private int base(final long hi, final long lo)
    {
        final long[] entries = this.entries;
        final int mask = this.mask;
        int slot = hash(hi, lo, shift);
        while (true)
        {
            final int base = slot << STRIDE_SHIFT;
            final long keyHi = entries[base + KEY_HI];
            final long keyLo = entries[base + KEY_LO];
            if (keyHi == hi && keyLo == lo)
            {
                return base;
            }
            if ((keyHi | keyLo) == 0)
            {
                return insert(slot, hi, lo);
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(final int slot, final long hi, final long lo)
    {
        if (size >= resizeAt)
        {
            if (capacity == maxCapacity)
            {
                return -1;
            }
            grow();
            return base(hi, lo);
        }

        final long[] entries = this.entries;
        final int base = slot << STRIDE_SHIFT;
        entries[base + KEY_HI] = hi;
        entries[base + KEY_LO] = lo;
        zeroCounters(entries, base);
        touched[size++] = slot;
        return base;
    }

    private int zeroKeyBase()
    {
        final int base = capacity << STRIDE_SHIFT;
        if (!zeroKeyPresent)
        {
            zeroCounters(entries, base);
            touched[size++] = capacity;
            zeroKeyPresent = true;
        }
        return base;
    }

    private static void zeroCounters(final long[] entries, final int base)
    {
        entries[base + BYTES_IN] = 0;
        entries[base + BYTES_OUT] = 0;
        entries[base + PACKETS_IN] = 0;
        entries[base + PACKETS_OUT] = 0;
        entries[base + RATED_BYTES] = 0;
        entries[base + LAST_SEEN_MS] = 0;
    }

    private void grow()
    {
        final long[] oldEntries = entries;
        final int[] oldTouched = touched;
        final int oldSize = size;
        final int oldCapacity = capacity;
        final boolean zeroKey = zeroKeyPresent;
        allocate(capacity << 1);

        // Re-insert in the old first-touched order, so visitors see the same order after a resize.
        final long[] entries = this.entries;
        for (int i = 0; i < oldSize; i++)
        {
            final int oldSlot = oldTouched[i];
            final int oldBase = oldSlot << STRIDE_SHIFT;
            final int slot = oldSlot == oldCapacity ? capacity : freeSlot(oldEntries[oldBase], oldEntries[oldBase + 1]);
            System.arraycopy(oldEntries, oldBase, entries, slot << STRIDE_SHIFT, 1 << STRIDE_SHIFT);
            touched[i] = slot;
        }
        size = oldSize;
        zeroKeyPresent = zeroKey;
    }

    private int freeSlot(final long hi, final long lo)
    {
        int slot = hash(hi, lo, shift);
        while ((entries[(slot << STRIDE_SHIFT) + KEY_HI] | entries[(slot << STRIDE_SHIFT) + KEY_LO]) != 0)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void allocate(final int capacity)
    {
        this.capacity = capacity;
        mask = capacity - 1;
        shift = Long.numberOfLeadingZeros(capacity) + 1;
        resizeAt = capacity == maxCapacity ? capacity - (capacity >> 2) : capacity >> 1;
        entries = new long[(capacity + 1) << STRIDE_SHIFT]; // + 1: the slot of the address ::
        touched = new int[resizeAt + 1];
        size = 0;
        zeroKeyPresent = false;
    }

    /** Room for {@code entries} at load 1/2, a power of two. */
    static int capacityFor(final int entries)
    {
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(entries * 2 - 1) << 1);
    }

    /**
     * Mixes both halves, then takes the top bits of a Fibonacci multiply: consecutive IPv4 addresses (which differ
     * only in the low bits of {@code lo}) and IPv6 hosts that differ only in their /64 spread alike.
     */
    static int hash(final long hi, final long lo, final int shift)
    {
        long h = hi * 0xC2B2AE3D27D4EB4FL + lo;
        h ^= h >>> 29;
        return (int)((h * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
