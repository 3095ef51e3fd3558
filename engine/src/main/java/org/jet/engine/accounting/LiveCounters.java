package org.jet.engine.accounting;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.values.Values;
import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current period's counters per IP address and per user, in two Chronicle Maps memory-mapped from
 * {@code ip.dat} and {@code user.dat} in the given directory (the daemon's {@code DATA_DIR/live/}). Off-heap, so a
 * million addresses cost the heap nothing, and readable by other threads while the engine writes.
 *
 * <p>Writing: one thread at a time (the ledger's, or the one rebuilding the counters at start) calls the folds and
 * {@link #resetPeriod()}. A fold adds each touched entry in place: {@code acquireUsing} with a reused key and
 * an off-heap value reference finds the entry under the segment's read lock (or inserts it under the update lock)
 * and binds the reference to the entry's memory, then six plain long additions write straight into the mapped
 * file. Nothing is allocated per entry. Measured against the alternatives on 1,000,000 entries:
 * {@code acquireContext} (write lock held during the additions, value copied back on close) costs about 15 % more,
 * and {@code getUsing} + {@code put} of a heap value about 50 % more. The additions happen after the lock is released,
 * so a reader may see an entry's fields from either side of one fold (each field on its own is an aligned 8-byte
 * write, so never torn); for live counters that is fine.
 *
 * <p>Durability: the kernel owns the mapped pages, so what was folded survives the process being killed (not the
 * machine losing power before the pages reach the disk). While the maps are open a marker file {@value #OPEN_MARKER}
 * sits beside them; finding it at open means the last process did not close them (killed, crashed), so the files
 * go through Chronicle's recovery, which releases the segment locks a killed process held (seconds for a million
 * addresses; a clean reopen takes milliseconds). Entry checksums are off: in-place writes through an off-heap
 * reference do not update them, and recovery deletes entries whose checksum does not match. The ledger is the
 * truth after a crash; these counters are what the API shows between ticks.
 *
 * <p>Sizing: {@code expectedIps} and {@code expectedUsers} size each map when its file is created (a file that
 * exists keeps the size it was made with): 1,000,000 addresses make a 71 MiB {@code ip.dat}, 100,000 users a
 * 6.7 MiB {@code user.dat}, both allocated on disk at creation. Up to {@value #MAX_BLOAT_FACTOR} times as many
 * entries fit in extra segment tiers allocated as needed; past that an insert fails, which {@link #fold} counts
 * ({@link #foldFailures()}) and logs rather than abandoning the rest of the tick.
 *
 * <p>Cost: a Chronicle Map update is a few hundred nanoseconds of CPU even when the entry is in cache, so a fold of
 * 60,000 entries takes tens of milliseconds (bench/README.md). When a tick touches that many, fold these counters
 * less often than the ledger, from deltas kept for longer.
 *
 * <p>Counters are unsigned 64-bit values; plain long addition wraps as unsigned addition does.
 */
public final class LiveCounters implements AutoCloseable
{
    public static final String IP_FILE = "ip.dat";
    public static final String USER_FILE = "user.dat";
    /** Present while a process has the maps open. */
    public static final String OPEN_MARKER = "open.marker";
    static final double MAX_BLOAT_FACTOR = 4.0;
    private static final long FAILURE_LOG_INTERVAL_MS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveCounters.class);
    private static final long NO_ADDRESS = 0;

    static
    {
        if (!ValueClassCompiler.withoutAnnotationProcessors())
        {
            LOG.debug("Chronicle's run-time compiler keeps its options: it may write extensions.idx here");
        }
    }

    private final Path openMarker;
    private final ChronicleMap<IpKey, UsageValue> ips;
    private final ChronicleMap<LongValue, UsageValue> users;

    // The engine thread's reusable flyweights: a heap key set per entry, an off-heap reference into the map.
    private final IpKey foldIpKey = Values.newHeapInstance(IpKey.class);
    private final LongValue foldUserKey = Values.newHeapInstance(LongValue.class);
    private final UsageValue foldValue = Values.newNativeReference(UsageValue.class);
    private final IpUsageVisitor ipFolder = this::foldIp;
    private final UserUsageVisitor userFolder = this::foldUser;
    /** The memory address of each user's value in the mapped file, once found; sized at start for the users. */
    private final Long2LongHashMap userValueAddresses;
    private final PointerBytesStore placedStore = new PointerBytesStore();
    private final UsageValue placedValue = Values.newNativeReference(UsageValue.class);
    private long valueSize;

    private long foldFailures;
    private long lastFailureLogMs;

    /**
     * Opens (creating when absent) {@code dir/ip.dat} and {@code dir/user.dat}.
     *
     * @param dir           directory of the files; created when missing.
     * @param expectedIps   addresses the period is expected to see, e.g. 1,000,000 (used when a file is created).
     * @param expectedUsers users the period is expected to see, e.g. 100,000.
     * @throws IOException when a file cannot be created, mapped or recovered.
     */
    public LiveCounters(final Path dir, final long expectedIps, final long expectedUsers) throws IOException
    {
        if (expectedIps < 1 || expectedUsers < 1)
        {
            throw new IllegalArgumentException("expected entries must be positive: " + expectedIps + ", " +
                expectedUsers);
        }
        userValueAddresses = new Long2LongHashMap(
            (int)Math.min(Math.ceil(expectedUsers / (double)Hashing.DEFAULT_LOAD_FACTOR), 1 << 24),
            Hashing.DEFAULT_LOAD_FACTOR, NO_ADDRESS);
        Files.createDirectories(dir);
        openMarker = dir.resolve(OPEN_MARKER);
        final boolean recover = Files.exists(openMarker);
        if (recover)
        {
            LOG.warn("live counters in {} were not closed cleanly: recovering them", dir);
        }
        ips = open(ChronicleMap.of(IpKey.class, UsageValue.class).name("jet-live-ip").entries(expectedIps),
            dir.resolve(IP_FILE).toFile(), recover);
        try
        {
            users = open(ChronicleMap.of(LongValue.class, UsageValue.class).name("jet-live-user")
                .entries(expectedUsers), dir.resolve(USER_FILE).toFile(), recover);
            Files.write(openMarker, new byte[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            ips.close();
            throw ex;
        }
    }

    private static <K> ChronicleMap<K, UsageValue> open(
        final ChronicleMapBuilder<K, UsageValue> builder, final File file, final boolean recover) throws IOException
    {
        builder.maxBloatFactor(MAX_BLOAT_FACTOR).checksumEntries(false);
        if (recover && file.length() > 0)
        {
            // The process that had it open was killed: it may have died holding a segment lock.
            return builder.recoverPersistedTo(file, false, LiveCounters::onCorruption);
        }
        return builder.createPersistedTo(file);
    }

    private static void onCorruption(final ChronicleHashCorruption corruption)
    {
        LOG.warn("live counters: {} (segment {})", corruption.message(), corruption.segmentIndex(),
            corruption.exception());
    }

    /**
     * Adds every entry the deltas touched since their last clear. Engine thread only; the caller then clears the
     * deltas.
     */
    public void fold(final UsageDeltas deltas)
    {
        deltas.forEachIp(ipFolder);
        deltas.forEachUser(userFolder);
    }

    /**
     * Adds one address's usage straight in: rows the ledger wrote are already summed per address, hour and class,
     * so going through {@link UsageDeltas} first only cost another cache miss per address. Ledger thread only.
     */
    public void foldIp(
        final long hi,
        final long lo,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long lastSeenMs)
    {
        foldIpKey.hi(hi);
        foldIpKey.lo(lo);
        try
        {
            ips.acquireUsing(foldIpKey, foldValue);
        }
        catch (final IllegalStateException ex)
        {
            onFoldFailure(ex);
            return;
        }
        add(foldValue, bytesIn, bytesOut, packetsIn, packetsOut, ratedBytes, lastSeenMs);
    }

    /**
     * Adds one user's usage straight in, as {@link #foldIp} does for an address. Ledger thread only.
     *
     * <p>Users are folded every second, all of them at a busy site, so the address of each user's value in the
     * mapped file is kept once found, and later folds bind a reference there instead of looking the key up under
     * the segment's lock (which was a third of the ledger thread). An entry stays where it is while it exists (the
     * file stays mapped while open), and entries are removed only by {@link #resetPeriod()}, which forgets the
     * addresses too.
     */
    public void foldUser(
        final long userId,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long lastSeenMs)
    {
        final long address = userValueAddresses.get(userId);
        if (address != NO_ADDRESS)
        {
            placedStore.set(address, valueSize);
            ((Byteable)placedValue).bytesStore(placedStore, 0, valueSize);
            add(placedValue, bytesIn, bytesOut, packetsIn, packetsOut, ratedBytes, lastSeenMs);
            return;
        }
        foldUserKey.setValue(userId);
        try
        {
            users.acquireUsing(foldUserKey, foldValue);
        }
        catch (final IllegalStateException ex)
        {
            onFoldFailure(ex);
            return;
        }
        add(foldValue, bytesIn, bytesOut, packetsIn, packetsOut, ratedBytes, lastSeenMs);
        rememberPlace(userId);
    }

    private void rememberPlace(final long userId)
    {
        // The reference's store is the query's flyweight over its segment, re-pointed for each query: keep the
        // value's memory address, not the store and offset.
        final Byteable value = (Byteable)foldValue;
        valueSize = value.maxSize();
        userValueAddresses.put(userId, value.bytesStore().addressForWrite(value.offset()));
    }

    private static void add(
        final UsageValue value,
        final long bytesIn,
        final long bytesOut,
        final long packetsIn,
        final long packetsOut,
        final long ratedBytes,
        final long lastSeenMs)
    {
        value.bytesIn(value.bytesIn() + bytesIn);
        value.bytesOut(value.bytesOut() + bytesOut);
        value.packetsIn(value.packetsIn() + packetsIn);
        value.packetsOut(value.packetsOut() + packetsOut);
        value.ratedBytes(value.ratedBytes() + ratedBytes);
        if (lastSeenMs > value.lastSeenMs())
        {
            value.lastSeenMs(lastSeenMs);
        }
    }

    private void onFoldFailure(final IllegalStateException ex)
    {
        foldFailures++;
        final long nowMs = System.currentTimeMillis();
        if (nowMs - lastFailureLogMs >= FAILURE_LOG_INTERVAL_MS)
        {
            lastFailureLogMs = nowMs;
            LOG.warn("live counters: {} entr(ies) not folded so far: {}", foldFailures, ex.getMessage());
        }
    }

    /**
     * A new billing period: forgets every address's and user's counters. Engine thread only.
     */
    public void resetPeriod()
    {
        userValueAddresses.clear();
        ips.clear();
        users.clear();
    }

    /**
     * @return the address's counters this period, or null when it has had no traffic. Any thread.
     */
    public UsageSnapshot ip(final long hi, final long lo)
    {
        final IpKey key = Values.newHeapInstance(IpKey.class);
        key.hi(hi);
        key.lo(lo);
        final UsageValue value = ips.getUsing(key, Values.newHeapInstance(UsageValue.class));
        return value == null ? null : UsageSnapshot.of(value);
    }

    /**
     * @return the user's counters this period, or null when the user has had no traffic. Any thread.
     */
    public UsageSnapshot user(final long userId)
    {
        final LongValue key = Values.newHeapInstance(LongValue.class);
        key.setValue(userId);
        final UsageValue value = users.getUsing(key, Values.newHeapInstance(UsageValue.class));
        return value == null ? null : UsageSnapshot.of(value);
    }

    /**
     * Visits every address with counters this period, in no particular order. Any thread; the visitor runs while
     * the entry's segment is locked, so it should copy what it needs and not block.
     */
    public void forEachIp(final IpUsageVisitor visitor)
    {
        final IpKey key = Values.newHeapInstance(IpKey.class);
        final UsageValue value = Values.newHeapInstance(UsageValue.class);
        ips.forEachEntry(entry ->
        {
            entry.key().getUsing(key);
            entry.value().getUsing(value);
            visitor.onIp(key.hi(), key.lo(), value.bytesIn(), value.bytesOut(), value.packetsIn(),
                value.packetsOut(), value.ratedBytes(), value.lastSeenMs());
        });
    }

    /**
     * Visits every user with counters this period, in no particular order. Any thread; the visitor runs while the
     * entry's segment is locked, so it should copy what it needs and not block.
     */
    public void forEachUser(final UserUsageVisitor visitor)
    {
        final LongValue key = Values.newHeapInstance(LongValue.class);
        final UsageValue value = Values.newHeapInstance(UsageValue.class);
        users.forEachEntry(entry ->
        {
            entry.key().getUsing(key);
            entry.value().getUsing(value);
            visitor.onUser(key.getValue(), value.bytesIn(), value.bytesOut(), value.packetsIn(),
                value.packetsOut(), value.ratedBytes(), value.lastSeenMs());
        });
    }

    /** @return addresses with counters this period. */
    public long ipCount()
    {
        return ips.longSize();
    }

    /** @return users with counters this period. */
    public long userCount()
    {
        return users.longSize();
    }

    /** @return entries a fold could not add (a map past its maximum size), since open. */
    public long foldFailures()
    {
        return foldFailures;
    }

    /** Unmaps both files; the counters stay in them. */
    @Override
    public void close()
    {
        try
        {
            ips.close();
        }
        finally
        {
            users.close();
        }
        try
        {
            Files.deleteIfExists(openMarker);
        }
        catch (final IOException ex)
        {
            LOG.warn("live counters: cannot remove {} (the next start will run recovery): {}", openMarker,
                ex.toString());
        }
    }
}
