package org.jet.plugin.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a user that actions may want to act on: a threshold crossed, a top-up, a new user.
 * Immutable. {@link #id()} is unique and stable: an action seeing the same id twice must act once (Jet retries).
 *
 * @param id      unique id of the event (also its idempotency key).
 * @param type    what happened.
 * @param time    when Jet decided it.
 * @param subject whom it is about.
 * @param quota   the user's quota when it happened, or null for events not about quotas.
 * @param details anything else worth telling (top-up amount, threshold, ...), string values.
 */
public record JetEvent(String id, Type type, Instant time, Subject subject, QuotaState quota,
    Map<String, String> details)
{
    public JetEvent
    {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        // Kept in the order given: people read them in that order.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** What happened. */
    public enum Type
    {
        /** A user was added: welcome them. */
        USER_CREATED,
        /** Quota was bought or credited: a receipt. */
        TOP_UP,
        /** A warning threshold was crossed (e.g. 80 % of the plan). */
        WARNED,
        /** The user's quota ran out and their traffic is to be slowed down. */
        SHAPED,
        /** The user's traffic is to be cut off. */
        SUSPENDED,
        /** The user is back to normal (top-up or a new period): undo shaping or suspension. */
        RESTORED
    }

    /**
     * The user's quota at the time of the event. Byte counts are rated bytes (after traffic classes' ratings).
     *
     * @param state          NORMAL, WARNED, SHAPED or SUSPENDED.
     * @param allowanceBytes what the user's buckets held this period.
     * @param usedBytes      what was debited this period.
     * @param remainingBytes what is left in all their buckets.
     * @param percentUsed    used against the plan, in percent (may exceed 100).
     * @param periodEnd      when the period ends (a reset), or null.
     */
    public record QuotaState(String state, long allowanceBytes, long usedBytes, long remainingBytes,
        double percentUsed, Instant periodEnd)
    {
    }
}
