package org.jet.engine.text;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 and spreadsheets write it: comma-separated, fields in double quotes when they hold a comma, a
 * quote or a line break, a quote inside doubled; CRLF or LF; a UTF-8 byte order mark (Excel) is skipped. Blank lines
 * are skipped. Rows remember the line they start on, for {@code FILE:LINE: message} errors.
 */
public final class Csv
{
    /**
     * @param line   the line number (1-based) the row starts on.
     * @param fields the fields, unquoted.
     */
    public record Row(int line, List<String> fields)
    {
    }

    /** The text is not CSV (an unterminated quote, text after a closing quote). */
    public static final class CsvException extends Exception
    {
        private static final long serialVersionUID = 1L;

        private final int line;

        CsvException(final int line, final String message)
        {
            super(message);
            this.line = line;
        }

        public int line()
        {
            return line;
        }
    }

    private Csv()
    {
    }

    public static List<Row> parse(final Reader reader) throws IOException, CsvException
    {
        final List<Row> rows = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        List<String> fields = new ArrayList<>();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean first = true;
        boolean afterCr = false;
        int c;
        while ((c = reader.read()) != -1)
        {
            if (afterCr)
            {
                afterCr = false;
                if (c == '\n')
                {
                    continue; // the LF of a CRLF
                }
            }
            if (first)
            {
                first = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }
            if (quoted)
            {
                if (c == '"')
                {
                    quoted = false;
                    afterQuote = true;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.append((char)c);
                }
                continue;
            }
            if (c == '"' && afterQuote)
            {
                field.append('"'); // "" inside a quoted field
                quoted = true;
                afterQuote = false;
            }
            else if (c == '"' && field.length() == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            }
            else if (c == '\n' || c == '\r')
            {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                if (!isBlank(fields))
                {
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields = new ArrayList<>();
                line++;
                rowLine = line;
                afterCr = c == '\r';
            }
            else if (afterQuote)
            {
                throw new CsvException(line, "text after the closing quote of a field (a quote inside a quoted " +
                    "field is written twice: \"\")");
            }
            else
            {
                field.append((char)c);
            }
        }
        if (quoted)
        {
            throw new CsvException(rowLine, "a quoted field is not closed before the end of the file");
        }
        fields.add(field.toString());
        if (!isBlank(fields))
        {
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }

    private static boolean isBlank(final List<String> fields)
    {
        return fields.size() == 1 && fields.get(0).isBlank();
    }

    /**
     * @return one CSV line (without the line break) of {@code fields}, each quoted when it needs to be; null is
     * written as an empty field.
     */
    public static String line(final List<String> fields)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            final String value = fields.get(i) == null ? "" : fields.get(i);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 ||
                value.indexOf('\r') >= 0 || (!value.isEmpty() &&
                (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1)))))
            {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
            else
            {
                out.append(value);
            }
        }
        return out.toString();
    }
}
