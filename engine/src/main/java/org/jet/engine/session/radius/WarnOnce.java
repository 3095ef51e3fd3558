package org.jet.engine.session.radius;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;

/**
 * Logs a warning the first time its key is seen (per NAS and problem, say), so a misconfigured NAS that retries
 * every few seconds writes one line, not thousands; the counters have every occurrence. Remembers a bounded number
 * of keys, then stays quiet.
 */
final class WarnOnce
{
    private static final int MAX_KEYS = 1024;

    private final Logger log;
    private final Set<String> seen = new HashSet<>();

    WarnOnce(final Logger log)
    {
        this.log = log;
    }

    void warn(final String key, final String format, final Object... arguments)
    {
        if (seen.size() < MAX_KEYS && seen.add(key))
        {
            log.warn(format, arguments);
        }
    }
}
