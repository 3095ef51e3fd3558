package org.jet.engine.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.jet.collector.record.IpAddress;
import org.jet.engine.store.Family;
import org.jet.engine.store.JetStore;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Sessions on disk, in the store's {@link Family#SESSIONS} family: the open ones (restored at start, so a restart
 * does not forget who holds which address) and the history of closed ones (who held an address when, for audits
 * and disputes). Written as sessions open and close, on the engine thread, without waiting for the disk: a write
 * survives the process being killed at once (the OS holds it) and reaches the disk with the next ledger batch.
 *
 * <pre>
 *   open/    address (16) prefix length (1)        → session ({@link SessionValue})
 *   closed/  start ms (8) address (16) prefix (1)  → session ({@link SessionValue})
 *   held/    user id (8) address (16) prefix (1)   → nothing: which addresses a user's open sessions hold
 * </pre>
 */
public final class SessionStore implements SessionTable.Listener
{
    /** Reads the JSON values that versions before {@link SessionValue} wrote. */
    private static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final byte[] OPEN = JetStore.utf8("open/");
    private static final byte[] CLOSED = JetStore.utf8("closed/");
    private static final byte[] HELD = JetStore.utf8("held/");
    private static final byte[] NOTHING = new byte[0];

    private final JetStore store;

    public SessionStore(final JetStore store)
    {
        this.store = store;
    }

    @Override
    public void onOpened(final Session session)
    {
        try (WriteBatch batch = new WriteBatch())
        {
            batch.put(store.cf(Family.SESSIONS), openKey(session), SessionValue.encode(session.snapshot()));
            batch.put(store.cf(Family.SESSIONS), heldKey(session.userId, session.addrHi, session.addrLo,
                session.prefixLength), NOTHING);
            store.writeLazily(batch);
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("session store: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void onClosed(final Session session)
    {
        try (WriteBatch batch = new WriteBatch())
        {
            batch.delete(store.cf(Family.SESSIONS), openKey(session));
            batch.delete(store.cf(Family.SESSIONS), heldKey(session.userId, session.addrHi, session.addrLo,
                session.prefixLength));
            final ByteBuffer key = ByteBuffer.allocate(CLOSED.length + 25);
            key.put(CLOSED).putLong(session.startMs).putLong(session.addrHi).putLong(session.addrLo)
                .put((byte)session.prefixLength);
            batch.put(store.cf(Family.SESSIONS), key.array(), SessionValue.encode(session.snapshot()));
            store.writeLazily(batch);
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("session store: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes open sessions in one atomic, durable batch, as {@link #onOpened} would one by one: for tools that
     * restore or prepare a population of sessions (a benchmark's million addresses) without an engine, in chunks
     * of up to about a hundred thousand. An engine restores them at its next start.
     */
    public void writeOpen(final List<Session.Snapshot> sessions)
    {
        try (WriteBatch batch = new WriteBatch())
        {
            for (final Session.Snapshot session : sessions)
            {
                batch.put(store.cf(Family.SESSIONS),
                    openKey(session.addrHi(), session.addrLo(), session.prefixLength()), SessionValue.encode(session));
                batch.put(store.cf(Family.SESSIONS),
                    heldKey(session.userId(), session.addrHi(), session.addrLo(), session.prefixLength()), NOTHING);
            }
            store.write(batch);
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("session store: " + ex.getMessage(), ex);
        }
    }

    /** @return the sessions that were open when the store was last written. */
    public List<Session.Snapshot> openSessions()
    {
        return read(OPEN);
    }

    /**
     * Writes the {@code held/} index of {@code open} sessions when the store has none: stores written before the
     * index existed would otherwise give edge devices no addresses for their users' sessions.
     */
    public void indexHeld(final List<Session.Snapshot> open)
    {
        if (open.isEmpty())
        {
            return;
        }
        try (RocksIterator it = store.iterator(Family.SESSIONS))
        {
            it.seek(HELD);
            if (it.isValid() && startsWith(it.key(), HELD))
            {
                return;
            }
        }
        try (WriteBatch batch = new WriteBatch())
        {
            for (final Session.Snapshot session : open)
            {
                batch.put(store.cf(Family.SESSIONS),
                    heldKey(session.userId(), session.addrHi(), session.addrLo(), session.prefixLength()), NOTHING);
            }
            store.write(batch);
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("session store: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the addresses the user's open sessions hold, as text ({@code 10.0.0.5}, {@code 2001:db8:1:2::/64}):
     *         what an edge device acts on.
     */
    public List<String> addressesOf(final long userId)
    {
        final byte[] prefix = ByteBuffer.allocate(HELD.length + 8).put(HELD).putLong(userId).array();
        final List<String> addresses = new ArrayList<>();
        try (RocksIterator it = store.iterator(Family.SESSIONS))
        {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next())
            {
                final ByteBuffer key = ByteBuffer.wrap(it.key(), prefix.length, 17);
                final String address = IpAddress.toString(key.getLong(), key.getLong());
                addresses.add(key.get() == 64 ? address + "/64" : address);
            }
        }
        return addresses;
    }

    /** @return closed sessions, oldest first. */
    public List<Session.Snapshot> closedSessions()
    {
        return read(CLOSED);
    }

    private List<Session.Snapshot> read(final byte[] prefix)
    {
        final List<Session.Snapshot> sessions = new ArrayList<>();
        final Map<String, String> strings = SessionValue.sharedStrings();
        try (RocksIterator it = store.iterator(Family.SESSIONS))
        {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next())
            {
                final byte[] value = it.value();
                sessions.add(value.length > 0 && value[0] == '{' ?
                    JSON.readValue(value, Session.Snapshot.class) : SessionValue.decode(value, strings));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("session store holds an unreadable session", ex);
        }
        catch (final IllegalArgumentException | BufferUnderflowException ex)
        {
            throw new IllegalStateException("session store holds an unreadable session: " + ex, ex);
        }
        return sessions;
    }

    private static byte[] openKey(final Session session)
    {
        return openKey(session.addrHi, session.addrLo, session.prefixLength);
    }

    private static byte[] openKey(final long addrHi, final long addrLo, final int prefixLength)
    {
        return ByteBuffer.allocate(OPEN.length + 17).put(OPEN).putLong(addrHi).putLong(addrLo)
            .put((byte)prefixLength).array();
    }

    private static byte[] heldKey(final long userId, final long addrHi, final long addrLo, final int prefixLength)
    {
        return ByteBuffer.allocate(HELD.length + 25).put(HELD).putLong(userId).putLong(addrHi).putLong(addrLo)
            .put((byte)prefixLength).array();
    }

    private static boolean startsWith(final byte[] key, final byte[] prefix)
    {
        if (key.length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (key[i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }
}
