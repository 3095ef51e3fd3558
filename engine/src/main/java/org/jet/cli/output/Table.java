package org.jet.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table for people: a header in capitals, columns two spaces apart, an absent value as {@code -}.
 * Rows are collected, then printed at once (the widths depend on every row).
 */
public final class Table
{
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(final String... headers)
    {
        this.headers = headers.clone();
    }

    /** Adds a row; a null value prints as {@code -}. */
    public Table row(final Object... values)
    {
        if (values.length != headers.length)
        {
            throw new IllegalArgumentException("expected " + headers.length + " values, got " + values.length);
        }
        final String[] row = new String[values.length];
        for (int i = 0; i < values.length; i++)
        {
            row[i] = values[i] == null ? "-" : values[i].toString();
        }
        rows.add(row);
        return this;
    }

    public void print(final PrintWriter out)
    {
        final int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++)
        {
            widths[i] = headers[i].length();
        }
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, headers, widths);
        for (final String[] row : rows)
        {
            line(out, row, widths);
        }
    }

    private static void line(final PrintWriter out, final String[] values, final int[] widths)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++)
        {
            line.append(values[i]);
            if (i < values.length - 1)
            {
                final char[] pad = new char[widths[i] - values[i].length() + 2];
                Arrays.fill(pad, ' ');
                line.append(pad);
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
