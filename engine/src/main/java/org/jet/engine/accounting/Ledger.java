package org.jet.engine.accounting;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.jet.engine.store.Bytes;
import org.jet.engine.store.Family;
import org.jet.engine.store.JetStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The durable usage history: hourly buckets per subject (IP address, user, cost centre) × traffic class, four
 * counters each, in the store's {@link Family#USAGE} family. Every write is one atomic batch of
 * {@code uint64add} merges plus the checkpoint (how many batches have been written), so after a crash the ledger holds
 * whole ticks only: nothing counted twice, nothing that was written lost.
 *
 * <p>Key layout (big-endian, so keys sort by kind, then hour, which is what reports scan):
 * <pre>
 *   0      1          5        7                 15                23        24
 *   +------+----------+--------+-----------------+-----------------+---------+
 *   | kind | hour (u32)| class | subject hi      | subject lo      | counter |
 *   +------+----------+--------+-----------------+-----------------+---------+
 * </pre>
 * The value is an 8-byte little-endian unsigned count (what {@code uint64add} adds). A class is stored by a number
 * that is assigned to its name once and never changes, so renumbering classes in the config does not mix history.
 *
 * <p>Users' and cost centres' rows, written every second, are written as totals instead: the key without its counter
 * byte (23 bytes), and a 32-byte value of the four counters (little-endian), put whole each time (see
 * {@link HourTotals}: one memtable entry updated in place rather than four merges a row). Readers add up both
 * forms, so rows merged by earlier versions still count. One {@code Ledger} writes a store at a time.
 */
public final class Ledger
{
    public static final int BYTES_IN = 0;
    public static final int BYTES_OUT = 1;
    public static final int PACKETS_IN = 2;
    public static final int PACKETS_OUT = 3;
    private static final int KEY_LENGTH = 24;
    private static final int TOTAL_KEY_LENGTH = KEY_LENGTH - 1;
    private static final int TOTAL_VALUE_LENGTH = 4 * Long.BYTES;
    private static final byte[] CHECKPOINT = JetStore.utf8("ledger.checkpoint");
    private static final String CLASS_PREFIX = "ledger.class.";
    private static final long HOUR_MS = 3_600_000L;
    private static final int ROW_INDEX_BITS = 24;
    private static final int ROW_INDEX_MASK = (1 << ROW_INDEX_BITS) - 1;

    private final JetStore store;
    private final ColumnFamilyHandle usage;
    /** Engine class number → stored class number. */
    private final short[] storedClass;
    private final Map<Short, String> classNames = new HashMap<>();
    private final UsageRows costCentreRows = new UsageRows(1024);
    private final byte[] key = new byte[KEY_LENGTH];
    private final ByteBuffer keyBuffer = ByteBuffer.wrap(key);
    /** Sort keys of a batch's rows: {@link UsageRows#keyOrder} above the row's index. */
    private long[] order = new long[1024];
    /** Copied by each merge (JNI), so one buffer serves them all. */
    private final byte[] value = new byte[Long.BYTES];
    private final byte[] totalKey = new byte[TOTAL_KEY_LENGTH];
    private final ByteBuffer totalKeyBuffer = ByteBuffer.wrap(totalKey);
    private final byte[] totalValue = new byte[TOTAL_VALUE_LENGTH];
    private final long[] total = new long[4];
    private final HourTotals totals;
    private long checkpoint;

    public Ledger(final JetStore store, final List<String> engineClassNames)
    {
        this(store, engineClassNames, 1 << 10);
    }

    /**
     * @param expectedRows users' and cost centres' rows a batch is expected to hold: what the ledger keeps of the
     *                     last hours' totals is sized for them at start.
     */
    public Ledger(final JetStore store, final List<String> engineClassNames, final int expectedRows)
    {
        this.store = store;
        this.usage = store.cf(Family.USAGE);
        this.storedClass = new short[engineClassNames.size()];
        loadClassNames();
        for (int c = 0; c < engineClassNames.size(); c++)
        {
            storedClass[c] = classNumber(engineClassNames.get(c));
        }
        final byte[] stored = store.get(Family.METADATA, CHECKPOINT);
        checkpoint = stored != null ? Bytes.longBigEndian(stored, 0) : 0;
        totals = new HourTotals(this::readTotal,
            Math.max(newestHour(UsageRows.USER), newestHour(UsageRows.COST_CENTRE)), expectedRows);
    }

    /**
     * Writes a batch of usage, its cost centres' share and the checkpoint, atomically and durably.
     *
     * @param rows        usage by IP and by user.
     * @param costCentres a user's cost centre and its ancestors, by numeric id (a cost centre's usage includes
     *                    its departments').
     * @param alsoInBatch adds what must be written with this usage (quota debits) to the batch.
     */
    public void write(final UsageRows rows, final LongFunction<long[]> costCentres,
        final Consumer<WriteBatch> alsoInBatch)
    {
        write(rows, 0, rows.size(), costCentres, alsoInBatch);
    }

    /**
     * Writes the rows {@code from} to {@code to} (in {@link UsageRows#forEach(int, int, UsageRows.RowVisitor)}'s
     * order) as {@link #write(UsageRows, LongFunction, Consumer)} writes a whole table: one atomic batch with its
     * checkpoint.
     */
    public void write(final UsageRows rows, final int from, final int to, final LongFunction<long[]> costCentres,
        final Consumer<WriteBatch> alsoInBatch)
    {
        boolean written = false;
        try (WriteBatch batch = new WriteBatch())
        {
            costCentreRows.clear();
            totals.beginBatch();
            forEachInKeyOrder(rows, from, to, (hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) ->
            {
                put(batch, hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut);
                if (UsageRows.kindOf(meta) == UsageRows.USER)
                {
                    final long centreMeta = UsageRows.meta(UsageRows.COST_CENTRE, UsageRows.hourOf(meta),
                        UsageRows.classOf(meta));
                    for (final long centre : costCentres.apply(lo))
                    {
                        costCentreRows.add(0, centre, centreMeta, bytesIn, bytesOut, packetsIn, packetsOut);
                    }
                }
            });
            costCentreRows.forEach((hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) ->
                put(batch, hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut));
            alsoInBatch.accept(batch);
            batch.put(store.cf(Family.METADATA), CHECKPOINT, Bytes.longBigEndian(checkpoint + 1));
            store.write(batch);
            checkpoint++;
            written = true;
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("ledger batch: " + ex.getMessage(), ex);
        }
        finally
        {
            if (!written)
            {
                totals.rollback();
            }
        }
    }

    /**
     * Visits rows about in the order of their keys: RocksDB inserts each merge into a skip list next to the one
     * before, which misses the cache far less than inserting in the random order rows were first touched.
     */
    private void forEachInKeyOrder(final UsageRows rows, final int from, final int to,
        final UsageRows.RowVisitor visitor)
    {
        final int count = to - from;
        if (count > ROW_INDEX_MASK)
        {
            rows.forEach(from, to, visitor);
            return;
        }
        if (order.length < count)
        {
            order = new long[Math.max(count, order.length * 2)];
        }
        for (int n = 0; n < count; n++)
        {
            order[n] = (rows.keyOrder(from + n) << ROW_INDEX_BITS) | n;
        }
        Arrays.sort(order, 0, count);
        for (int i = 0; i < count; i++)
        {
            rows.row(from + (int)(order[i] & ROW_INDEX_MASK), visitor);
        }
    }

    private void put(final WriteBatch batch, final long hi, final long lo, final long meta,
        final long bytesIn, final long bytesOut, final long packetsIn, final long packetsOut)
    {
        if (UsageRows.kindOf(meta) != UsageRows.IP)
        {
            putTotal(batch, hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut);
            return;
        }
        writeKey(keyBuffer, hi, lo, meta);
        merge(batch, BYTES_IN, bytesIn);
        merge(batch, BYTES_OUT, bytesOut);
        merge(batch, PACKETS_IN, packetsIn);
        merge(batch, PACKETS_OUT, packetsOut);
    }

    private void putTotal(final WriteBatch batch, final long hi, final long lo, final long meta,
        final long bytesIn, final long bytesOut, final long packetsIn, final long packetsOut)
    {
        totals.add(hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut, total);
        writeKey(totalKeyBuffer, hi, lo, meta);
        for (int c = 0; c < total.length; c++)
        {
            Bytes.uint64LittleEndian(total[c], value);
            System.arraycopy(value, 0, totalValue, c * Long.BYTES, Long.BYTES);
        }
        try
        {
            batch.put(usage, totalKey, totalValue);
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("ledger batch: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes a row's key into the first 23 bytes of {@code k} (a counter's key has its number after them); through a
     * buffer kept for each key array, as a wrap per row was garbage on every row of every batch.
     */
    private void writeKey(final ByteBuffer k, final long hi, final long lo, final long meta)
    {
        k.put(0, (byte)UsageRows.kindOf(meta));
        k.putInt(1, (int)UsageRows.hourOf(meta));
        k.putShort(5, storedClass[UsageRows.classOf(meta)]);
        k.putLong(7, hi);
        k.putLong(15, lo);
    }

    /** {@link HourTotals.Store}: a row's total as stored. */
    private boolean readTotal(final long hi, final long lo, final long meta, final long[] into)
    {
        writeKey(totalKeyBuffer, hi, lo, meta);
        final byte[] stored = store.get(Family.USAGE, totalKey);
        if (stored == null || stored.length != TOTAL_VALUE_LENGTH)
        {
            return false;
        }
        readTotalValue(stored, into);
        return true;
    }

    private static void readTotalValue(final byte[] stored, final long[] into)
    {
        final ByteBuffer v = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < into.length; c++)
        {
            into[c] = v.getLong(c * Long.BYTES);
        }
    }

    /** @return the newest hour with a row of {@code kind} in the store (either form), or -1 when there is none. */
    private long newestHour(final int kind)
    {
        final byte[] afterKind = {(byte)(kind + 1)};
        try (RocksIterator it = store.iterator(Family.USAGE))
        {
            it.seekForPrev(afterKind);
            if (it.isValid() && Arrays.equals(it.key(), afterKind))
            {
                it.prev();
            }
            if (!it.isValid() || it.key().length < 5 || it.key()[0] != kind)
            {
                return -1;
            }
            return ByteBuffer.wrap(it.key()).getInt(1) & 0xffff_ffffL;
        }
    }

    private void merge(final WriteBatch batch, final int counter, final long count)
    {
        if (count == 0)
        {
            return;
        }
        key[KEY_LENGTH - 1] = (byte)counter;
        try
        {
            Bytes.uint64LittleEndian(count, this.value);
            batch.merge(usage, key, this.value);
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("ledger batch: " + ex.getMessage(), ex);
        }
    }

    /** @return batches written so far, over the ledger's whole life. */
    public long checkpoint()
    {
        return checkpoint;
    }

    /**
     * Reads usage of one kind of subject between two times, summed over the hours.
     *
     * @param kind   {@link UsageRows#IP}, {@link UsageRows#USER} or {@link UsageRows#COST_CENTRE}.
     * @param fromMs start, inclusive (rounded down to its hour).
     * @param toMs   end, exclusive (rounded up to its hour).
     * @return rows by subject and class, in subject order.
     */
    public List<Row> read(final int kind, final long fromMs, final long toMs)
    {
        final long fromHour = Math.max(0, Math.floorDiv(fromMs, HOUR_MS));
        final long toHour = Math.min(0xffff_ffffL, Math.floorDiv(toMs + HOUR_MS - 1, HOUR_MS));
        final Map<RowKey, long[]> sums = new LinkedHashMap<>();
        final long[] stored = new long[4];
        final byte[] start = new byte[5];
        start[0] = (byte)kind;
        ByteBuffer.wrap(start).putInt(1, (int)fromHour);
        try (RocksIterator it = store.iterator(Family.USAGE))
        {
            for (it.seek(start); it.isValid(); it.next())
            {
                final byte[] k = it.key();
                if ((k.length != KEY_LENGTH && k.length != TOTAL_KEY_LENGTH) || k[0] != kind)
                {
                    break;
                }
                final ByteBuffer b = ByteBuffer.wrap(k);
                if ((b.getInt(1) & 0xffff_ffffL) >= toHour)
                {
                    break;
                }
                final RowKey rowKey = new RowKey(b.getLong(7), b.getLong(15), b.getShort(5));
                final long[] counters = sums.computeIfAbsent(rowKey, x -> new long[4]);
                if (k.length == TOTAL_KEY_LENGTH)
                {
                    readTotalValue(it.value(), stored);
                    for (int c = 0; c < stored.length; c++)
                    {
                        counters[c] += stored[c];
                    }
                }
                else
                {
                    counters[k[KEY_LENGTH - 1]] += Bytes.uint64LittleEndian(it.value());
                }
            }
        }
        final List<Row> rows = new ArrayList<>(sums.size());
        sums.forEach((rowKey, c) -> rows.add(new Row(rowKey.hi(), rowKey.lo(),
            classNames.getOrDefault(rowKey.storedClass(), "class-" + rowKey.storedClass()),
            c[BYTES_IN], c[BYTES_OUT], c[PACKETS_IN], c[PACKETS_OUT])));
        rows.sort((a, b) -> a.hi() != b.hi() ? Long.compareUnsigned(a.hi(), b.hi()) :
            a.lo() != b.lo() ? Long.compareUnsigned(a.lo(), b.lo()) : a.trafficClass().compareTo(b.trafficClass()));
        return rows;
    }

    /**
     * Usage of one subject in one traffic class over a time range.
     *
     * @param hi subject: an address, or 0 and a numeric id in {@code lo}.
     */
    public record Row(long hi, long lo, String trafficClass, long bytesIn, long bytesOut, long packetsIn,
        long packetsOut)
    {
    }

    private record RowKey(long hi, long lo, short storedClass)
    {
    }

    private void loadClassNames()
    {
        try (RocksIterator it = store.iterator(Family.METADATA))
        {
            final byte[] prefix = JetStore.utf8(CLASS_PREFIX);
            for (it.seek(prefix); it.isValid(); it.next())
            {
                final String name = new String(it.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (!name.startsWith(CLASS_PREFIX))
                {
                    break;
                }
                classNames.put((short)Bytes.longBigEndian(it.value(), 0), name.substring(CLASS_PREFIX.length()));
            }
        }
    }

    private short classNumber(final String name)
    {
        for (final Map.Entry<Short, String> entry : classNames.entrySet())
        {
            if (entry.getValue().equals(name))
            {
                return entry.getKey();
            }
        }
        final short number = (short)classNames.size();
        store.put(Family.METADATA, JetStore.utf8(CLASS_PREFIX + name), Bytes.longBigEndian(number));
        classNames.put(number, name);
        return number;
    }
}
