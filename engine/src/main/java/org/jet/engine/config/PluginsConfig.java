package org.jet.engine.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code plugins:} section: where plugin jars are, which of their extensions run, and their settings.
 *
 * @param directory   the plugins directory; default {@code plugins/} of the distribution.
 * @param enabled     names of the extensions that act on events ({@code jet plugins list} shows the names); an
 *                    extension loaded but not listed does nothing. Default: none.
 * @param settings    per extension name, its settings (handed to its {@code configure}).
 * @param maxAttempts attempts of a failing action before it is given up (audited), with exponential back-off.
 * @param whenDeviceFails what an edge device that cannot be reached means for the user: see {@link WhenDeviceFails}.
 */
public record PluginsConfig(Path directory, List<String> enabled, Map<String, Map<String, Object>> settings,
    Integer maxAttempts, WhenDeviceFails whenDeviceFails)
{
    public PluginsConfig
    {
        enabled = enabled != null ? List.copyOf(enabled) : List.of();
        settings = settings != null ? new LinkedHashMap<>(settings) : Map.of();
        maxAttempts = maxAttempts != null ? maxAttempts : 20;
        whenDeviceFails = whenDeviceFails != null ? whenDeviceFails : WhenDeviceFails.OPEN;
        Checks.range("plugins.max_attempts", maxAttempts, 1, 1_000);
    }

    /** What Jet does when an edge device cannot apply a shape or a suspension (unreachable, timing out). */
    public enum WhenDeviceFails
    {
        /** Retry up to max_attempts, then give up: the user keeps the access they had (shown, audited). */
        OPEN,
        /** Never give up: retry (at most every 5 minutes) until the device applies it or the user is restored. */
        CLOSED
    }

    /** @return the directory, resolved against {@code jet.home} (the distribution) when not given. */
    public Path directoryOrDefault()
    {
        if (directory != null)
        {
            return directory;
        }
        final String home = System.getProperty("jet.home");
        return home != null ? Path.of(home, "plugins") : Path.of("plugins");
    }
}
