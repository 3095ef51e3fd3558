package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with the live counters open (no close, a segment lock still held) leaves in the mapped files
 * everything it folded, and the next open recovers the lock.
 */
class LiveCountersCrashTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepWhatWasFoldedWhenTheProcessIsKilled() throws Exception
    {
        final Path data = dir.resolve("live");
        final Path log = dir.resolve("child.log");
        final Process child = java(LiveCountersChild.class.getName(), data.toString(), log);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        final String output = Files.readString(log);
        assertEquals(LiveCountersChild.HALT_STATUS, child.exitValue(), output);
        assertTrue(output.contains("folded, segment locked, halting"), output);
        assertTrue(Files.exists(data.resolve(LiveCounters.OPEN_MARKER)), "a killed process leaves its marker");

        // New addresses need the segment's update lock, which the dead child holds: without recovery the fold
        // below would wait for it (60 s, then an exception).
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            try (LiveCounters live = new LiveCounters(data, 2_000, 200))
            {
                LiveCountersTest.assertExpected(live, LiveCountersChild.IPS, LiveCountersChild.USERS, 2);
                final int ips = LiveCountersChild.IPS + 200;
                live.fold(LiveCountersTest.tick(ips, LiveCountersChild.USERS, 1));
                assertEquals(ips, live.ipCount());
                for (int i = 1; i <= ips; i++)
                {
                    final int folds = i <= LiveCountersChild.IPS ? 3 : 1;
                    assertEquals((long)i * folds, live.ip(0, LiveCountersTest.V4 | i).bytesIn(), "address " + i);
                }
                assertEquals(21, live.ip(0, LiveCountersChild.LOCKED_LO).bytesIn());
            }
        });
    }

    /** A child JVM with the test's classpath and the JVM flags surefire gave this one (jvm.flags.base). */
    private Process java(final String mainClass, final String arg, final Path output) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (jvmArg.startsWith("--add-") || jvmArg.startsWith("--enable-native") ||
                jvmArg.startsWith("-Dchronicle") || jvmArg.startsWith("--sun-misc"))
            {
                command.add(jvmArg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add(arg);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .directory(dir.toFile()).start();
    }
}
