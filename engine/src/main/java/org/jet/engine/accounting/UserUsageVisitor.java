package org.jet.engine.accounting;

/**
 * Receives one user's usage, as primitives, so walking a table allocates nothing.
 */
@FunctionalInterface
public interface UserUsageVisitor
{
    /**
     * @param userId     the user's numeric id.
     * @param bytesIn    bytes downloaded by the user (unsigned).
     * @param bytesOut   bytes uploaded by the user (unsigned).
     * @param packetsIn  packets downloaded (unsigned).
     * @param packetsOut packets uploaded (unsigned).
     * @param ratedBytes bytes after the traffic classes' ratings: what quotas debit (unsigned).
     * @param lastSeenMs latest traffic time, epoch ms.
     */
    void onUser(
        long userId,
        long bytesIn,
        long bytesOut,
        long packetsIn,
        long packetsOut,
        long ratedBytes,
        long lastSeenMs);
}
