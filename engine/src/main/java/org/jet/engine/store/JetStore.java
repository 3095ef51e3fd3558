package org.jet.engine.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * Jet's durable store: one RocksDB in {@code DATA_DIR/store} with a column family per {@link Family}, created when
 * missing. Every change goes through {@link #write} as one atomic {@link WriteBatch} whose WAL is synced before it
 * returns, so a change that was acknowledged survives a crash of the process or the machine. Thread-safe (RocksDB
 * is); one process at a time: a second one fails at {@link #open} with a one-line error.
 *
 * <p>Options, and why:
 * <ul>
 *   <li>One {@value #CACHE_BYTES}-byte block cache for all families, with the memtables of all families charged to
 *   it (at most {@value #MEMTABLE_BYTES} bytes): RocksDB's memory is bounded whatever the number of families (by
 *   default each would take up to 2 x 64 MB of memtables).</li>
 *   <li>{@code max_total_wal_size}: a family written rarely (users) would otherwise keep every WAL file since its
 *   last write alive; past this size RocksDB flushes it and the old WAL files go.</li>
 *   <li>Two background jobs (flush, compaction): the machine's cores belong to the flow path first.</li>
 *   <li>The usage family updates a put in place when its key is already in the memtable (users' totals, rewritten
 *   every second, stay one entry each instead of piling up to be flushed and compacted); this needs memtable writes
 *   to be serialised, which costs nothing here: the ledger's thread writes nearly all of them.</li>
 *   <li>The usage family compacts its level 0 when it holds {@value #USAGE_L0_FILES} files, not 4: each compaction
 *   merges the new files into the hour's rows of every address already in level 1, so fewer, larger ones rewrite
 *   those rows less often. At 1.6M records/s over a million addresses the compaction thread took 0.65 of the CPU it
 *   took at 4 (two runs each, alternated); reports read at most a few more files.</li>
 *   <li>LZ4 compression: cheap on the CPU; usage keys and JSON values compress well.</li>
 *   <li>RocksDB's own diagnostics go to {@code store/LOG} as usual, kept to {@value #LOG_FILES} files of at most
 *   {@value #LOG_FILE_BYTES} bytes so the data directory does not fill with logs.</li>
 * </ul>
 */
public final class JetStore implements AutoCloseable
{
    public static final String DIRECTORY = "store";

    static final long CACHE_BYTES = 128L << 20;
    static final long MEMTABLE_BYTES = 64L << 20;
    static final long LOG_FILE_BYTES = 16L << 20;
    static final int LOG_FILES = 5;
    private static final long WRITE_BUFFER_BYTES = 16L << 20;
    private static final int USAGE_L0_FILES = 8;
    private static final long MAX_TOTAL_WAL_BYTES = 128L << 20;

    static
    {
        RocksDB.loadLibrary();
    }

    private final Path dataDir;
    private final RocksDB db;
    private final Map<Family, ColumnFamilyHandle> handles;
    /** Every handle opened, including families of a later Jet version that this one does not know. */
    private final List<ColumnFamilyHandle> allHandles;
    private final List<AutoCloseable> resources;
    private final WriteOptions syncWrites;
    private final WriteOptions lazyWrites;
    /** Set before the native handles are freed: a use after that would crash the JVM, so it throws instead. */
    private volatile boolean closed;

    private JetStore(
        final Path dataDir,
        final RocksDB db,
        final Map<Family, ColumnFamilyHandle> handles,
        final List<ColumnFamilyHandle> allHandles,
        final List<AutoCloseable> resources,
        final WriteOptions syncWrites,
        final WriteOptions lazyWrites)
    {
        this.dataDir = dataDir;
        this.db = db;
        this.handles = handles;
        this.allHandles = allHandles;
        this.resources = resources;
        this.syncWrites = syncWrites;
        this.lazyWrites = lazyWrites;
    }

    /**
     * Opens (creating when missing) the store in {@code dataDir/store}.
     *
     * @param dataDir Jet's data directory.
     * @throws StoreException with a one-line message: the directory is in use by another process, or cannot be
     *                        opened (permissions, corruption).
     */
    public static JetStore open(final Path dataDir)
    {
        final Path dir = dataDir.resolve(DIRECTORY).toAbsolutePath();
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot create the store directory " + dir + ": " + ex, ex);
        }
        final List<AutoCloseable> resources = new ArrayList<>();
        final LRUCache cache = track(resources, new LRUCache(CACHE_BYTES));
        final WriteBufferManager memtables = track(resources, new WriteBufferManager(MEMTABLE_BYTES, cache));
        final DBOptions dbOptions = track(resources, new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setWriteBufferManager(memtables)
            .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
            .setMaxBackgroundJobs(2)
            .setAllowConcurrentMemtableWrite(false)
            .setBytesPerSync(1 << 20)
            .setKeepLogFileNum(LOG_FILES)
            .setMaxLogFileSize(LOG_FILE_BYTES));
        final ColumnFamilyOptions plain = track(resources, familyOptions(cache));
        final ColumnFamilyOptions counters = track(resources, familyOptions(cache)
            .setMergeOperator(track(resources, new UInt64AddOperator()))
            .setLevel0FileNumCompactionTrigger(USAGE_L0_FILES)
            .setInplaceUpdateSupport(true));

        final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, plain));
        for (final Family family : Family.values())
        {
            descriptors.add(new ColumnFamilyDescriptor(family.rocksName(), family == Family.USAGE ? counters : plain));
        }
        for (final byte[] existing : existingFamilies(dir))
        {
            if (!isKnown(existing))
            {
                descriptors.add(new ColumnFamilyDescriptor(existing, plain));
            }
        }

        final WriteOptions syncWrites = track(resources, new WriteOptions().setSync(true));
        final WriteOptions lazyWrites = track(resources, new WriteOptions().setSync(false));
        final List<ColumnFamilyHandle> allHandles = new ArrayList<>();
        final RocksDB db;
        try
        {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
        }
        catch (final RocksDBException ex)
        {
            closeAll(resources);
            throw new StoreException(openFailure(dataDir.toAbsolutePath(), dir, ex), ex);
        }
        final Map<Family, ColumnFamilyHandle> handles = new EnumMap<>(Family.class);
        for (final Family family : Family.values())
        {
            handles.put(family, allHandles.get(1 + family.ordinal()));
        }
        return new JetStore(dataDir, db, handles, allHandles, resources, syncWrites, lazyWrites);
    }

    private static ColumnFamilyOptions familyOptions(final LRUCache cache)
    {
        return new ColumnFamilyOptions()
            .setWriteBufferSize(WRITE_BUFFER_BYTES)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
    }

    private static List<byte[]> existingFamilies(final Path dir)
    {
        try (Options options = new Options())
        {
            return RocksDB.listColumnFamilies(options, dir.toString());
        }
        catch (final RocksDBException ex)
        {
            return List.of(); // a new store: nothing there yet
        }
    }

    private static boolean isKnown(final byte[] name)
    {
        if (Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY))
        {
            return true;
        }
        for (final Family family : Family.values())
        {
            if (Arrays.equals(name, family.rocksName()))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * RocksDB reports a held lock as an I/O error on {@code LOCK} ("Resource temporarily unavailable" from another
     * process, "lock hold by current process" from this one).
     */
    private static String openFailure(final Path dataDir, final Path dir, final RocksDBException ex)
    {
        final Status status = ex.getStatus();
        final String reason = status != null && status.getState() != null ? status.getState() : ex.getMessage();
        if (status != null && status.getCode() == Status.Code.IOError &&
            reason != null && reason.toLowerCase(Locale.ROOT).contains("lock"))
        {
            return "data directory " + dataDir + " is in use by another jet process (RocksDB holds " +
                dir.resolve("LOCK") + ")";
        }
        return "cannot open the store in " + dir + ": " + (reason == null ? ex.toString() : reason.strip());
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public RocksDB db()
    {
        return db;
    }

    public ColumnFamilyHandle cf(final Family family)
    {
        return handles.get(family);
    }

    /**
     * Applies the batch atomically and syncs the WAL before returning: durable once this returns.
     */
    public void write(final WriteBatch batch)
    {
        requireOpen();
        try
        {
            db.write(syncWrites, batch);
        }
        catch (final RocksDBException ex)
        {
            throw new StoreException("store write failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Applies the batch atomically without waiting for the disk: it survives the process being killed (the OS holds
     * it) and is made durable by the next {@link #write}. For changes made often on a busy thread.
     */
    public void writeLazily(final WriteBatch batch)
    {
        requireOpen();
        try
        {
            db.write(lazyWrites, batch);
        }
        catch (final RocksDBException ex)
        {
            throw new StoreException("store write failed: " + ex.getMessage(), ex);
        }
    }

    /** @return the value of {@code key} in {@code family}, or null. */
    public byte[] get(final Family family, final byte[] key)
    {
        requireOpen();
        try
        {
            return db.get(cf(family), key);
        }
        catch (final RocksDBException ex)
        {
            throw new StoreException("store read failed: " + ex.getMessage(), ex);
        }
    }

    /** Puts one value, durably: for single changes; a change with more than one key uses {@link #write}. */
    public void put(final Family family, final byte[] key, final byte[] value)
    {
        try (WriteBatch batch = new WriteBatch())
        {
            batch.put(cf(family), key, value);
            write(batch);
        }
        catch (final RocksDBException ex)
        {
            throw new StoreException("store write failed: " + ex.getMessage(), ex);
        }
    }

    /** @return an iterator over {@code family}; the caller closes it. */
    public RocksIterator iterator(final Family family)
    {
        requireOpen();
        return db.newIterator(cf(family));
    }

    /** Utility for keys made of text (logins, ids). */
    public static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void requireOpen()
    {
        if (closed)
        {
            throw new StoreException("the store is closed (the daemon is stopping)", null);
        }
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final ColumnFamilyHandle handle : allHandles)
        {
            handle.close();
        }
        try
        {
            db.closeE();
        }
        catch (final RocksDBException ex)
        {
            throw new StoreException("closing the store failed: " + ex.getMessage(), ex);
        }
        finally
        {
            closeAll(resources);
        }
    }

    private static <T extends AutoCloseable> T track(final List<AutoCloseable> resources, final T resource)
    {
        resources.add(resource);
        return resource;
    }

    private static void closeAll(final List<AutoCloseable> resources)
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            try
            {
                resources.get(i).close();
            }
            catch (final Exception ex)
            {
                // Native option objects do not fail to close; nothing to do if one did.
            }
        }
    }
}
