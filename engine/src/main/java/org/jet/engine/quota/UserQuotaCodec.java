package org.jet.engine.quota;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jet.engine.config.QuotaConfig.UserState;

/**
 * {@link UserQuota} in the store: compact binary, since the ledger thread rewrites every user it debits in every
 * batch (JSON cost as much as the usage it debited). Big-endian:
 * <pre>
 *   version (1) = 1, period start ms (8), epoch (8), used own (8), used pools (8), overage (8),
 *   overage this epoch (8), late (8), state (1), fired (8), buckets (2), then per bucket:
 *   kind (1), amount (8), balance (8), created ms (8), expires ms (8), id (text), reference (text)
 *   text: length (2, 0xffff = none) then UTF-8
 * </pre>
 */
final class UserQuotaCodec
{
    private static final byte VERSION = 1;
    private static final int NO_TEXT = 0xffff;
    private static final UserState[] STATES = UserState.values();
    private static final Bucket.Kind[] KINDS = Bucket.Kind.values();

    private UserQuotaCodec()
    {
    }

    static byte[] encode(final UserQuota quota)
    {
        int length = 1 + 8 * 7 + 1 + 8 + 2;
        for (final Bucket bucket : quota.buckets)
        {
            length += 1 + 8 * 4 + textLength(bucket.id) + textLength(bucket.reference);
        }
        final ByteBuffer out = ByteBuffer.allocate(length);
        out.put(VERSION).putLong(quota.periodStartMs).putLong(quota.epoch).putLong(quota.usedOwn)
            .putLong(quota.usedPools).putLong(quota.overage).putLong(quota.overageThisEpoch).putLong(quota.late)
            .put((byte)quota.state.ordinal()).putLong(quota.fired).putShort((short)quota.buckets.size());
        for (final Bucket bucket : quota.buckets)
        {
            out.put((byte)bucket.kind.ordinal()).putLong(bucket.amount).putLong(bucket.balance)
                .putLong(bucket.createdMs).putLong(bucket.expiresMs);
            putText(out, bucket.id);
            putText(out, bucket.reference);
        }
        return out.array();
    }

    /** @throws IllegalStateException for bytes this codec did not write. */
    static UserQuota decode(final long userId, final byte[] bytes)
    {
        try
        {
            final ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION)
            {
                throw new IllegalStateException("unknown version " + bytes[0]);
            }
            final UserQuota quota = new UserQuota(userId, in.getLong());
            quota.epoch = in.getLong();
            quota.usedOwn = in.getLong();
            quota.usedPools = in.getLong();
            quota.overage = in.getLong();
            quota.overageThisEpoch = in.getLong();
            quota.late = in.getLong();
            quota.state = STATES[in.get()];
            quota.fired = in.getLong();
            final int buckets = in.getShort() & 0xffff;
            for (int i = 0; i < buckets; i++)
            {
                final Bucket bucket = new Bucket();
                bucket.kind = KINDS[in.get()];
                bucket.amount = in.getLong();
                bucket.balance = in.getLong();
                bucket.createdMs = in.getLong();
                bucket.expiresMs = in.getLong();
                bucket.id = text(in);
                bucket.reference = text(in);
                quota.buckets.add(bucket);
            }
            return quota;
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("quota store holds an unreadable quota of user #" + userId + ": " + ex,
                ex);
        }
    }

    private static int textLength(final String text)
    {
        return 2 + (text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void putText(final ByteBuffer out, final String text)
    {
        if (text == null)
        {
            out.putShort((short)NO_TEXT);
            return;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short)bytes.length).put(bytes);
    }

    private static String text(final ByteBuffer in)
    {
        final int length = in.getShort() & 0xffff;
        if (length == NO_TEXT)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
