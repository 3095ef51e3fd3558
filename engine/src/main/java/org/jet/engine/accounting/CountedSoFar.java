package org.jet.engine.accounting;

/**
 * What has been counted so far of flows whose records carry running totals, so each record is counted once as a
 * delta: Juniper SRX-style total counters ({@code octetTotalCount}), and Cisco ASA NSEL, whose flow-update events
 * carry the bytes since the last update while the teardown carries the whole connection's total.
 *
 * <p>Keyed by a 128-bit hash of the flow key (exporter, observation domain, addresses, ports, protocol); two
 * independent 64-bit hashes make a collision between live flows vanishingly unlikely. Engine thread only; a table
 * of primitive rows like {@link UsageRows}. Flows not seen for {@code idleMs} are forgotten by {@link #expire}; if
 * the table still fills, the oldest rule holds: a new flow is counted in full (as a first record would be) and the
 * overflow is counted, so nothing is silently dropped.
 */
final class CountedSoFar
{
    private static final int STRIDE = 8;
    private static final int H1 = 0;
    private static final int H2 = 1;
    private static final int FORWARD = 2;
    private static final int REVERSE = 3;
    private static final int FORWARD_PACKETS = 4;
    private static final int REVERSE_PACKETS = 5;
    private static final int SEEN = 6;

    private static final int INITIAL_CAPACITY = 1 << 10;

    private final int maxCapacity;
    private int capacity;
    private int mask;
    private long[] rows;
    private int size;
    private long overflows;
    private int slotFound;

    /**
     * @param maxFlows flows remembered at most; the table starts small (most exporters send deltas, and then it
     *                 stays empty) and doubles as needed up to twice this many slots.
     */
    CountedSoFar(final int maxFlows)
    {
        maxCapacity = Integer.highestOneBit(Math.max(INITIAL_CAPACITY, maxFlows) * 2 - 1) << 1;
        capacity = INITIAL_CAPACITY;
        mask = capacity - 1;
        rows = new long[capacity * STRIDE];
    }

    /**
     * Finds or creates the row of a flow; then {@link #forward()} and friends act on it.
     *
     * @return false when the table is full and the flow is new (count the record in full).
     */
    boolean find(final long h1, final long h2, final long nowMs)
    {
        final long key1 = h1 == 0 && h2 == 0 ? 1 : h1;
        int slot = (int)(h2 ^ (h2 >>> 32)) & mask;
        while (true)
        {
            final int r = slot * STRIDE;
            if (rows[r + H1] == 0 && rows[r + H2] == 0)
            {
                if (size >= capacity / 2)
                {
                    if (capacity == maxCapacity)
                    {
                        overflows++;
                        return false;
                    }
                    rebuild(capacity * 2, 0, Long.MAX_VALUE); // keeps every flow not ended
                    return find(h1, h2, nowMs);
                }
                rows[r + H1] = key1;
                rows[r + H2] = h2;
                rows[r + FORWARD] = 0;
                rows[r + REVERSE] = 0;
                rows[r + FORWARD_PACKETS] = 0;
                rows[r + REVERSE_PACKETS] = 0;
                size++;
                slotFound = r;
                rows[r + SEEN] = nowMs;
                return true;
            }
            if (rows[r + H1] == key1 && rows[r + H2] == h2)
            {
                slotFound = r;
                rows[r + SEEN] = nowMs;
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }

    long forward()
    {
        return rows[slotFound + FORWARD];
    }

    long reverse()
    {
        return rows[slotFound + REVERSE];
    }

    long forwardPackets()
    {
        return rows[slotFound + FORWARD_PACKETS];
    }

    long reversePackets()
    {
        return rows[slotFound + REVERSE_PACKETS];
    }

    void set(final long forward, final long reverse, final long forwardPackets, final long reversePackets)
    {
        final int r = slotFound;
        rows[r + FORWARD] = forward;
        rows[r + REVERSE] = reverse;
        rows[r + FORWARD_PACKETS] = forwardPackets;
        rows[r + REVERSE_PACKETS] = reversePackets;
    }

    /** Ends the flow found last (NSEL teardown): it will not be seen again. */
    void end()
    {
        rows[slotFound + SEEN] = Long.MIN_VALUE;
    }

    /**
     * Forgets flows not seen for {@code idleMs} and ended ones, rebuilding the table (it walks every slot: call it
     * now and then, not per record).
     */
    void expire(final long nowMs, final long idleMs)
    {
        if (size > 0)
        {
            rebuild(capacity, nowMs, idleMs);
        }
    }

    /** Copies the live rows (seen within {@code idleMs} of {@code nowMs}, not ended) into a table of a capacity. */
    private void rebuild(final int newCapacity, final long nowMs, final long idleMs)
    {
        final long[] old = rows;
        capacity = newCapacity;
        mask = capacity - 1;
        rows = new long[capacity * STRIDE];
        size = 0;
        for (int r = 0; r < old.length; r += STRIDE)
        {
            if ((old[r + H1] != 0 || old[r + H2] != 0) && old[r + SEEN] != Long.MIN_VALUE &&
                nowMs - old[r + SEEN] <= idleMs)
            {
                int slot = (int)(old[r + H2] ^ (old[r + H2] >>> 32)) & mask;
                while (rows[slot * STRIDE + H1] != 0 || rows[slot * STRIDE + H2] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, r, rows, slot * STRIDE, STRIDE);
                size++;
            }
        }
    }

    int size()
    {
        return size;
    }

    /** @return new flows counted in full because the table was full. */
    long overflows()
    {
        return overflows;
    }
}
