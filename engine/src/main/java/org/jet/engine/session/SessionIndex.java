package org.jet.engine.session;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Addresses to their session timelines, for the engine thread, built so that counting a flow usually costs one
 * pair of adjacent cache lines: each slot holds the address, a copy of its latest session (user, start, end) and the
 * address's own usage of the last two (hour, class) pairs it was counted in, side by side in one primitive array.
 * The timeline object is read only when the flow's time falls outside the latest session (a late flow from before
 * the address changed hands).
 *
 * <p>Usage is held here, not in a table of its own, because with a million addresses every table is a cache and TLB
 * miss per flow; the slot's second line is next to its first. Held usage is moved out ({@link #harvest}) a slice at
 * a time and before a slot is removed; usage of a third (hour, class) pair goes elsewhere ({@link #addUsage} returns
 * false).
 *
 * <p>Open addressing with linear probing and backward-shift deletion; the copy of the latest session is refreshed
 * by {@link #refresh} whenever its timeline changes.
 */
final class SessionIndex
{
    private static final float LOAD = 0.6f;
    // One slot is sixteen longs, a pair of cache lines (the pair an adjacent-line prefetch fetches together): the
    // first slot begins PAD longs in, so that slots sit on 128-byte boundaries where the array starts on one (as large
    // arrays do: G1 starts them on a region).
    private static final int STRIDE = 16;
    private static final int PAD = 14; // a long[]'s elements begin 16 bytes after its start (HotSpot's header)
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int USER = 2;
    private static final int START = 3;
    private static final int END = 4;
    private static final int FLAGS = 5;
    /** The (hour, class) of the held usage A and B, as {@code UsageRows.meta}; 0 when nothing is held. */
    private static final int META_A = 6;
    private static final int META_B = 7;
    /** Bytes in, out, packets in, out of usage A; those of B follow. */
    private static final int USAGE_A = 8;
    private static final int USAGE_B = 12;
    private static final long USED = 1;
    /** {@link #rowAt}: the slot holds another address, so this one's row, if any, is further on. */
    private static final int ELSEWHERE = -2;
    /** The timeline holds sessions before the latest one. */
    private static final long OLDER = 2;

    private long[] rows;
    private Object[] timelines;
    // rowsOf's own: the addresses still probing past their home, and the slot each is at.
    private int[] probing = new int[0];
    private int[] probeSlots = new int[0];
    private long probeRead;
    private int size;
    private int mask;

    SessionIndex(final int expected)
    {
        allocate(capacityFor(expected));
    }

    /**
     * @return the user holding the address at the time, or {@link SessionTable#NO_USER}.
     */
    long userAt(final long hi, final long lo, final long timeMs)
    {
        final int row = rowOf(hi, lo);
        return row < 0 ? SessionTable.NO_USER : userAt(row, timeMs);
    }

    /**
     * @return where the address's slot is in the array, for {@link #userAt(int, long)} and {@link #addUsage}, or -1.
     * Valid until the index changes ({@link #put}, {@link #remove}).
     */
    int rowOf(final long hi, final long lo)
    {
        return rowOf(hash(hi, lo), hi, lo);
    }

    /** {@link #rowOf(long, long)} with the key's {@link #hash}, computed once per count. */
    int rowOf(final int hash, final long hi, final long lo)
    {
        final long[] rows = this.rows;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            final int r = PAD + slot * STRIDE;
            if ((rows[r + FLAGS] & USED) == 0)
            {
                return -1;
            }
            if (rows[r + HI] == hi && rows[r + LO] == lo)
            {
                return r;
            }
        }
    }

    /**
     * {@link #rowOf(int, long, long)} for the first {@code count} addresses at once, into {@code rowsOut}: their home
     * slots are read together, then, in rounds, the next slot of each address not found yet, so that the cache misses
     * of the addresses past their home (a quarter of them with a million addresses) overlap too, instead of each
     * waiting for its own. Allocates only when {@code count} is larger than at any call before.
     *
     * @return a value of no meaning, to be kept (summed into a field) so the reads are not optimised away.
     */
    long rowsOf(final int count, final int[] hashes, final long[] his, final long[] los, final int[] rowsOut)
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
            read += touchSlot(rows, hashes[n] & mask);
        }
        int waiting = 0;
        for (int n = 0; n < count; n++)
        {
            waiting = lookAt(rows, hashes[n] & mask, n, his[n], los[n], rowsOut, waiting);
        }
        while (waiting > 0)
        {
            int still = 0;
            for (int k = 0; k < waiting; k++)
            {
                final int n = probing[k];
                still = lookAt(rows, probeSlots[n], n, his[n], los[n], rowsOut, still);
            }
            waiting = still;
        }
        return read + probeRead;
    }

    /**
     * A step of {@link #rowsOf} for its {@code n}th address: its row, or -1, into {@code rowsOut} when the slot
     * settles it; else the next slot read and the address added to those still probing.
     *
     * @return how many are still probing.
     */
    private int lookAt(final long[] rows, final int slot, final int n, final long hi, final long lo,
        final int[] rowsOut, final int probingCount)
    {
        final int found = rowAt(rows, slot, hi, lo);
        rowsOut[n] = found;
        if (found != ELSEWHERE)
        {
            return probingCount;
        }
        final int next = (slot + 1) & mask;
        probeSlots[n] = next;
        probing[probingCount] = n;
        probeRead += touchSlot(rows, next);
        return probingCount + 1;
    }

    /** @return the row of the slot when it holds the address, -1 when the slot is free, else {@link #ELSEWHERE}. */
    private static int rowAt(final long[] rows, final int slot, final long hi, final long lo)
    {
        final int r = PAD + slot * STRIDE;
        if ((rows[r + FLAGS] & USED) == 0)
        {
            return -1;
        }
        return rows[r + HI] == hi && rows[r + LO] == lo ? r : ELSEWHERE;
    }

    /** @return the user holding the address of the slot at {@code row} at the time, or {@link SessionTable#NO_USER}. */
    long userAt(final int row, final long timeMs)
    {
        final long[] rows = this.rows;
        if (rows[row + START] <= timeMs && timeMs < rows[row + END])
        {
            return rows[row + USER];
        }
        return (rows[row + FLAGS] & OLDER) != 0 ? SessionTable.userIn(timeline((row - PAD) / STRIDE), timeMs) :
            SessionTable.NO_USER;
    }

    /**
     * Adds usage of an (hour, class) to the address of the slot at {@code row}.
     *
     * @return false when the slot already holds usage of two other (hour, class) pairs: count it elsewhere.
     */
    boolean addUsage(final int row, final long meta, final long bytesIn, final long bytesOut, final long packetsIn,
        final long packetsOut)
    {
        final long[] rows = this.rows;
        final int usage;
        final long metaA = rows[row + META_A];
        if (metaA == meta || metaA == 0)
        {
            usage = row + USAGE_A;
            if (metaA == 0)
            {
                rows[row + META_A] = meta;
                clearUsage(rows, usage);
            }
        }
        else
        {
            final long metaB = rows[row + META_B];
            if (metaB != meta && metaB != 0)
            {
                return false;
            }
            usage = row + USAGE_B;
            if (metaB == 0)
            {
                rows[row + META_B] = meta;
                clearUsage(rows, usage);
            }
        }
        rows[usage] += bytesIn;
        rows[usage + 1] += bytesOut;
        rows[usage + 2] += packetsIn;
        rows[usage + 3] += packetsOut;
        return true;
    }

    /**
     * Moves the usage held in slots {@code [from, to)} to the sink: a slice of a pass spread over time.
     */
    void harvest(final int from, final int to, final SessionTable.UsageSink sink)
    {
        final long[] rows = this.rows;
        for (int slot = from; slot < to; slot++)
        {
            final int r = PAD + slot * STRIDE;
            if ((rows[r + FLAGS] & USED) != 0 && (rows[r + META_A] | rows[r + META_B]) != 0)
            {
                harvestRow(rows, r, sink);
            }
        }
    }

    private static void harvestRow(final long[] rows, final int r, final SessionTable.UsageSink sink)
    {
        harvestUsage(rows, r, META_A, USAGE_A, sink);
        harvestUsage(rows, r, META_B, USAGE_B, sink);
    }

    private static void harvestUsage(final long[] rows, final int r, final int meta, final int usage,
        final SessionTable.UsageSink sink)
    {
        if (rows[r + meta] != 0)
        {
            sink.add(rows[r + HI], rows[r + LO], rows[r + meta], rows[r + usage], rows[r + usage + 1],
                rows[r + usage + 2], rows[r + usage + 3]);
            rows[r + meta] = 0;
        }
    }

    private static void clearUsage(final long[] rows, final int usage)
    {
        rows[usage] = 0;
        rows[usage + 1] = 0;
        rows[usage + 2] = 0;
        rows[usage + 3] = 0;
    }

    /** Reads both lines of a slot, so that a lookup and an add soon after find them in cache. */
    private static long touchSlot(final long[] rows, final int slot)
    {
        final int r = PAD + slot * STRIDE;
        return rows[r] + rows[r + USAGE_A];
    }

    @SuppressWarnings("unchecked")
    private List<Session> timeline(final int slot)
    {
        return (List<Session>)timelines[slot];
    }

    @SuppressWarnings("unchecked")
    List<Session> get(final long hi, final long lo)
    {
        final int slot = find(hi, lo);
        return slot < 0 ? null : (List<Session>)timelines[slot];
    }

    void put(final long hi, final long lo, final List<Session> timeline)
    {
        int slot = slot(hi, lo);
        while ((rows[PAD + slot * STRIDE + FLAGS] & USED) != 0)
        {
            if (rows[PAD + slot * STRIDE + HI] == hi && rows[PAD + slot * STRIDE + LO] == lo)
            {
                timelines[slot] = timeline;
                refresh(slot);
                return;
            }
            slot = (slot + 1) & mask;
        }
        final int r = PAD + slot * STRIDE;
        rows[r + HI] = hi;
        rows[r + LO] = lo;
        rows[r + FLAGS] = USED;
        rows[r + META_A] = 0;
        rows[r + META_B] = 0;
        timelines[slot] = timeline;
        refresh(slot);
        if (++size > (mask + 1) * LOAD)
        {
            rehash((mask + 1) * 2);
        }
    }

    /** Copies the latest session of the address's timeline into its slot, after the timeline changed. */
    void refresh(final long hi, final long lo)
    {
        final int slot = find(hi, lo);
        if (slot >= 0)
        {
            refresh(slot);
        }
    }

    private void refresh(final int slot)
    {
        final List<Session> timeline = timeline(slot);
        final int r = PAD + slot * STRIDE;
        if (timeline.isEmpty())
        {
            rows[r + USER] = SessionTable.NO_USER;
            rows[r + START] = Long.MAX_VALUE;
            rows[r + END] = Long.MIN_VALUE;
            rows[r + FLAGS] &= ~OLDER;
            return;
        }
        final Session latest = timeline.get(timeline.size() - 1);
        rows[r + USER] = latest.userId;
        rows[r + START] = latest.startMs;
        rows[r + END] = latest.endMs;
        rows[r + FLAGS] = timeline.size() > 1 ? rows[r + FLAGS] | OLDER : rows[r + FLAGS] & ~OLDER;
    }

    /** Removes the address, its held usage moved to the sink first. */
    void remove(final long hi, final long lo, final SessionTable.UsageSink sink)
    {
        final int removed = find(hi, lo);
        if (removed < 0)
        {
            return;
        }
        harvestRow(rows, PAD + removed * STRIDE, sink);
        rows[PAD + removed * STRIDE + FLAGS] = 0;
        timelines[removed] = null;
        size--;
        int gap = removed;
        int slot = (removed + 1) & mask;
        while ((rows[PAD + slot * STRIDE + FLAGS] & USED) != 0)
        {
            final int home = slot(rows[PAD + slot * STRIDE + HI], rows[PAD + slot * STRIDE + LO]);
            if (((slot - home) & mask) >= ((slot - gap) & mask))
            {
                System.arraycopy(rows, PAD + slot * STRIDE, rows, PAD + gap * STRIDE, STRIDE);
                timelines[gap] = timelines[slot];
                rows[PAD + slot * STRIDE + FLAGS] = 0;
                timelines[slot] = null;
                gap = slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size()
    {
        return size;
    }

    @SuppressWarnings("unchecked")
    void forEach(final BiConsumer<long[], List<Session>> action)
    {
        forEachIn(0, capacity(), action);
    }

    /** @return slots in the table (a pass over {@link #forEachIn} ranges covers {@code [0, capacity)}). */
    int capacity()
    {
        return mask + 1;
    }

    /** Visits the addresses in slots {@code [from, to)}: a slice of a pass spread over time. */
    void forEachIn(final int from, final int to, final BiConsumer<long[], List<Session>> action)
    {
        final long[] key = new long[2];
        for (int slot = from; slot < to; slot++)
        {
            if ((rows[PAD + slot * STRIDE + FLAGS] & USED) != 0)
            {
                key[0] = rows[PAD + slot * STRIDE + HI];
                key[1] = rows[PAD + slot * STRIDE + LO];
                action.accept(key, (List<Session>)timelines[slot]);
            }
        }
    }

    /** @return the address's slot number, or -1 ({@link #rowOf(long, long)} gives where its row begins). */
    private int find(final long hi, final long lo)
    {
        final int row = rowOf(hi, lo);
        return row < 0 ? -1 : (row - PAD) / STRIDE;
    }

    private int slot(final long hi, final long lo)
    {
        return hash(hi, lo) & mask;
    }

    /** @return the key's hash, whose low bits are its home slot at any capacity. */
    static int hash(final long hi, final long lo)
    {
        long h = hi * 0x9E37_79B9_7F4A_7C15L ^ lo;
        h *= 0xC2B2_AE3D_27D4_EB4FL;
        return (int)(h ^ (h >>> 32));
    }

    private void rehash(final int capacity)
    {
        final long[] oldRows = rows;
        final Object[] oldTimelines = timelines;
        allocate(capacity);
        for (int slot = 0; slot < oldTimelines.length; slot++)
        {
            if ((oldRows[PAD + slot * STRIDE + FLAGS] & USED) != 0)
            {
                int target = slot(oldRows[PAD + slot * STRIDE + HI], oldRows[PAD + slot * STRIDE + LO]);
                while ((rows[PAD + target * STRIDE + FLAGS] & USED) != 0)
                {
                    target = (target + 1) & mask;
                }
                System.arraycopy(oldRows, PAD + slot * STRIDE, rows, PAD + target * STRIDE, STRIDE);
                timelines[target] = oldTimelines[slot];
            }
        }
    }

    private void allocate(final int capacity)
    {
        rows = new long[PAD + capacity * STRIDE];
        timelines = new Object[capacity];
        mask = capacity - 1;
    }

    private static int capacityFor(final int expected)
    {
        // At most 2^26 slots, so that the array's length stays within an int.
        final int wanted = (int)Math.min(1 << 26, (long)(Math.max(16, expected) / LOAD) + 1);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
