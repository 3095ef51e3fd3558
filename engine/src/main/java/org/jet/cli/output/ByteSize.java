package org.jet.cli.output;

import java.util.Locale;

/**
 * Byte counts as operators read them: {@code 512 B}, {@code 1.5 KiB}, {@code 20.3 GiB} (binary units, one decimal).
 * Counters are unsigned 64-bit, so the largest shows as {@code 16.0 EiB}.
 */
public final class ByteSize
{
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSize()
    {
    }

    /** @param bytes an unsigned 64-bit count. */
    public static String human(final long bytes)
    {
        if (bytes >= 0 && bytes < 1024)
        {
            return bytes + " B";
        }
        // Unsigned to double: a negative long is 2^64 more.
        double value = bytes >= 0 ? bytes : bytes + 0x1p64;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would round to "1024.0 KiB": show it as the next unit instead.
        if (value >= 1023.95 && unit < UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
