package org.jet.engine.directory;

/**
 * A person whose traffic Jet counts. Stored as JSON (snake_case) in {@code Family.USERS} under the login; the API
 * shows the same fields.
 *
 * @param login      the key: the RADIUS {@code User-Name}, the portal login.
 * @param numericId  assigned once, never reused: the engine keys counters and buckets by it.
 * @param name       display name, or null.
 * @param email      e-mail address for notifications, or null.
 * @param costCentre id of the cost centre the user belongs to (always one).
 * @param createdMs  when the user was added (or first seen), epoch milliseconds.
 */
public record User(String login, long numericId, String name, String email, String costCentre, long createdMs)
{
    User withChanges(final String name, final String email, final String costCentre)
    {
        return new User(login, numericId, name, email, costCentre, createdMs);
    }
}
