package org.jet.plugin.api;

import java.util.Map;

import org.pf4j.ExtensionPoint;

/**
 * What every Jet extension is: named, and configured from its section of jet.yml
 * ({@code plugins.settings.<name>}) before its first use. Implementations are found by pf4j in the jars of the
 * distribution's {@code plugins/} directory; see docs/plugins.md.
 *
 * <p>Jet calls an extension from one dispatcher thread at a time, off the flow path, and retries a failed call with
 * back-off; so a call may block on the network, and must be idempotent: the same {@link JetEvent#id()} may come
 * twice after a crash or a timeout.
 */
public interface JetExtension extends ExtensionPoint
{
    /** @return the name operators use in jet.yml and see in {@code jet plugins list}, e.g. {@code email}. */
    String name();

    /**
     * Takes the extension's settings. Called once at start; throw {@link IllegalArgumentException} with a one-line
     * message naming the bad key for a mistake, and the daemon refuses to start with that message.
     *
     * @param settings the extension's section of the config, as YAML gives it (strings, numbers, lists, maps).
     */
    default void configure(final Map<String, Object> settings)
    {
    }
}
