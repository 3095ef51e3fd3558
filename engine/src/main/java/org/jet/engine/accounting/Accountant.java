package org.jet.engine.accounting;

import java.util.function.ToLongFunction;

import org.jet.engine.config.AccountingConfig;
import org.jet.engine.ingest.FlowEvent;
import org.jet.engine.session.SessionTable;

/**
 * The counting rules of Jet, applied to one flow at a time on the engine thread: which flows count, in which
 * direction, for which address and user, in which traffic class and hour. What it counts goes into
 * {@link UsageRows} (one table per address, one per user), which the engine hands to the ledger.
 *
 * <ul>
 *   <li>Only flows from allowed exporters reach the ring; here, per exporter, only the configured interfaces
 *   count.</li>
 *   <li>Direction from the internal networks: to an internal address is its download, from one its upload; both
 *   internal is {@code on-net} (recorded for both ends); both external is transit, counted and never billed.</li>
 *   <li>Counters are scaled by the sampling rate; running totals (SRX-style, NSEL teardown) become deltas once.</li>
 *   <li>Biflow: the reverse counters are the other direction of the same flow.</li>
 *   <li>NAT: of a pre- and post-NAT address pair, the internal one is the user's.</li>
 *   <li>Time: the flow's end, unless it is ahead of the collector's clock by more than the allowed skew or older
 *   than the allowed age; a flow that
 *   spans hours is split across them in proportion to its time in each.</li>
 *   <li>The user is the one whose session held the address at the flow's time, else the account of a static
 *   assignment holding it; with neither, the usage is still kept for the address.</li>
 * </ul>
 *
 * <p>Most of the cost is memory: per count, the address's session row and its user's usage row, each a cache miss
 * when addresses are many. An address's own usage is held in its session row (two adjacent cache lines, see
 * {@code SessionIndex}) and moved to the table of addresses a slice at a time ({@link #moveAddressUsageSome});
 * addresses with no row of their own (no session, or only a /64's) count straight into that table.
 * {@link #onFlowBatched} holds a few flows' counts ({@link PendingCounts}) and adds them in passes, first asking for
 * every row they need (independent loads, which the CPU overlaps) and only then adding; {@link #onFlow} counts at
 * once.
 *
 * <p>Allocates nothing per flow.
 */
public final class Accountant
{
    private static final long HOUR_MS = 3_600_000L;
    /** Longer flows are counted as if they began this many hours before their end (and counted as skewed). */
    private static final int MAX_HOURS_SPANNED = 48;
    private static final long COUNTED_FLOW_IDLE_MS = 30 * 60_000L;
    private static final int NSEL_UPDATE = 5;
    private static final int NSEL_TEARDOWN = 2;

    private final PrefixSet internal;
    private final TrafficClasses classes;
    private final SessionTable sessions;
    private UsageRows ipRows;
    private UsageRows userRows;
    private final ExporterRules exporterRules;
    private final StaticAssignments staticAssignments;
    private final CountedSoFar countedSoFar;
    private final long maxAheadMs;
    private final long maxAgeMs;
    private final PendingCounts pending = new PendingCounts();
    // What the touching passes read: kept so the JIT cannot drop those loads.
    private long touched;

    // Read by other threads for metrics: plain fields, a stale value is fine there.
    private long flows;
    private long transit;
    private long otherInterface;
    private long noCounters;
    private long skewed;
    private long unattributedBytes;

    /**
     * @param userIds the directory's numeric id of a login (for the static assignments).
     */
    public Accountant(final AccountingConfig config, final TrafficClasses classes, final SessionTable sessions,
        final UsageRows ipRows, final UsageRows userRows, final ExporterLookup exporters,
        final ToLongFunction<String> userIds)
    {
        this.staticAssignments = new StaticAssignments(config.staticAssignments(), userIds);
        this.internal = new PrefixSet(config.internalNetworks());
        this.classes = classes;
        this.sessions = sessions;
        this.ipRows = ipRows;
        this.userRows = userRows;
        sessions.usageTo(this::addressUsageMoved);
        this.exporterRules = new ExporterRules(config.exporters(), exporters);
        this.countedSoFar = new CountedSoFar(1 << 20);
        this.maxAheadMs = config.maxClockSkewSeconds() * 1000L;
        this.maxAgeMs = config.maxFlowAgeSeconds() * 1000L;
    }

    /**
     * Counts one flow, now.
     *
     * @param nowMs the collector's clock (wall time, epoch ms).
     */
    public void onFlow(final FlowEvent flow, final long nowMs)
    {
        onFlowBatched(flow, nowMs);
        flush();
    }

    /**
     * Counts one flow, perhaps only at a later call: its counts are taken from the flow now (the slot may be reused
     * afterwards), but added to the usage rows, attributed and counted as unattributed only by {@link #flush}, or
     * when enough are held. Flush before the usage rows are read and before sessions change.
     *
     * @param nowMs the collector's clock (wall time, epoch ms).
     */
    public void onFlowBatched(final FlowEvent flow, final long nowMs)
    {
        flows++;
        if (flow.hasFlag(FlowEvent.NO_COUNTERS))
        {
            noCounters++;
            return;
        }
        if (!exporterRules.counts(flow.readerId(), flow.exporterId(), flow.inputIf(), flow.outputIf()))
        {
            otherInterface++;
            return;
        }

        long forwardBytes = flow.bytes();
        long forwardPackets = flow.packets();
        long reverseBytes = flow.hasFlag(FlowEvent.HAS_REVERSE) ? flow.reverseBytes() : 0;
        long reversePackets = flow.hasFlag(FlowEvent.HAS_REVERSE) ? flow.reversePackets() : 0;
        if (flow.hasFlag(FlowEvent.COUNTERS_ARE_TOTALS | FlowEvent.HAS_FIREWALL_EVENT) &&
            countedSoFar.find(flowKeyHash1(flow), flowKeyHash2(flow), nowMs))
        {
            final boolean nsel = flow.hasFlag(FlowEvent.HAS_FIREWALL_EVENT);
            if (nsel && flow.firewallEvent() == NSEL_UPDATE)
            {
                // Updates carry what passed since the last update: count them, and remember for the teardown.
                countedSoFar.set(countedSoFar.forward() + forwardBytes, countedSoFar.reverse() + reverseBytes,
                    countedSoFar.forwardPackets() + forwardPackets, countedSoFar.reversePackets() + reversePackets);
            }
            else if (!nsel || flow.firewallEvent() == NSEL_TEARDOWN)
            {
                // A running total (or the teardown's total): count what was not counted yet.
                final long totalForward = forwardBytes;
                final long totalReverse = reverseBytes;
                final long totalForwardPackets = forwardPackets;
                final long totalReversePackets = reversePackets;
                forwardBytes = notYetCounted(totalForward, countedSoFar.forward());
                reverseBytes = notYetCounted(totalReverse, countedSoFar.reverse());
                forwardPackets = notYetCounted(totalForwardPackets, countedSoFar.forwardPackets());
                reversePackets = notYetCounted(totalReversePackets, countedSoFar.reversePackets());
                countedSoFar.set(totalForward, totalReverse, totalForwardPackets, totalReversePackets);
                if (nsel)
                {
                    countedSoFar.end();
                }
            }
        }

        final long rate = flow.samplingRate();
        if (rate > 1)
        {
            forwardBytes *= rate;
            forwardPackets *= rate;
            reverseBytes *= rate;
            reversePackets *= rate;
        }

        long endMs = flow.endMs();
        if (endMs == 0 || endMs - nowMs > maxAheadMs || nowMs - endMs > maxAgeMs)
        {
            if (endMs != 0)
            {
                skewed++;
            }
            endMs = nowMs;
        }
        long startMs = flow.startMs();
        if (startMs <= 0 || startMs > endMs)
        {
            startMs = endMs;
        }
        else if (endMs - startMs > MAX_HOURS_SPANNED * HOUR_MS)
        {
            skewed++;
            startMs = endMs - MAX_HOURS_SPANNED * HOUR_MS;
        }

        long srcHi = flow.srcAddrHi();
        long srcLo = flow.srcAddrLo();
        long dstHi = flow.dstAddrHi();
        long dstLo = flow.dstAddrLo();
        boolean srcInternal = internal.contains(srcHi, srcLo);
        boolean dstInternal = internal.contains(dstHi, dstLo);
        if (flow.hasFlag(FlowEvent.HAS_POST_NAT))
        {
            if (!srcInternal && internal.contains(flow.postNatSrcAddrHi(), flow.postNatSrcAddrLo()))
            {
                srcHi = flow.postNatSrcAddrHi();
                srcLo = flow.postNatSrcAddrLo();
                srcInternal = true;
            }
            if (!dstInternal && internal.contains(flow.postNatDstAddrHi(), flow.postNatDstAddrLo()))
            {
                dstHi = flow.postNatDstAddrHi();
                dstLo = flow.postNatDstAddrLo();
                dstInternal = true;
            }
        }

        if (!srcInternal && !dstInternal)
        {
            transit++;
            return;
        }
        final long firstHour = startMs / HOUR_MS;
        final long lastHour = endMs / HOUR_MS;
        if (srcInternal)
        {
            final int trafficClass = dstInternal ? TrafficClasses.ON_NET :
                classes.classify(dstHi, dstLo, flow.dstPort(), flow.protocol(), endMs);
            // The source sends the forward bytes and receives the reverse ones.
            pending.add(srcHi, srcLo, trafficClass, reverseBytes, forwardBytes, reversePackets, forwardPackets,
                startMs, endMs, firstHour, lastHour);
        }
        if (dstInternal)
        {
            final int trafficClass = srcInternal ? TrafficClasses.ON_NET :
                classes.classify(srcHi, srcLo, flow.srcPort(), flow.protocol(), endMs);
            pending.add(dstHi, dstLo, trafficClass, forwardBytes, reverseBytes, forwardPackets, reversePackets,
                startMs, endMs, firstHour, lastHour);
        }
        if (pending.full())
        {
            flush();
        }
    }

    /**
     * Adds the counts held by {@link #onFlowBatched} to the usage rows, in passes so that the cache misses of all
     * the counts overlap: hash each address and find its session row ({@link SessionTable#rowsOf}, all at once);
     * resolve each user (from the session row, now in cache) and hash its usage rows' keys; fetch those rows
     * ({@link UsageRows#touchIdRows}); add.
     */
    public void flush()
    {
        final PendingCounts pending = this.pending;
        final int size = pending.size;
        if (size == 0)
        {
            return;
        }
        long touched = this.touched;
        // Tight loops of loads, so that many are in flight at once, with the hashes taken before (spreading the
        // loads among the flows' other work measured 1.7 times slower: the misses then stall the work instead of
        // overlapping each other). The user's usage rows asked for are those of the flow's last hour and, for a flow
        // that spans hours, its first (for some minutes after each hour's turn, nearly every flow).
        for (int n = 0; n < size; n++)
        {
            pending.addressHash[n] = SessionTable.addressHash(pending.addrHi[n], pending.addrLo[n]);
        }
        touched += sessions.rowsOf(size, pending.addressHash, pending.addrHi, pending.addrLo, pending.row);
        pending.userRowsToFetch = 0;
        for (int n = 0; n < size; n++)
        {
            final long addrHi = pending.addrHi[n];
            final long addrLo = pending.addrLo[n];
            long user = sessions.userAt(pending.row[n], addrHi, addrLo, pending.endMs[n]);
            if (user == SessionTable.NO_USER)
            {
                user = staticAssignments.userOf(addrHi, addrLo);
            }
            pending.user[n] = user;
            if (user != SessionTable.NO_USER)
            {
                pending.userHash[n] = pending.fetchUserRow(user, pending.hour[n], pending.trafficClass[n]);
                if (pending.firstHour[n] != pending.hour[n])
                {
                    pending.firstHourUserHash[n] =
                        pending.fetchUserRow(user, pending.firstHour[n], pending.trafficClass[n]);
                }
            }
        }
        touched += userRows.touchIdRows(pending.userRowsToFetch, pending.userRowHash, pending.userRowId,
            pending.userRowMeta);
        this.touched = touched;
        // Emptied first: should an add fail, its counts are lost rather than counted twice by the next flush.
        pending.size = 0;
        for (int n = 0; n < size; n++)
        {
            final long user = pending.user[n];
            if (user == SessionTable.NO_USER)
            {
                unattributedBytes += pending.inBytes[n] + pending.outBytes[n];
            }
            if (pending.firstHour[n] == pending.hour[n])
            {
                // Nearly every flow: within one hour. Added here, inlined, rather than through a call per count.
                add(pending.addrHi[n], pending.addrLo[n], pending.row[n], user, pending.userHash[n], pending.hour[n],
                    pending.trafficClass[n], pending.inBytes[n], pending.outBytes[n], pending.inPackets[n],
                    pending.outPackets[n]);
            }
            else
            {
                countAcrossHours(pending.addrHi[n], pending.addrLo[n], pending.row[n], user,
                    pending.firstHourUserHash[n], pending.userHash[n], pending.trafficClass[n], pending.inBytes[n],
                    pending.outBytes[n], pending.inPackets[n], pending.outPackets[n], pending.startMs[n],
                    pending.endMs[n]);
            }
        }
    }

    /**
     * Counts a flow that spans hours: pro rata by its time in each.
     *
     * @param firstHourUserHash the hash of the user's usage row of the first hour, taken when the rows were fetched;
     * @param lastHourUserHash  that of the last hour's.
     */
    private void countAcrossHours(final long addrHi, final long addrLo, final int row, final long user,
        final int firstHourUserHash, final int lastHourUserHash, final int trafficClass, final long inBytes,
        final long outBytes, final long inPackets, final long outPackets, final long startMs, final long endMs)
    {
        final long firstHour = startMs / HOUR_MS;
        final long lastHour = endMs / HOUR_MS;
        // Cumulative shares, so the pieces add up to the whole exactly.
        final double duration = endMs - startMs;
        long doneInBytes = 0;
        long doneOutBytes = 0;
        long doneInPackets = 0;
        long doneOutPackets = 0;
        for (long hour = firstHour; hour <= lastHour; hour++)
        {
            final boolean last = hour == lastHour;
            final double share = last ? 1.0 : ((hour + 1) * HOUR_MS - startMs) / duration;
            final long cumInBytes = last ? inBytes : (long)(inBytes * share);
            final long cumOutBytes = last ? outBytes : (long)(outBytes * share);
            final long cumInPackets = last ? inPackets : (long)(inPackets * share);
            final long cumOutPackets = last ? outPackets : (long)(outPackets * share);
            final int userHash = last ? lastHourUserHash : hour == firstHour ? firstHourUserHash :
                userRowHash(user, hour, trafficClass);
            add(addrHi, addrLo, row, user, userHash, hour, trafficClass, cumInBytes - doneInBytes,
                cumOutBytes - doneOutBytes, cumInPackets - doneInPackets, cumOutPackets - doneOutPackets);
            doneInBytes = cumInBytes;
            doneOutBytes = cumOutBytes;
            doneInPackets = cumInPackets;
            doneOutPackets = cumOutPackets;
        }
    }

    private static int userRowHash(final long user, final long hour, final int trafficClass)
    {
        return UsageRows.hash(0, user, UsageRows.meta(UsageRows.USER, hour, trafficClass));
    }

    private void add(final long addrHi, final long addrLo, final int row, final long user, final int userHash,
        final long hour, final int trafficClass, final long inBytes, final long outBytes, final long inPackets,
        final long outPackets)
    {
        final long ipMeta = UsageRows.meta(UsageRows.IP, hour, trafficClass);
        if (!sessions.addUsage(row, ipMeta, inBytes, outBytes, inPackets, outPackets))
        {
            ipRows.add(addrHi, addrLo, ipMeta, inBytes, outBytes, inPackets, outPackets);
        }
        if (user != SessionTable.NO_USER)
        {
            userRows.add(userHash, 0, user, UsageRows.meta(UsageRows.USER, hour, trafficClass),
                inBytes, outBytes, inPackets, outPackets);
        }
    }

    /** Counts addresses' usage from now on into another table (the full one went to the ledger's thread). */
    void countAddressesInto(final UsageRows rows)
    {
        flush();
        this.ipRows = rows;
    }

    /**
     * Where the session rows' address usage goes: one sink for the accountant's life, whichever table is current.
     * A new sink per table (a method reference to the table) gave the rows' harvest a second receiver class at the
     * first hand-over, a minute after start: the JIT threw its compiled code away (a class check trap) and the engine
     * ran it interpreted, at full load, until it was compiled again (bench/README.md, session 20).
     */
    private void addressUsageMoved(final long hi, final long lo, final long meta, final long bytesIn,
        final long bytesOut, final long packetsIn, final long packetsOut)
    {
        ipRows.add(hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut);
    }

    /**
     * Moves a slice of the addresses' usage held in their session rows to the addresses' table, so that
     * {@code callsPerPass} calls move all of it.
     */
    public void moveAddressUsageSome(final int callsPerPass)
    {
        flush();
        sessions.moveUsageSome(callsPerPass);
    }

    /** Moves all the addresses' usage held in their session rows to the addresses' table. */
    public void moveAllAddressUsage()
    {
        flush();
        sessions.moveAllUsage();
    }

    /** Counts users' usage from now on into another table (the full one went to the ledger's thread). */
    void countUsersInto(final UsageRows rows)
    {
        flush();
        this.userRows = rows;
    }

    /** Forgets running-total flows not seen for half an hour; call now and then, not per flow. */
    public void expire(final long nowMs)
    {
        countedSoFar.expire(nowMs, COUNTED_FLOW_IDLE_MS);
    }

    /** A total below what was counted means the exporter restarted the flow's counters: all of it is new. */
    private static long notYetCounted(final long total, final long counted)
    {
        return Long.compareUnsigned(total, counted) >= 0 ? total - counted : total;
    }

    private static long flowKeyHash1(final FlowEvent flow)
    {
        long h = mix(flow.srcAddrHi() ^ 0x9E37_79B9_7F4A_7C15L);
        h = mix(h ^ flow.srcAddrLo());
        h = mix(h ^ flow.dstAddrHi());
        h = mix(h ^ flow.dstAddrLo());
        return mix(h ^ ports(flow));
    }

    private static long flowKeyHash2(final FlowEvent flow)
    {
        long h = mix(flow.dstAddrLo() ^ 0xD6E8_FEB8_6659_FD93L);
        h = mix(h ^ flow.srcAddrLo() * 31);
        h = mix(h ^ flow.dstAddrHi() * 17);
        h = mix(h ^ flow.srcAddrHi());
        return mix(h ^ Long.rotateLeft(ports(flow), 29));
    }

    private static long ports(final FlowEvent flow)
    {
        return ((long)flow.srcPort() << 48) ^ ((long)flow.dstPort() << 32) ^ ((long)flow.protocol() << 24) ^
            ((long)flow.readerId() << 40) ^ ((long)flow.exporterId() << 8) ^ (flow.observationDomain() & 0xffff_ffffL);
    }

    private static long mix(final long value)
    {
        long z = value * 0xBF58_476D_1CE4_E5B9L;
        z ^= z >>> 27;
        z *= 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    public long flows()
    {
        return flows;
    }

    /** @return flows between two external addresses: seen, never billed. */
    public long transit()
    {
        return transit;
    }

    /** @return flows on interfaces that do not count for their exporter. */
    public long otherInterface()
    {
        return otherInterface;
    }

    public long noCounters()
    {
        return noCounters;
    }

    /** @return flows whose time was unusable (too far from the clock, or too long) and was replaced. */
    public long skewed()
    {
        return skewed;
    }

    /** @return bytes of internal addresses with no session at the time: kept per address, billed to nobody. */
    public long unattributedBytes()
    {
        return unattributedBytes;
    }

    /** @return flows with running totals that were counted in full because the table of such flows was full. */
    public long countedSoFarOverflows()
    {
        return countedSoFar.overflows();
    }
}
