package org.jet.plugin.linuxtc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jet.plugin.api.ActionException;

/**
 * Runs tc and nft as argument lists (never through a shell), in {@code ip netns exec NAME} when a namespace is set,
 * each with a deadline. A failure is an {@link ActionException} carrying the command and the first line of its
 * stderr, and whether retrying may help:
 * <ul>
 *   <li>not retryable: the binary is missing, the daemon lacks CAP_NET_ADMIN, or the tool refused the syntax (a
 *   bug or an unsupported kernel feature: retrying gives the same answer);</li>
 *   <li>retryable: the interface or namespace is missing (a link or container coming back), a timeout, and any
 *   other kernel error (busy, out of memory).</li>
 * </ul>
 */
final class Commands
{
    private final String netns;
    private final long timeoutMs;

    Commands(final String netns, final long timeoutMs)
    {
        this.netns = netns;
        this.timeoutMs = timeoutMs;
    }

    /** Runs a command that must succeed and returns its stdout. */
    String run(final String... args) throws ActionException
    {
        return run(null, false, args);
    }

    /**
     * Runs a command that removes something, where "it was not there" is success (restore is idempotent).
     */
    void remove(final String... args) throws ActionException
    {
        run(null, true, args);
    }

    /** Runs a listing command, where "nothing there yet" (no such qdisc, chain or table) is an empty answer. */
    String query(final String... args) throws ActionException
    {
        return run(null, true, args);
    }

    /** Runs a command reading {@code stdin} (an nft script) and returns its stdout. */
    String runWithInput(final String stdin, final String... args) throws ActionException
    {
        return run(stdin, false, args);
    }

    private String run(final String stdin, final boolean absentIsFine, final String... args) throws ActionException
    {
        final List<String> command = new ArrayList<>();
        if (netns != null)
        {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.addAll(List.of(args));
        final String shown = String.join(" ", command);
        final Process process;
        try
        {
            process = new ProcessBuilder(command).start();
        }
        catch (final IOException ex)
        {
            throw new ActionException(shown + ": cannot run " + command.get(0) + ": " + ex.getMessage(), false, ex);
        }
        final Drain out = new Drain(process.getInputStream());
        final Drain err = new Drain(process.getErrorStream());
        try
        {
            try (OutputStream input = process.getOutputStream())
            {
                if (stdin != null)
                {
                    input.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new ActionException(shown + ": no answer within " + timeoutMs + " ms", true);
            }
            out.join(timeoutMs);
            err.join(timeoutMs);
        }
        catch (final IOException ex)
        {
            process.destroyForcibly();
            throw new ActionException(shown + ": " + ex.getMessage(), true, ex);
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ActionException(shown + ": interrupted", true, ex);
        }
        if (process.exitValue() == 0)
        {
            return out.text();
        }
        final String error = firstLine(err.text());
        if (absentIsFine && absent(error))
        {
            return "";
        }
        throw new ActionException(shown + ": " + error, retryable(error));
    }

    /** What tc and nft say when the thing to delete is not there (but not a missing device or namespace). */
    static boolean absent(final String error)
    {
        return !missingPlace(error) && (error.contains("not found") || error.contains("No such file or directory") ||
            error.contains("Cannot find specified filter chain") ||
            error.contains("Parent Qdisc doesn't exist") || error.contains("Cannot find specified qdisc"));
    }

    static boolean retryable(final String error)
    {
        if (missingPlace(error))
        {
            return true;
        }
        return !(error.startsWith("exec of") || error.contains("Operation not permitted") ||
            error.contains("Permission denied") || error.contains("Usage:") || error.contains("Illegal") ||
            error.contains("garbage") || error.contains("Unknown") || error.contains("syntax error") ||
            error.contains("Failed to load"));
    }

    private static boolean missingPlace(final String error)
    {
        return error.contains("Cannot find device") || error.contains("Cannot open network namespace");
    }

    private static String firstLine(final String text)
    {
        final String stripped = text.strip();
        final int newline = stripped.indexOf('\n');
        final String line = newline < 0 ? stripped : stripped.substring(0, newline);
        return line.isEmpty() ? "failed without a message" : line;
    }

    /** Reads a stream to its end on a thread of its own, so neither pipe can fill up and stall the process. */
    private static final class Drain extends Thread
    {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(final InputStream in)
        {
            super("linux-tc-drain");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run()
        {
            try (InputStream stream = in)
            {
                stream.transferTo(bytes);
            }
            catch (final IOException ignored)
            {
                // the process was killed: what was read so far is all there is
            }
        }

        String text()
        {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
