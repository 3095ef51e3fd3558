package org.jet.engine.directory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jet.engine.text.Csv;

/**
 * Reads and checks a CSV of users: a header row naming the columns (any order; {@code login} and
 * {@code cost_centre} are required, {@code name} and {@code email} optional), then one user per row. Every problem
 * in the file is collected as {@code FILE:LINE: message} before anything is written.
 *
 * <p>A column the file does not have leaves that field of an existing user as it is; an empty value in a column it
 * has clears it (name, e-mail). So importing the same file twice changes nothing the second time.
 */
final class UserImport
{
    static final List<String> COLUMNS = List.of("login", "name", "email", "cost_centre");

    /**
     * One checked row.
     *
     * @param name  the name, or null when empty or when the file has no name column (see {@code hasName}).
     * @param email likewise.
     */
    record Row(int line, String login, String name, String email, String costCentre)
    {
    }

    private final String source;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean hasName;
    private boolean hasEmail;

    private UserImport(final String source)
    {
        this.source = source;
    }

    /**
     * @param source            the file's name, for messages.
     * @param costCentreExists  tells whether a cost centre id exists.
     * @return the checked rows; {@link #problems()} lists what is wrong (nothing may be written unless empty).
     */
    static UserImport read(final String source, final Reader csv, final Predicate<String> costCentreExists)
        throws IOException
    {
        final UserImport result = new UserImport(source);
        final List<Csv.Row> rows;
        try
        {
            rows = Csv.parse(csv);
        }
        catch (final Csv.CsvException ex)
        {
            result.problem(ex.line(), ex.getMessage());
            return result;
        }
        if (rows.isEmpty())
        {
            result.problem(1, "empty file: the first line must be the header " + String.join(",", COLUMNS));
            return result;
        }
        final Map<String, Integer> columns = result.header(rows.get(0));
        if (columns == null)
        {
            return result;
        }
        final Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 1; i < rows.size(); i++)
        {
            result.row(rows.get(i), columns, costCentreExists, firstLine);
        }
        return result;
    }

    private Map<String, Integer> header(final Csv.Row header)
    {
        final Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++)
        {
            final String column = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(column))
            {
                problem(header.line(), "unknown column '" + column + "' in the header (known: " +
                    String.join(", ", COLUMNS) + ")");
            }
            else if (columns.putIfAbsent(column, i) != null)
            {
                problem(header.line(), "column '" + column + "' appears twice in the header");
            }
        }
        for (final String required : List.of("login", "cost_centre"))
        {
            if (!columns.containsKey(required))
            {
                problem(header.line(), "the header has no '" + required + "' column (expected " +
                    String.join(",", COLUMNS) + ")");
            }
        }
        hasName = columns.containsKey("name");
        hasEmail = columns.containsKey("email");
        return problems.isEmpty() ? columns : null;
    }

    private void row(
        final Csv.Row row,
        final Map<String, Integer> columns,
        final Predicate<String> costCentreExists,
        final Map<String, Integer> firstLine)
    {
        final List<String> fields = row.fields();
        if (fields.size() != columns.size())
        {
            problem(row.line(), "expected " + columns.size() + " fields like the header, found " + fields.size());
            return;
        }
        final String login = fields.get(columns.get("login")).strip();
        final String costCentre = fields.get(columns.get("cost_centre")).strip();
        final String name = hasName ? Rules.optional(fields.get(columns.get("name"))) : null;
        final String email = hasEmail ? Rules.optional(fields.get(columns.get("email"))) : null;
        final int before = problems.size();
        problem(row.line(), Rules.checkLogin(login));
        problem(row.line(), Rules.checkName(name));
        problem(row.line(), Rules.checkEmail(email));
        final String badId = Rules.checkCostCentreId(costCentre);
        problem(row.line(), badId);
        if (badId == null && !costCentreExists.test(costCentre))
        {
            problem(row.line(), "cost centre '" + costCentre + "' does not exist (add it first: " +
                "jet costcentres add " + costCentre + " --name ...)");
        }
        final Integer seen = login.isEmpty() ? null : firstLine.putIfAbsent(login, row.line());
        if (seen != null)
        {
            problem(row.line(), "login '" + login + "' is already on line " + seen);
        }
        if (problems.size() == before)
        {
            rows.add(new Row(row.line(), login, name, email, costCentre));
        }
    }

    private void problem(final int line, final String message)
    {
        if (message != null)
        {
            problems.add(source + ":" + line + ": " + message);
        }
    }

    List<Row> rows()
    {
        return rows;
    }

    List<String> problems()
    {
        return problems;
    }

    boolean hasName()
    {
        return hasName;
    }

    boolean hasEmail()
    {
        return hasEmail;
    }
}
