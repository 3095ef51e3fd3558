package org.jet.engine.quota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jet.engine.config.QuotaConfig.UserState;
import org.junit.jupiter.api.Test;

class UserQuotaCodecTest
{
    @Test
    void shouldReadBackWhatItWrote()
    {
        final UserQuota quota = new UserQuota(42, 1_790_000_000_000L);
        quota.epoch = 7;
        quota.usedOwn = 1L << 40;
        quota.usedPools = 5;
        quota.overage = 6;
        quota.overageThisEpoch = 3;
        quota.late = 9;
        quota.state = UserState.SUSPENDED;
        quota.fired = 0b101;
        quota.buckets.add(new Bucket("plan", Bucket.Kind.PLAN, 1000, 11, 0, null));
        quota.buckets.add(new Bucket("topup-3", Bucket.Kind.CARD, 500, 12, 13, "reçu n° 7"));
        quota.buckets.get(1).balance = 250;

        final byte[] bytes = UserQuotaCodec.encode(quota);
        final UserQuota back = UserQuotaCodec.decode(42, bytes);
        assertArrayEquals(bytes, UserQuotaCodec.encode(back));
        assertEquals(UserState.SUSPENDED, back.state);
        assertEquals(1L << 40, back.usedOwn);
        assertEquals("reçu n° 7", back.buckets.get(1).reference);
        assertEquals(null, back.buckets.get(0).reference);
        assertEquals(250, back.buckets.get(1).balance);
        assertEquals(Bucket.Kind.CARD, back.buckets.get(1).kind);
    }

    @Test
    void shouldRefuseBytesItDidNotWriteInOneLine()
    {
        final IllegalStateException bad = assertThrows(IllegalStateException.class,
            () -> UserQuotaCodec.decode(5, new byte[]{1, 2, 3}));
        assertEquals("quota store holds an unreadable quota of user #5: java.nio.BufferUnderflowException",
            bad.getMessage());
    }
}
