package org.jet.engine.session;

import org.jet.collector.record.IpAddress;

/**
 * One holding of an address (or an IPv6 /64) by a user, from {@link #startMs} to {@link #endMs} ({@link #OPEN}
 * while it lasts). Owned by the engine thread; other threads get {@link #snapshot() snapshots}.
 */
public final class Session
{
    /** The end of a session that has not ended. */
    public static final long OPEN = Long.MAX_VALUE;

    final long addrHi;
    final long addrLo;
    final int prefixLength;
    final long userId;
    final String userName;
    final String sessionId;
    final String source;
    final long startMs;
    long endMs = OPEN;
    long lastNewsMs;

    Session(final SessionChange change, final long userId)
    {
        this.addrHi = change.addrHi();
        this.addrLo = change.addrLo();
        this.prefixLength = change.prefixLength();
        this.userId = userId;
        this.userName = change.userName();
        this.sessionId = change.sessionId();
        this.source = change.source();
        this.startMs = change.timeMs();
        this.lastNewsMs = change.timeMs();
    }

    Session(final Snapshot snapshot)
    {
        this.addrHi = snapshot.addrHi();
        this.addrLo = snapshot.addrLo();
        this.prefixLength = snapshot.prefixLength();
        this.userId = snapshot.userId();
        this.userName = snapshot.userName();
        this.sessionId = snapshot.sessionId();
        this.source = snapshot.source();
        this.startMs = snapshot.startMs();
        this.endMs = snapshot.endMs();
        this.lastNewsMs = snapshot.lastNewsMs();
    }

    boolean isOpen()
    {
        return endMs == OPEN;
    }

    boolean covers(final long timeMs)
    {
        return startMs <= timeMs && timeMs < endMs;
    }

    /** @return true when a change speaks of this session: same source session id, or (without one) same user. */
    boolean isSameAs(final SessionChange change)
    {
        if (change.sessionId() != null && sessionId != null)
        {
            return change.sessionId().equals(sessionId) && change.source().equals(source);
        }
        return change.userName().equals(userName);
    }

    public Snapshot snapshot()
    {
        return new Snapshot(addrHi, addrLo, prefixLength, userId, userName, sessionId, source, startMs, endMs,
            lastNewsMs);
    }

    /**
     * A session as stored and as shown: immutable.
     *
     * @param endMs {@link #OPEN} while open.
     */
    public record Snapshot(long addrHi, long addrLo, int prefixLength, long userId, String userName,
        String sessionId, String source, long startMs, long endMs, long lastNewsMs)
    {
        public boolean open()
        {
            return endMs == OPEN;
        }

        public String address()
        {
            final String address = IpAddress.toString(addrHi, addrLo);
            return prefixLength == 64 ? address + "/64" : address;
        }
    }
}
