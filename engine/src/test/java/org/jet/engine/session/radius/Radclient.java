package org.jet.engine.session.radius;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * FreeRADIUS's own client, {@code radclient} (Debian package freeradius-utils), run once per request set.
 *
 * @param exit   its exit code (0: every request answered).
 * @param output what it printed ({@code -x}: the packets sent and received).
 */
public record Radclient(int exit, String output)
{
    /**
     * Sends one accounting request with the attributes given; {@code tries} sends at most (1 s apart).
     */
    public static Radclient send(final int port, final String secret, final int tries, final String... attributes)
        throws Exception
    {
        final Process process = new ProcessBuilder("radclient", "-x", "-r", String.valueOf(tries), "-t", "1",
            "127.0.0.1:" + port, "acct", secret).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream())
        {
            in.write((String.join("\n", attributes) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("radclient did not finish");
        }
        return new Radclient(process.exitValue(), new String(process.getInputStream().readAllBytes(),
            StandardCharsets.UTF_8));
    }

    /** Skips the test when radclient is not installed. */
    public static void assumeInstalled()
    {
        boolean found = false;
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            found |= Files.isExecutable(Path.of(directory, "radclient"));
        }
        Assumptions.assumeTrue(found, "radclient (Debian package freeradius-utils) is not installed");
    }
}
