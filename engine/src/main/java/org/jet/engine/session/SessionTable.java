package org.jet.engine.session;

import java.util.ArrayList;
import java.util.List;

import org.jet.collector.record.IpAddress;

/**
 * Who held which address when: the engine thread's view of sessions, for attributing a flow to the user who held
 * its address at the flow's time, not merely now. A late flow (NetFlow active timeouts are minutes long) lands on
 * the user who had the address then, even after the address went to someone else.
 *
 * <p>Each address keeps a short timeline of its sessions, newest last. Closed sessions stay for
 * {@code keepClosedMs} so late flows still find them, then leave memory (they were handed to the
 * {@link Listener} when they closed, to be kept as history). An IPv6 session owns an exact address or a /64; an
 * exact address wins over its /64.
 *
 * <p>Engine thread only. {@link #userAt} allocates nothing.
 */
public final class SessionTable
{
    /** No user held the address at that time. */
    public static final long NO_USER = -1;
    private static final int MAX_PER_ADDRESS = 8;

    /** Receives an address's usage moved out of its row: key, packed kind-hour-class, counters. */
    @FunctionalInterface
    public interface UsageSink
    {
        void add(long hi, long lo, long meta, long bytesIn, long bytesOut, long packetsIn, long packetsOut);
    }

    /** Told of every session that opens or closes, so it can be stored; called on the engine thread. */
    public interface Listener
    {
        void onOpened(Session session);

        void onClosed(Session session);
    }

    private final SessionIndex exact;
    private final SessionIndex prefix64;
    private final Listener listener;
    private final long idleMs;
    private final long keepClosedMs;
    private int open;
    /** Where the next slice of expiry starts, per table. */
    private int exactCursor;
    private int prefixCursor;
    /** Where the next slice of {@link #moveUsageSome} starts. */
    private int usageCursor;
    /** Where the usage of an address that leaves memory goes. */
    private UsageSink usageSink = (hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) ->
    {
        throw new IllegalStateException("usage held for an address but nowhere to move it: call usageTo first");
    };

    /**
     * @param expected     addresses expected to hold sessions (sizes the tables).
     * @param idleMs       an open session with no news for this long closes at its last news.
     * @param keepClosedMs how long a closed session still attributes late flows.
     */
    public SessionTable(final int expected, final long idleMs, final long keepClosedMs, final Listener listener)
    {
        this.exact = new SessionIndex(expected);
        this.prefix64 = new SessionIndex(16);
        this.idleMs = idleMs;
        this.keepClosedMs = keepClosedMs;
        this.listener = listener;
    }

    /**
     * @return the id of the user who held the address at the time, or {@link #NO_USER}.
     */
    public long userAt(final long addrHi, final long addrLo, final long timeMs)
    {
        return userAt(exact.rowOf(addrHi, addrLo), addrHi, addrLo, timeMs);
    }

    /**
     * @return where the address's own row is (an exact address, not a /64), for {@link #userAt(int, long, long,
     * long)} and {@link #addUsage}; -1 when it has none. Valid until sessions change or expire.
     */
    public int rowOf(final long addrHi, final long addrLo)
    {
        return exact.rowOf(addrHi, addrLo);
    }

    /**
     * {@link #rowOf} for the first {@code count} addresses of the arrays at once, into
     * {@code rowsOut}, their cache misses overlapping (see {@code SessionIndex.rowsOf}).
     *
     * @return a value of no meaning, to be kept (summed into a field) so the reads are not optimised away.
     */
    public long rowsOf(final int count, final int[] addressHashes, final long[] addrHis, final long[] addrLos,
        final int[] rowsOut)
    {
        return exact.rowsOf(count, addressHashes, addrHis, addrLos, rowsOut);
    }

    /** @return the hash of an address, for {@link #rowsOf}. */
    public static int addressHash(final long addrHi, final long addrLo)
    {
        return SessionIndex.hash(addrHi, addrLo);
    }

    /**
     * {@link #userAt(long, long, long)} for an address whose row {@link #rowOf} found (or -1).
     */
    public long userAt(final int row, final long addrHi, final long addrLo, final long timeMs)
    {
        long user = row < 0 ? NO_USER : exact.userAt(row, timeMs);
        if (user == NO_USER && prefix64.size() > 0 && !IpAddress.isV4(addrHi, addrLo))
        {
            user = prefix64.userAt(addrHi, 0, timeMs);
        }
        return user;
    }

    /**
     * Adds to the address's own usage, held in its row (see {@link SessionIndex}) until {@link #moveUsageSome}
     * moves it out.
     *
     * @param row  from {@link #rowOf}.
     * @param meta the usage's kind, hour and class, as the usage tables pack them.
     * @return false when the address has no row, or its row holds two other (hour, class) pairs: count it elsewhere.
     */
    public boolean addUsage(final int row, final long meta, final long bytesIn, final long bytesOut,
        final long packetsIn, final long packetsOut)
    {
        return row >= 0 && exact.addUsage(row, meta, bytesIn, bytesOut, packetsIn, packetsOut);
    }

    /** Where usage held in rows goes when it is moved out, and when an address leaves memory. */
    public void usageTo(final UsageSink sink)
    {
        this.usageSink = sink;
    }

    /**
     * Moves the usage held in a slice of the rows to the sink, so that {@code callsPerPass} calls move all of it.
     */
    public void moveUsageSome(final int callsPerPass)
    {
        usageCursor = slice(exact, usageCursor, callsPerPass, (from, to) -> exact.harvest(from, to, usageSink));
    }

    /** Moves all usage held in rows to the sink. */
    public void moveAllUsage()
    {
        exact.harvest(0, exact.capacity(), usageSink);
    }

    static long userIn(final List<Session> timeline, final long timeMs)
    {
        if (timeline != null)
        {
            for (int i = timeline.size() - 1; i >= 0; i--)
            {
                final Session session = timeline.get(i);
                if (session.covers(timeMs))
                {
                    return session.userId;
                }
            }
        }
        return NO_USER;
    }

    /**
     * Applies a change from a session source.
     *
     * @param userId the directory's id of the change's user (unused for a source reset).
     */
    public void apply(final SessionChange change, final long userId)
    {
        if (change.kind() == SessionChange.Kind.SOURCE_RESET)
        {
            closeAllOf(change.source(), change.timeMs());
            return;
        }
        final List<Session> timeline = timelineOf(change.prefixLength(), change.addrHi(), change.addrLo());
        final Session current = openIn(timeline);
        switch (change.kind())
        {
            case START, UPDATE ->
            {
                if (current != null && current.isSameAs(change))
                {
                    // A retransmitted start, or an interim update: the session goes on (nothing to refresh).
                    current.lastNewsMs = Math.max(current.lastNewsMs, change.timeMs());
                    return;
                }
                if (current != null)
                {
                    // The address moved on without a stop reaching us: the old holder's session ends here.
                    close(current, Math.max(current.startMs, change.timeMs()));
                }
                final Session session = new Session(change, userId);
                timeline.add(session);
                open++;
                listener.onOpened(session);
                trim(timeline);
                refresh(change.prefixLength(), change.addrHi(), change.addrLo());
            }
            case STOP ->
            {
                if (current != null && current.isSameAs(change))
                {
                    close(current, Math.max(current.startMs, change.timeMs()));
                }
            }
            default -> throw new IllegalStateException(change.kind().name());
        }
    }

    /**
     * Restores an open session, as stored before a restart. Its idle time starts again now: the time the daemon
     * was down is not the session's silence (and interim updates are not stored, only starts and stops).
     */
    public void restore(final Session.Snapshot snapshot, final long nowMs)
    {
        final List<Session> timeline = timelineOf(snapshot.prefixLength(), snapshot.addrHi(), snapshot.addrLo());
        final Session session = new Session(snapshot);
        session.lastNewsMs = Math.max(session.lastNewsMs, nowMs);
        timeline.add(session);
        if (session.isOpen())
        {
            open++;
        }
        refresh(snapshot.prefixLength(), snapshot.addrHi(), snapshot.addrLo());
    }

    /**
     * Closes sessions idle for too long and forgets closed ones older than the late-flow window. Called now and
     * then by the engine (it walks every address).
     */
    public void expire(final long nowMs)
    {
        expire(exact, 0, exact.capacity(), nowMs);
        expire(prefix64, 0, prefix64.capacity(), nowMs);
    }

    /**
     * Expires a slice of the table, so that {@code callsPerPass} calls make a whole pass: a pass over a million
     * addresses at once stalled the engine for a third of a second, long enough to fill the ring at 300k flows/s.
     */
    public void expireSome(final long nowMs, final int callsPerPass)
    {
        exactCursor = slice(exact, exactCursor, callsPerPass, (from, to) -> expire(exact, from, to, nowMs));
        prefixCursor = slice(prefix64, prefixCursor, callsPerPass, (from, to) -> expire(prefix64, from, to, nowMs));
    }

    /** Work on the slots {@code [from, to)} of a table. */
    @FunctionalInterface
    private interface SliceWork
    {
        void run(int from, int to);
    }

    /**
     * Does the work on the slice of the table from {@code cursor}, sized so that {@code callsPerPass} calls make a
     * whole pass.
     *
     * @return where the next slice starts.
     */
    private static int slice(final SessionIndex map, final int cursor, final int callsPerPass, final SliceWork work)
    {
        final int capacity = map.capacity();
        final int from = cursor < capacity ? cursor : 0; // the table may have been resized since
        final int to = Math.min(capacity, from + Math.max(1, (capacity + callsPerPass - 1) / callsPerPass));
        work.run(from, to);
        return to >= capacity ? 0 : to;
    }

    private void expire(final SessionIndex map, final int from, final int to, final long nowMs)
    {
        final List<long[]> emptied = new ArrayList<>();
        map.forEachIn(from, to, (key, timeline) ->
        {
            for (final Session session : timeline)
            {
                if (session.isOpen() && nowMs - session.lastNewsMs > idleMs)
                {
                    close(session, session.lastNewsMs);
                }
            }
            if (timeline.removeIf(session -> !session.isOpen() && nowMs - session.endMs > keepClosedMs))
            {
                map.refresh(key[0], key[1]);
            }
            if (timeline.isEmpty())
            {
                emptied.add(key.clone());
            }
        });
        for (final long[] key : emptied)
        {
            map.remove(key[0], key[1], usageSink);
        }
    }

    /** @return sessions open now. */
    public int openSessions()
    {
        return open;
    }

    private void closeAllOf(final String source, final long timeMs)
    {
        final List<Session> closing = new ArrayList<>();
        final java.util.function.BiConsumer<long[], List<Session>> collect = (key, timeline) ->
        {
            for (final Session session : timeline)
            {
                if (session.isOpen() && session.source.equals(source))
                {
                    closing.add(session);
                }
            }
        };
        exact.forEach(collect);
        prefix64.forEach(collect);
        for (final Session session : closing)
        {
            close(session, Math.max(session.startMs, timeMs));
        }
    }

    private void close(final Session session, final long endMs)
    {
        session.endMs = endMs;
        open--;
        refresh(session.prefixLength, session.addrHi, session.addrLo);
        listener.onClosed(session);
    }

    /** @return the timeline of an address (a /64 is keyed by its first 64 bits), made when new. */
    private List<Session> timelineOf(final int prefixLength, final long addrHi, final long addrLo)
    {
        final SessionIndex index = prefixLength == 64 ? prefix64 : exact;
        final long keyLo = prefixLength == 64 ? 0 : addrLo;
        List<Session> timeline = index.get(addrHi, keyLo);
        if (timeline == null)
        {
            timeline = new ArrayList<>(2);
            index.put(addrHi, keyLo, timeline);
        }
        return timeline;
    }

    private void refresh(final int prefixLength, final long addrHi, final long addrLo)
    {
        if (prefixLength == 64)
        {
            prefix64.refresh(addrHi, 0);
        }
        else
        {
            exact.refresh(addrHi, addrLo);
        }
    }

    private static Session openIn(final List<Session> timeline)
    {
        for (int i = timeline.size() - 1; i >= 0; i--)
        {
            if (timeline.get(i).isOpen())
            {
                return timeline.get(i);
            }
        }
        return null;
    }

    private static void trim(final List<Session> timeline)
    {
        // An address that changes hands very often keeps only its latest sessions in memory (all are stored).
        while (timeline.size() > MAX_PER_ADDRESS && !timeline.get(0).isOpen())
        {
            timeline.remove(0);
        }
    }
}
