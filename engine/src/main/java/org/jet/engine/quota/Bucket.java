package org.jet.engine.quota;

/**
 * Quota that can pay for usage: a plan's allowance for the period, what rolled over from an earlier one, a top-up
 * or a card. Mutable, owned by its {@link UserQuota} (copied before a change that may not be written).
 */
public final class Bucket
{
    public enum Kind
    {
        PLAN, ROLLOVER, TOPUP, CARD
    }

    String id;
    Kind kind;
    /** What it was worth when credited, bytes. */
    long amount;
    /** What is left, bytes. */
    long balance;
    long createdMs;
    /** When what is left stops counting (epoch ms); 0 = never. */
    long expiresMs;
    /** The operator's or gateway's reference (a receipt number), or null. */
    String reference;

    public Bucket()
    {
    }

    public Bucket(final String id, final Kind kind, final long amount, final long createdMs, final long expiresMs,
        final String reference)
    {
        this.id = id;
        this.kind = kind;
        this.amount = amount;
        this.balance = amount;
        this.createdMs = createdMs;
        this.expiresMs = expiresMs;
        this.reference = reference;
    }

    boolean expired(final long nowMs)
    {
        return expiresMs != 0 && expiresMs <= nowMs;
    }

    Bucket copy()
    {
        final Bucket copy = new Bucket(id, kind, amount, createdMs, expiresMs, reference);
        copy.balance = balance;
        return copy;
    }
}
