package org.jet.engine.session;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Addresses to their session timelines, for the engine thread, built so that attributing a flow usually costs one
 * cache line: each slot holds the address and a copy of its latest session (user, start, end) side by side in one
 * primitive array; the timeline object is read only when the flow's time falls outside the latest session (a late
 * flow from before the address changed hands).
 *
 * <p>Open addressing with linear probing and backward-shift deletion; the copy of the latest session is refreshed
 * by {@link #refresh} whenever its timeline changes.
 */
final class SessionIndex
{
    private static final float LOAD = 0.6f;
    // One slot is eight longs, one cache line: the first slot begins PAD longs in, on the array's second line, so that
    // slots sit on lines where the array starts on one (as large arrays do: G1 starts them on a region); else each
    // slot would straddle two lines.
    private static final int STRIDE = 8;
    private static final int PAD = 6; // a long[]'s elements begin 16 bytes after its start (HotSpot's header)
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int USER = 2;
    private static final int START = 3;
    private static final int END = 4;
    private static final int OLDER = 5;
    private static final int USED = 6;

    private long[] rows;
    private Object[] timelines;
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
        final long[] rows = this.rows;
        for (int slot = slot(hi, lo); ; slot = (slot + 1) & mask)
        {
            final int r = PAD + slot * STRIDE;
            if (rows[r + USED] == 0)
            {
                return SessionTable.NO_USER;
            }
            if (rows[r + HI] == hi && rows[r + LO] == lo)
            {
                if (rows[r + START] <= timeMs && timeMs < rows[r + END])
                {
                    return rows[r + USER];
                }
                return rows[r + OLDER] != 0 ? SessionTable.userIn(timeline(slot), timeMs) : SessionTable.NO_USER;
            }
        }
    }

    /** @return the first word of the address's home slot: reading it brings the slot a lookup reads into cache. */
    long touch(final long hi, final long lo)
    {
        final int slot = slot(hi, lo);
        return rows[PAD + slot * STRIDE];
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
        while (rows[PAD + slot * STRIDE + USED] != 0)
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
        rows[r + USED] = 1;
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
            rows[r + OLDER] = 0;
            return;
        }
        final Session latest = timeline.get(timeline.size() - 1);
        rows[r + USER] = latest.userId;
        rows[r + START] = latest.startMs;
        rows[r + END] = latest.endMs;
        rows[r + OLDER] = timeline.size() > 1 ? 1 : 0;
    }

    void remove(final long hi, final long lo)
    {
        final int removed = find(hi, lo);
        if (removed < 0)
        {
            return;
        }
        rows[PAD + removed * STRIDE + USED] = 0;
        timelines[removed] = null;
        size--;
        int gap = removed;
        int slot = (removed + 1) & mask;
        while (rows[PAD + slot * STRIDE + USED] != 0)
        {
            final int home = slot(rows[PAD + slot * STRIDE + HI], rows[PAD + slot * STRIDE + LO]);
            if (((slot - home) & mask) >= ((slot - gap) & mask))
            {
                System.arraycopy(rows, PAD + slot * STRIDE, rows, PAD + gap * STRIDE, STRIDE);
                timelines[gap] = timelines[slot];
                rows[PAD + slot * STRIDE + USED] = 0;
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
            if (rows[PAD + slot * STRIDE + USED] != 0)
            {
                key[0] = rows[PAD + slot * STRIDE + HI];
                key[1] = rows[PAD + slot * STRIDE + LO];
                action.accept(key, (List<Session>)timelines[slot]);
            }
        }
    }

    private int find(final long hi, final long lo)
    {
        for (int slot = slot(hi, lo); ; slot = (slot + 1) & mask)
        {
            final int r = PAD + slot * STRIDE;
            if (rows[r + USED] == 0)
            {
                return -1;
            }
            if (rows[r + HI] == hi && rows[r + LO] == lo)
            {
                return slot;
            }
        }
    }

    private int slot(final long hi, final long lo)
    {
        long h = hi * 0x9E37_79B9_7F4A_7C15L ^ lo;
        h *= 0xC2B2_AE3D_27D4_EB4FL;
        return (int)(h ^ (h >>> 32)) & mask;
    }

    private void rehash(final int capacity)
    {
        final long[] oldRows = rows;
        final Object[] oldTimelines = timelines;
        allocate(capacity);
        for (int slot = 0; slot < oldTimelines.length; slot++)
        {
            if (oldRows[PAD + slot * STRIDE + USED] != 0)
            {
                int target = slot(oldRows[PAD + slot * STRIDE + HI], oldRows[PAD + slot * STRIDE + LO]);
                while (rows[PAD + target * STRIDE + USED] != 0)
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
        final int wanted = (int)Math.min(1 << 29, (long)(Math.max(16, expected) / LOAD) + 1);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
