package org.jet.engine.accounting;

import java.io.File;
import java.nio.file.Path;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.values.Values;

/**
 * The child process of {@link LiveCountersCrashTest}: folds {@link LiveCountersTest#tick} twice into the live
 * counters in {@code args[0]}, then takes a segment lock through a second view of {@code ip.dat} (as a fold in
 * progress would) and dies with {@link Runtime#halt}: no close, no shutdown hooks, like {@code kill -9}.
 */
public final class LiveCountersChild
{
    static final int HALT_STATUS = 77;
    static final int IPS = 400;
    static final int USERS = 40;
    /** The address whose segment the child leaves locked. */
    static final long LOCKED_LO = LiveCountersTest.V4 | 7;

    private LiveCountersChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final LiveCounters live = new LiveCounters(dir, 2_000, 200);
        live.fold(LiveCountersTest.tick(IPS, USERS, 1));
        live.fold(LiveCountersTest.tick(IPS, USERS, 1));

        final File file = dir.resolve(LiveCounters.IP_FILE).toFile();
        final ChronicleMap<IpKey, UsageValue> view = ChronicleMap.of(IpKey.class, UsageValue.class)
            .entries(2_000).checksumEntries(false).createPersistedTo(file);
        final IpKey key = Values.newHeapInstance(IpKey.class);
        key.hi(0);
        key.lo(LOCKED_LO);
        final ExternalMapQueryContext<IpKey, UsageValue, ?> context = view.queryContext(key);
        context.updateLock().lock();
        System.out.println("folded, segment locked, halting");
        System.out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
