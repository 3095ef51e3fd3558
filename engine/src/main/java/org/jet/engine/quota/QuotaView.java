package org.jet.engine.quota;

import java.util.List;

/**
 * A user's quota as operators and the portal see it. Byte counts are rated bytes (after traffic classes' ratings).
 *
 * @param login          the user.
 * @param state          NORMAL, WARNED, SHAPED or SUSPENDED.
 * @param periodStart    ISO instant the period started.
 * @param periodEnd      ISO instant it ends (the next reset).
 * @param allowanceBytes the user's own allowance this period: what was used from it plus what is left.
 * @param usedBytes      debited from the user's own buckets this period.
 * @param remainingBytes left in the user's own buckets.
 * @param percentUsed    used against the allowance.
 * @param poolBytes      debited from shared pools this period.
 * @param overageBytes   usage that found every bucket empty this period.
 * @param lateBytes      usage of earlier periods that arrived after they closed (not debited).
 * @param buckets        the user's own buckets.
 * @param pools          the pools the user draws on, in order.
 */
public record QuotaView(String login, String state, String periodStart, String periodEnd, long allowanceBytes,
    long usedBytes, long remainingBytes, double percentUsed, long poolBytes, long overageBytes, long lateBytes,
    List<BucketView> buckets, List<PoolView> pools)
{
    /** One of the user's buckets. */
    public record BucketView(String id, String kind, long amountBytes, long remainingBytes, String created,
        String expires, String reference)
    {
    }

    /** A pool: {@code owner} is a cost centre id, or {@code global}. */
    public record PoolView(String owner, long allowanceBytes, long remainingBytes)
    {
    }
}
