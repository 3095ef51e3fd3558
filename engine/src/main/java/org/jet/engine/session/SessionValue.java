package org.jet.engine.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A session as the session store holds it: a compact binary value, because a daemon restores every open session at
 * start and a campus has a million (JSON through Jackson took several seconds for them; this takes well under
 * one). Big-endian:
 *
 * <pre>
 *   0        1            9            17       18          26         34       42           50
 *   +--------+------------+------------+--------+-----------+----------+--------+------------+
 *   | format | address hi | address lo | prefix | user id   | start ms | end ms | last news  |
 *   +--------+------------+------------+--------+-----------+----------+--------+------------+
 *   then three strings, each a u16 length (0xffff: none) and UTF-8: user name, session id, source.
 * </pre>
 *
 * A value whose first byte is {@code '{'} is the JSON of earlier versions; the store still reads those.
 */
final class SessionValue
{
    /** First byte of the value: its format. */
    static final byte FORMAT = 1;
    private static final int FIXED_LENGTH = 50;
    private static final int NONE = 0xffff;

    private SessionValue()
    {
    }

    static byte[] encode(final Session.Snapshot session)
    {
        final byte[] userName = utf8(session.userName());
        final byte[] sessionId = utf8(session.sessionId());
        final byte[] source = utf8(session.source());
        final ByteBuffer value = ByteBuffer.allocate(FIXED_LENGTH + 6 + length(userName) + length(sessionId) +
            length(source));
        value.put(FORMAT).putLong(session.addrHi()).putLong(session.addrLo()).put((byte)session.prefixLength())
            .putLong(session.userId()).putLong(session.startMs()).putLong(session.endMs())
            .putLong(session.lastNewsMs());
        putString(value, userName);
        putString(value, sessionId);
        putString(value, source);
        return value.array();
    }

    /**
     * @param strings strings decoded so far: equal user names and sources share one String (a million sessions
     *                of a hundred thousand users hold a hundred thousand names, not a million).
     */
    static Session.Snapshot decode(final byte[] bytes, final Map<String, String> strings)
    {
        final ByteBuffer value = ByteBuffer.wrap(bytes);
        if (value.get() != FORMAT)
        {
            throw new IllegalArgumentException("unknown session format " + bytes[0]);
        }
        final long addrHi = value.getLong();
        final long addrLo = value.getLong();
        final int prefixLength = value.get() & 0xff;
        final long userId = value.getLong();
        final long startMs = value.getLong();
        final long endMs = value.getLong();
        final long lastNewsMs = value.getLong();
        final String userName = getString(value, strings);
        final String sessionId = getString(value, null);
        final String source = getString(value, strings);
        return new Session.Snapshot(addrHi, addrLo, prefixLength, userId, userName, sessionId, source, startMs,
            endMs, lastNewsMs);
    }

    /** @return a map for {@link #decode}'s shared strings. */
    static Map<String, String> sharedStrings()
    {
        return new HashMap<>();
    }

    private static byte[] utf8(final String text)
    {
        if (text == null)
        {
            return null;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= NONE)
        {
            throw new IllegalArgumentException("session text longer than " + (NONE - 1) + " bytes");
        }
        return bytes;
    }

    private static int length(final byte[] bytes)
    {
        return bytes == null ? 0 : bytes.length;
    }

    private static void putString(final ByteBuffer value, final byte[] bytes)
    {
        if (bytes == null)
        {
            value.putShort((short)NONE);
            return;
        }
        value.putShort((short)bytes.length).put(bytes);
    }

    private static String getString(final ByteBuffer value, final Map<String, String> shared)
    {
        final int length = value.getShort() & 0xffff;
        if (length == NONE)
        {
            return null;
        }
        final String text = new String(value.array(), value.position(), length, StandardCharsets.UTF_8);
        value.position(value.position() + length);
        return shared == null ? text : shared.computeIfAbsent(text, same -> same);
    }
}
