package org.jet.engine.directory;

import java.util.List;

/**
 * An import with bad rows: nothing was written. Each problem is one {@code FILE:LINE: message} line.
 */
public final class ImportRejected extends DirectoryException
{
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ImportRejected(final String source, final List<String> problems)
    {
        super(Kind.INVALID, problems.size() + " bad row(s) in " + source + ", nothing imported");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems()
    {
        return problems;
    }
}
