package org.jet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code jet} in-process with captured stdout and stderr.
 */
public final class Jet
{
    public record Result(int exitCode, String out, String err)
    {
        public List<String> outLines()
        {
            return lines(out);
        }

        public List<String> errLines()
        {
            return lines(err);
        }

        /** @return the last line on stderr (the summary of decode, the totals of replay). */
        public String lastErrLine()
        {
            final List<String> lines = errLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        private static List<String> lines(final String text)
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : text.split("\n"))
            {
                if (!line.isEmpty())
                {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    private Jet()
    {
    }

    /**
     * Writes {@code dir/jet.yml} for a daemon on loopback (UDP and HTTP on ports the kernel chooses: the CLI finds
     * the HTTP one in the data directory), data in {@code dir/data}, with {@code more} YAML lines after.
     */
    public static Path daemonConfig(final Path dir, final String... more) throws IOException
    {
        final List<String> lines = new ArrayList<>(List.of(
            "data_dir: " + dir.resolve("data"),
            "listen: ['127.0.0.1:0']",
            "http:",
            "  listen: 127.0.0.1:0"));
        lines.addAll(List.of(more));
        lines.add("");
        final Path config = dir.resolve("jet.yml");
        Files.writeString(config, String.join("\n", lines));
        return config;
    }

    public static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final PrintWriter outWriter = new PrintWriter(out);
        final PrintWriter errWriter = new PrintWriter(err);
        final int exitCode = JetCommand.commandLine(outWriter, errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();
        return new Result(exitCode, out.toString(), err.toString());
    }
}
