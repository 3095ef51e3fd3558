package org.jet.engine.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the {@link AuditLog}.
 *
 * @param timeMs   when, epoch milliseconds.
 * @param sequence orders entries of the same millisecond; never reused.
 * @param actor    who: {@code cli:USER}, {@code api}, {@code radius}...
 * @param action   what, as {@code noun.verb}: {@code user.add}, {@code user.update}, {@code cost_centre.add}...
 * @param subject  what it was done to: a login, a cost centre id, a file name.
 * @param details  the change itself (JSON object), for example the old and new cost centre.
 */
public record AuditEntry(long timeMs, long sequence, String actor, String action, String subject, JsonNode details)
{
}
