package org.jet.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The append-only log of every change an operator (or a session source) made, in {@link Family#AUDIT}. An entry is
 * added to the caller's {@link WriteBatch}, so it is written atomically with the change it describes: no change
 * without its entry, no entry without its change.
 *
 * <pre>
 * key:   | time ms (8 bytes, big-endian) | sequence (8 bytes, big-endian) |   sorts by time, then order of append
 * value: {"time":"2026-11-26T10:00:00.123Z","actor":"cli:ops","action":"user.update","subject":"alice",
 *         "details":{...}}
 * </pre>
 *
 * Keys only grow: the time never goes back (if the clock steps back, entries keep the last time until it catches
 * up) and the sequence goes on from the last entry after a restart. So keys are unique and the last key holds the
 * largest sequence.
 */
public final class AuditLog
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEY_LENGTH = 16;

    private final JetStore store;
    private final LongSupplier clock;
    private long lastTimeMs;
    private long lastSequence;

    private AuditLog(final JetStore store, final LongSupplier clock, final long lastTimeMs, final long lastSequence)
    {
        this.store = store;
        this.clock = clock;
        this.lastTimeMs = lastTimeMs;
        this.lastSequence = lastSequence;
    }

    public static AuditLog open(final JetStore store)
    {
        return open(store, System::currentTimeMillis);
    }

    public static AuditLog open(final JetStore store, final LongSupplier clock)
    {
        try (RocksIterator it = store.iterator(Family.AUDIT))
        {
            it.seekToLast();
            if (it.isValid())
            {
                final byte[] key = it.key();
                return new AuditLog(store, clock, Bytes.longBigEndian(key, 0), Bytes.longBigEndian(key, 8));
            }
        }
        return new AuditLog(store, clock, 0, 0);
    }

    /**
     * Adds an entry to {@code batch}; it is written when the batch is.
     *
     * @param details a JSON-serialisable map (may be empty).
     */
    public void append(
        final WriteBatch batch,
        final String actor,
        final String action,
        final String subject,
        final Map<String, ?> details)
    {
        final byte[] key = nextKey();
        final long timeMs = Bytes.longBigEndian(key, 0);
        final ObjectNode entry = JSON.createObjectNode();
        entry.put("time", Instant.ofEpochMilli(timeMs).toString());
        entry.put("actor", actor);
        entry.put("action", action);
        entry.put("subject", subject);
        entry.set("details", JSON.valueToTree(details));
        try
        {
            batch.put(store.cf(Family.AUDIT), key, JSON.writeValueAsBytes(entry));
        }
        catch (final RocksDBException ex)
        {
            throw new StoreException("audit entry not added to the batch: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private synchronized byte[] nextKey()
    {
        lastTimeMs = Math.max(lastTimeMs, clock.getAsLong());
        final byte[] key = new byte[KEY_LENGTH];
        Bytes.putLongBigEndian(key, 0, lastTimeMs);
        Bytes.putLongBigEndian(key, 8, ++lastSequence);
        return key;
    }

    /**
     * @return up to {@code limit} entries from {@code fromMs} on, oldest first.
     */
    public List<AuditEntry> read(final long fromMs, final int limit)
    {
        final List<AuditEntry> entries = new ArrayList<>();
        try (RocksIterator it = store.iterator(Family.AUDIT))
        {
            final byte[] start = new byte[KEY_LENGTH];
            Bytes.putLongBigEndian(start, 0, Math.max(0, fromMs));
            for (it.seek(start); it.isValid() && entries.size() < limit; it.next())
            {
                final byte[] key = it.key();
                final JsonNode value = JSON.readTree(it.value());
                entries.add(new AuditEntry(Bytes.longBigEndian(key, 0), Bytes.longBigEndian(key, 8),
                    value.path("actor").asText(), value.path("action").asText(), value.path("subject").asText(),
                    value.path("details")));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return entries;
    }
}
