package org.jet.engine.accounting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link LiveCounters} (this month's usage per address and per user, what quotas read) in step with the
 * ledger: every ledger batch is folded into them right after it is written, with the ledger's checkpoint noted
 * beside the counters. A month in the accounting zone is a period; the counters start again at zero when it turns.
 *
 * <p>After a crash between the ledger write and the end of the fold the noted checkpoint is behind the ledger's:
 * the counters are then rebuilt from the ledger (the truth), so no batch is folded twice or missed.
 */
final class LiveFolder
{
    private static final Logger LOG = LoggerFactory.getLogger(LiveFolder.class);
    private static final long HOUR_MS = 3_600_000L;
    private static final String STATE_FILE = "folded";

    private final LiveCounters live;
    private final TrafficClasses classes;
    private final ZoneId zone;
    private final Path state;
    private final UsageDeltas deltas = new UsageDeltas(1 << 16, 1 << 22, 1 << 14, 1 << 21);
    private long periodStartMs;
    /** A fold failed: the counters miss a batch until rebuilt, so the state must not claim they are in step. */
    private boolean behind;

    LiveFolder(final LiveCounters live, final Path dir, final TrafficClasses classes, final ZoneId zone)
    {
        this.live = live;
        this.classes = classes;
        this.zone = zone;
        this.state = dir.resolve(STATE_FILE);
    }

    /**
     * Makes the counters match the ledger at start: same period, same checkpoint, else rebuilt from it.
     */
    void reconcile(final Ledger ledger, final long nowMs)
    {
        final long period = periodStart(nowMs);
        final long[] folded = readState();
        if (folded != null && folded[0] == ledger.checkpoint() && folded[1] == period)
        {
            periodStartMs = period;
            return;
        }
        if (folded == null && ledger.checkpoint() == 0)
        {
            // A new data directory: nothing to rebuild.
            live.resetPeriod();
            periodStartMs = period;
            writeState(0);
            return;
        }
        LOG.warn("live counters are not at the ledger's checkpoint ({} against {}): rebuilding them from the ledger",
            folded == null ? "none" : folded[0], ledger.checkpoint());
        live.resetPeriod();
        periodStartMs = period;
        final long end = nowMs + HOUR_MS;
        for (final Ledger.Row row : ledger.read(UsageRows.IP, period, end))
        {
            deltas.addIp(row.hi(), row.lo(), row.bytesIn(), row.bytesOut(), row.packetsIn(), row.packetsOut(),
                rated(row.trafficClass(), row.bytesIn(), row.bytesOut()), nowMs);
            foldIfFull();
        }
        for (final Ledger.Row row : ledger.read(UsageRows.USER, period, end))
        {
            deltas.addUser(row.lo(), row.bytesIn(), row.bytesOut(), row.packetsIn(), row.packetsOut(),
                rated(row.trafficClass(), row.bytesIn(), row.bytesOut()), nowMs);
            foldIfFull();
        }
        live.fold(deltas);
        deltas.clear();
        writeState(ledger.checkpoint());
    }

    /**
     * Folds a batch the ledger has just written.
     */
    void fold(final UsageRows written, final long checkpoint, final long nowMs)
    {
        fold(written, 0, written.size(), checkpoint, nowMs);
    }

    /**
     * Folds the rows {@code from} to {@code to} of a table, the slice the ledger has just written.
     */
    void fold(final UsageRows written, final int from, final int to, final long checkpoint, final long nowMs)
    {
        try
        {
            foldRows(written, from, to, nowMs);
        }
        catch (final RuntimeException ex)
        {
            behind = true;
            deltas.clear();
            throw ex;
        }
        if (!behind)
        {
            writeState(checkpoint);
        }
    }

    private void foldRows(final UsageRows written, final int from, final int to, final long nowMs)
    {
        final long period = periodStart(nowMs);
        if (period != periodStartMs)
        {
            LOG.info("a new period begins: live counters start again at zero");
            live.resetPeriod();
            periodStartMs = period;
        }
        final long firstHour = periodStartMs / HOUR_MS;
        written.forEach(from, to, (hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) ->
        {
            final long hour = UsageRows.hourOf(meta);
            if (hour < firstHour)
            {
                return; // a late flow of the last period: in the ledger, not in this period's counters
            }
            final long rated = classes.rate(UsageRows.classOf(meta), bytesIn) +
                classes.rate(UsageRows.classOf(meta), bytesOut);
            final long seen = Math.min(nowMs, (hour + 1) * HOUR_MS - 1);
            // Straight in: the rows are already summed per subject, hour and class, so summing them per subject
            // first (UsageDeltas) cost more (another table, another cache miss) than the few extra updates it saves.
            switch (UsageRows.kindOf(meta))
            {
                case UsageRows.IP -> live.foldIp(hi, lo, bytesIn, bytesOut, packetsIn, packetsOut, rated, seen);
                case UsageRows.USER -> live.foldUser(lo, bytesIn, bytesOut, packetsIn, packetsOut, rated, seen);
                default ->
                {
                }
            }
        });
    }

    private void foldIfFull()
    {
        if (deltas.needsFold())
        {
            live.fold(deltas);
            deltas.clear();
        }
    }

    private long rated(final String className, final long bytesIn, final long bytesOut)
    {
        final int trafficClass = classes.names().indexOf(className);
        return trafficClass < 0 ? bytesIn + bytesOut :
            classes.rate(trafficClass, bytesIn) + classes.rate(trafficClass, bytesOut);
    }

    private long periodStart(final long nowMs)
    {
        return Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone)
            .toInstant().toEpochMilli();
    }

    private long[] readState()
    {
        try
        {
            if (!Files.exists(state))
            {
                return null;
            }
            final String[] parts = Files.readString(state, StandardCharsets.UTF_8).trim().split(" ");
            return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private void writeState(final long checkpoint)
    {
        try
        {
            writeStateFile(checkpoint);
        }
        catch (final RuntimeException ex)
        {
            behind = true;
            throw ex;
        }
    }

    private void writeStateFile(final long checkpoint)
    {
        // Written aside and moved, so a crash leaves the old state or the new one, never half of one.
        final Path next = state.resolveSibling(STATE_FILE + ".next");
        try
        {
            Files.writeString(next, checkpoint + " " + periodStartMs + "\n", StandardCharsets.UTF_8);
            Files.move(next, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot note the live counters' checkpoint in " + state, ex);
        }
    }
}
