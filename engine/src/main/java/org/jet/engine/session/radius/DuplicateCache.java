package org.jet.engine.session.radius;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests already handled, with the response they got, so a retransmit (same source, port, identifier and Request
 * Authenticator: RFC 2865 §3, RFC 5080 §2.2.2) is answered again without its session changes being published
 * twice. Bounded: the oldest entry goes when it is full, so it must hold at least the requests of a NAS's retry
 * window. Owned by the server thread.
 */
final class DuplicateCache
{
    record Key(InetAddress address, int port, int identifier, long authenticatorHi, long authenticatorLo)
    {
    }

    private final LinkedHashMap<Key, byte[]> entries;

    DuplicateCache(final int capacity)
    {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Key, byte[]> eldest)
            {
                return size() > capacity;
            }
        };
    }

    /** @return the response sent to this request, or null when it is new. */
    byte[] response(final Key key)
    {
        return entries.get(key);
    }

    void remember(final Key key, final byte[] response)
    {
        entries.put(key, response);
    }

    int size()
    {
        return entries.size();
    }
}
