package org.jet.engine.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte amounts and bit rates as people write them: {@code 5GiB}, {@code 500MB}, {@code 123456}; {@code 2Mbit},
 * {@code 512kbit}. Binary units (KiB, MiB...) are powers of 1024, decimal ones (kB, MB...) of 1000; rates are
 * decimal, as network equipment quotes them.
 */
public final class Amounts
{
    private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z/]*)\\s*");

    private Amounts()
    {
    }

    /**
     * @return the number of bytes, or an {@link IllegalArgumentException} naming what was wrong.
     */
    public static long bytes(final String text)
    {
        final Matcher m = parse(text, "a byte amount like 5GiB, 500MB or 1048576");
        final long unit = switch (m.group(2).toLowerCase(Locale.ROOT))
        {
            case "", "b" -> 1L;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            case "kib", "k" -> 1L << 10;
            case "mib", "m" -> 1L << 20;
            case "gib", "g" -> 1L << 30;
            case "tib", "t" -> 1L << 40;
            default -> throw new IllegalArgumentException("'" + text.strip() +
                "' is not a byte amount: unknown unit '" + m.group(2) + "' (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)");
        };
        return scaled(text, m.group(1), unit);
    }

    /**
     * @return bits per second, or an {@link IllegalArgumentException} naming what was wrong.
     */
    public static long bitsPerSecond(final String text)
    {
        final Matcher m = parse(text, "a rate like 2Mbit, 512kbit or 1000000");
        final String unitText = m.group(2).toLowerCase(Locale.ROOT).replace("/s", "").replace("ps", "");
        final long unit = switch (unitText)
        {
            case "", "bit", "b" -> 1L;
            case "kbit", "k" -> 1_000L;
            case "mbit", "m" -> 1_000_000L;
            case "gbit", "g" -> 1_000_000_000L;
            default -> throw new IllegalArgumentException("'" + text.strip() + "' is not a rate: unknown unit '" +
                m.group(2) + "' (bit, kbit, Mbit, Gbit)");
        };
        return scaled(text, m.group(1), unit);
    }

    private static Matcher parse(final String text, final String expected)
    {
        final Matcher m = AMOUNT.matcher(text == null ? "" : text);
        if (!m.matches())
        {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
        return m;
    }

    private static long scaled(final String text, final String number, final long unit)
    {
        final double value = Double.parseDouble(number) * unit;
        if (value >= Long.MAX_VALUE)
        {
            throw new IllegalArgumentException("'" + text.strip() + "' is too large");
        }
        return Math.round(value);
    }
}
