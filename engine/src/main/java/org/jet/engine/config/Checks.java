package org.jet.engine.config;

/**
 * Range checks with messages that name the key.
 */
final class Checks
{
    private Checks()
    {
    }

    static void range(final String key, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
