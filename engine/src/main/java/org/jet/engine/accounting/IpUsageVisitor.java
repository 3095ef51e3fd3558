package org.jet.engine.accounting;

/**
 * Receives one address's usage, as primitives, so walking a table allocates nothing.
 */
@FunctionalInterface
public interface IpUsageVisitor
{
    /**
     * @param hi         high 64 bits of the address (0 for IPv4, which is IPv4-mapped).
     * @param lo         low 64 bits of the address.
     * @param bytesIn    bytes downloaded by the address (unsigned).
     * @param bytesOut   bytes uploaded by the address (unsigned).
     * @param packetsIn  packets downloaded (unsigned).
     * @param packetsOut packets uploaded (unsigned).
     * @param ratedBytes bytes after the traffic classes' ratings: what quotas debit (unsigned).
     * @param lastSeenMs latest traffic time, epoch ms.
     */
    void onIp(
        long hi,
        long lo,
        long bytesIn,
        long bytesOut,
        long packetsIn,
        long packetsOut,
        long ratedBytes,
        long lastSeenMs);
}
