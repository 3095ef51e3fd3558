package org.jet.engine.plugin;

/**
 * The configured plugins cannot run: an enabled extension is missing or refuses its settings. One line, naming the
 * extension and the key; the daemon does not start.
 */
public final class PluginException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public PluginException(final String message)
    {
        super(message);
    }
}
