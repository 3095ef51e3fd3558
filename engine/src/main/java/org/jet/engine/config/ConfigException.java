package org.jet.engine.config;

import java.util.List;

/**
 * The config file has mistakes; each problem is one line, {@code FILE:LINE: message}.
 */
public final class ConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(final List<String> problems)
    {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems()
    {
        return problems;
    }
}
