package org.jet.engine.accounting;

/**
 * One tick's usage per user: an open-addressing hash table keyed by the user's numeric id, owned by the engine
 * thread; the twin of {@link IpUsageTable} (same growth, overflow and clearing rules, see there) with a one-long
 * key. Adding to a user already in the table touches one 64-byte entry and allocates nothing.
 *
 * <p>Layout: one {@code long[]} of 8-long entries, slot {@code s} at {@code s << 3} (the eighth long pads the
 * entry to a power of two so a slot's offset is a shift):
 * <pre>
 *   0       1        2         3          4           5           6            7
 * +-------+--------+---------+----------+-----------+-----------+------------+--------+
 * | user  | bytes  | bytes   | packets  | packets   | rated     | last seen  | unused |
 * | id    | in     | out     | in       | out       | bytes     | ms         |        |
 * +-------+--------+---------+----------+-----------+-----------+------------+--------+
 * </pre>
 * An empty slot has key 0; user id 0 itself lives in one extra slot past the probed area.
 *
 * <p>Past {@code maxEntries} users {@link #needsFold()} is true; a record for a new user is refused and counted
 * only once the table is at its largest capacity and load 3/4 (see {@link IpUsageTable}).
 *
 * <p>Counters are unsigned 64-bit values held in longs: plain addition wraps exactly as unsigned addition does.
 * Not thread-safe: one writer, the engine thread.
 */
public final class UserUsageTable
{
    static final int STRIDE_SHIFT = 3;
    static final int KEY = 0;
    static final int BYTES_IN = 1;
    static final int BYTES_OUT = 2;
    static final int PACKETS_IN = 3;
    static final int PACKETS_OUT = 4;
    static final int RATED_BYTES = 5;
    static final int LAST_SEEN_MS = 6;

    static final int MAX_ENTRIES = IpUsageTable.MAX_ENTRIES;

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
     * @param initialEntries distinct users a tick is expected to touch: sizes the table up front.
     * @param maxEntries     distinct users from which {@link #needsFold()} asks for an early fold; the table
     *                       grows to room for this many and no further.
     */
    public UserUsageTable(final int initialEntries, final int maxEntries)
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
     * Adds one record's usage to a user.
     *
     * @param userId     the user's numeric id.
     * @param bytesIn    bytes downloaded by the user.
     * @param bytesOut   bytes uploaded by the user.
     * @param packetsIn  packets downloaded.
     * @param packetsOut packets uploaded.
     * @param ratedBytes bytes after the traffic class's rating: what quotas debit.
     * @param timeMs     when the traffic was seen, epoch ms; the entry keeps the latest.
     * @return false when the user was new and the table is full (the record is counted as dropped).
     */
    public boolean add(
        final long userId,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long timeMs)
    {
        final int base = userId == 0 ? zeroKeyBase() : base(userId);
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
     * Calls the visitor once for each user added to since the last {@link #clear()}, in the order they were
     * first added. The visitor must not add to this table.
     */
    public void forEach(final UserUsageVisitor visitor)
    {
        final long[] entries = this.entries;
        final int[] touched = this.touched;
        for (int i = 0, size = this.size; i < size; i++)
        {
            final int base = touched[i] << STRIDE_SHIFT;
            visitor.onUser(
                entries[base + KEY],
                entries[base + BYTES_IN],
                entries[base + BYTES_OUT],
                entries[base + PACKETS_IN],
                entries[base + PACKETS_OUT],
                entries[base + RATED_BYTES],
                entries[base + LAST_SEEN_MS]);
        }
    }

    /**
     * Empties the table in time proportional to the users it holds; keeps its capacity.
     */
    public void clear()
    {
        final long[] entries = this.entries;
        final int[] touched = this.touched;
        for (int i = 0, size = this.size; i < size; i++)
        {
            final int base = touched[i] << STRIDE_SHIFT;
            entries[base + KEY] = 0;
        }
        size = 0;
        zeroKeyPresent = false;
    }

    /** @return distinct users since the last clear. */
    public int size()
    {
        return size;
    }

    /** @return slots in the probed area (a power of two); grows by doubling up to the limit set at construction. */
    public int capacity()
    {
        return capacity;
    }

    /** @return true once the table holds {@code maxEntries} users: fold and clear before the tick is due. */
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

    private int base(final long userId)
    {
        final long[] entries = this.entries;
        final int mask = this.mask;
        int slot = hash(userId, shift);
        while (true)
        {
            final int base = slot << STRIDE_SHIFT;
            final long key = entries[base + KEY];
            if (key == userId)
            {
                return base;
            }
            if (key == 0)
            {
                return insert(slot, userId);
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(final int slot, final long userId)
    {
        if (size >= resizeAt)
        {
            if (capacity == maxCapacity)
            {
                return -1;
            }
            grow();
            return base(userId);
        }

        final long[] entries = this.entries;
        final int base = slot << STRIDE_SHIFT;
        entries[base + KEY] = userId;
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
            final int slot = oldSlot == oldCapacity ? capacity : freeSlot(oldEntries[oldBase + KEY]);
            System.arraycopy(oldEntries, oldBase, entries, slot << STRIDE_SHIFT, 1 << STRIDE_SHIFT);
            touched[i] = slot;
        }
        size = oldSize;
        zeroKeyPresent = zeroKey;
    }

    private int freeSlot(final long userId)
    {
        int slot = hash(userId, shift);
        while (entries[(slot << STRIDE_SHIFT) + KEY] != 0)
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
        entries = new long[(capacity + 1) << STRIDE_SHIFT]; // + 1: the slot of user id 0
        touched = new int[resizeAt + 1];
        size = 0;
        zeroKeyPresent = false;
    }

    static int capacityFor(final int entries)
    {
        return IpUsageTable.capacityFor(entries);
    }

    /** The top bits of a Fibonacci multiply: consecutive ids spread evenly. */
    static int hash(final long userId, final int shift)
    {
        return (int)((userId * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
