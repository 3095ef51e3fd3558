package org.jet.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * Whom an action is about: a user and the addresses their sessions hold now (what an edge device shapes).
 *
 * @param login      the user's login (RADIUS User-Name).
 * @param name       display name, or null.
 * @param email      e-mail address, or null.
 * @param costCentre the user's cost centre id.
 * @param addresses  addresses held now, as text ({@code 10.0.0.5}, {@code 2001:db8:1:2::/64}); may be empty.
 */
public record Subject(String login, String name, String email, String costCentre, List<String> addresses)
{
    public Subject
    {
        Objects.requireNonNull(login, "login");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
