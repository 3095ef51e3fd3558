package org.jet.engine.accounting;

/**
 * One address's or user's counters for the current period, copied out of {@link LiveCounters} for a reader. The
 * counters are unsigned 64-bit values: print them with {@link Long#toUnsignedString(long)}.
 *
 * @param bytesIn    bytes downloaded.
 * @param bytesOut   bytes uploaded.
 * @param packetsIn  packets downloaded.
 * @param packetsOut packets uploaded.
 * @param ratedBytes bytes after the traffic classes' ratings: what quotas debit.
 * @param lastSeenMs latest traffic time, epoch ms.
 */
public record UsageSnapshot(
    long bytesIn,
    long bytesOut,
    long packetsIn,
    long packetsOut,
    long ratedBytes,
    long lastSeenMs)
{
    static UsageSnapshot of(final UsageValue value)
    {
        return new UsageSnapshot(
            value.bytesIn(),
            value.bytesOut(),
            value.packetsIn(),
            value.packetsOut(),
            value.ratedBytes(),
            value.lastSeenMs());
    }
}
