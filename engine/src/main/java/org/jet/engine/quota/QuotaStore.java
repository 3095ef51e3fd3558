package org.jet.engine.quota;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.jet.engine.store.Bytes;
import org.jet.engine.store.Family;
import org.jet.engine.store.JetStore;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Quota on disk, in the store's {@link Family#QUOTA} family, written in the same batches as the usage it debits:
 * <pre>
 *   user/  user id (8)        → {@link UserQuota} ({@link UserQuotaCodec}: binary, rewritten with every debit)
 *   pool/  owner id (8)       → {@link Pool} (JSON; owner -1 is the global pool)
 *   plan/  user id (8)        → the user's own plan allowance per period, bytes (8, big-endian)
 *   seq/topup                 → last top-up number
 * </pre>
 */
final class QuotaStore
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final byte[] USER = JetStore.utf8("user/");
    static final byte[] POOL = JetStore.utf8("pool/");
    static final byte[] PLAN = JetStore.utf8("plan/");
    private static final byte[] TOPUP_SEQUENCE = JetStore.utf8("seq/topup");

    private final JetStore store;

    QuotaStore(final JetStore store)
    {
        this.store = store;
    }

    void put(final WriteBatch batch, final UserQuota quota)
    {
        try
        {
            batch.put(store.cf(Family.QUOTA), key(USER, quota.userId), UserQuotaCodec.encode(quota));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("quota store: " + ex.getMessage(), ex);
        }
    }

    void put(final WriteBatch batch, final Pool pool)
    {
        put(batch, key(POOL, pool.owner), pool);
    }

    void putPlan(final WriteBatch batch, final long userId, final Long bytes)
    {
        try
        {
            if (bytes == null)
            {
                batch.delete(store.cf(Family.QUOTA), key(PLAN, userId));
            }
            else
            {
                batch.put(store.cf(Family.QUOTA), key(PLAN, userId), Bytes.longBigEndian(bytes));
            }
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("quota store: " + ex.getMessage(), ex);
        }
    }

    void putTopUpSequence(final WriteBatch batch, final long sequence)
    {
        try
        {
            batch.put(store.cf(Family.QUOTA), TOPUP_SEQUENCE, Bytes.longBigEndian(sequence));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("quota store: " + ex.getMessage(), ex);
        }
    }

    long topUpSequence()
    {
        final byte[] value = store.get(Family.QUOTA, TOPUP_SEQUENCE);
        return value == null ? 0 : Bytes.longBigEndian(value, 0);
    }

    Map<Long, UserQuota> users()
    {
        final Map<Long, UserQuota> users = new HashMap<>();
        scan(USER, (id, value) -> users.put(id, UserQuotaCodec.decode(id, value)));
        return users;
    }

    Map<Long, Pool> pools()
    {
        final Map<Long, Pool> pools = new HashMap<>();
        scan(POOL, (id, value) -> pools.put(id, read(value, Pool.class)));
        return pools;
    }

    Map<Long, Long> plans()
    {
        final Map<Long, Long> plans = new HashMap<>();
        scan(PLAN, (id, value) -> plans.put(id, Bytes.longBigEndian(value, 0)));
        return plans;
    }

    private void scan(final byte[] prefix, final BiConsumer<Long, byte[]> each)
    {
        try (RocksIterator it = store.iterator(Family.QUOTA))
        {
            for (it.seek(prefix); it.isValid(); it.next())
            {
                final byte[] key = it.key();
                if (key.length != prefix.length + 8 || !ByteBuffer.wrap(key, 0, prefix.length)
                    .equals(ByteBuffer.wrap(prefix)))
                {
                    break;
                }
                each.accept(Bytes.longBigEndian(key, prefix.length), it.value());
            }
        }
    }

    private void put(final WriteBatch batch, final byte[] key, final Object value)
    {
        try
        {
            batch.put(store.cf(Family.QUOTA), key, JSON.writeValueAsBytes(value));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("quota store: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static <T> T read(final byte[] value, final Class<T> type)
    {
        try
        {
            return JSON.readValue(value, type);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("quota store holds an unreadable " + type.getSimpleName(), ex);
        }
    }

    private static byte[] key(final byte[] prefix, final long id)
    {
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(id).array();
    }
}
