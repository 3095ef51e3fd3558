package org.jet.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.bench.BenchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Runs the comparison at a rate any collector keeps up with; skipped where nfdump or pmacct is not installed.
 */
class EndToEndTest
{
    @ParameterizedTest
    @ValueSource(strings = {"netflow5", "netflow9", "ipfix"})
    void shouldFindEverySentRecordPacketAndByteInNfcapdFiles(final String protocol, @TempDir final Path dir)
        throws Exception
    {
        assumeTrue(onPath("nfcapd") && onPath("nfdump"), "nfdump is not installed");
        final JsonNode row = runOne("nfcapd", protocol, dir);

        assertFalse(row.has("error"), row.toString());
        assertEquals(row.get("sentRecords").asLong(), row.get("receivedRecords").asLong(), row.toString());
        assertEquals(row.get("sentPackets").asLong(), row.get("receivedPackets").asLong(), row.toString());
        assertEquals(row.get("sentBytes").asLong(), row.get("receivedBytes").asLong(), row.toString());
        assertNoCollectorLeft(dir);
    }

    @Test
    void shouldCountWhatNfacctdAccounted(@TempDir final Path dir) throws Exception
    {
        assumeTrue(onPath("nfacctd"), "pmacct is not installed");
        final JsonNode row = runOne("nfacctd", "netflow9", dir);

        assertFalse(row.has("error"), row.toString());
        final long sent = row.get("sentRecords").asLong();
        final long received = row.get("receivedRecords").asLong();
        // Exact on a quiet machine; a collector starved of CPU may drop, but never invents records.
        assertTrue(received > 0 && received <= sent, row.toString());
        assertNoCollectorLeft(dir);
    }

    @Test
    void shouldRefuseAnHourTurnOutsideTheStep()
    {
        final StringWriter err = new StringWriter();
        final CommandLine command = new CommandLine(new BenchMain());
        command.setErr(new PrintWriter(err));
        final int code = command.execute("e2e", "--targets", "nfcapd", "--rates", "30k", "--seconds", "10",
            "--hour-turn", "10");

        assertEquals(2, code);
        assertEquals("e2e: --hour-turn must be within the step: 0 to 9 s", err.toString().strip());
    }

    private static JsonNode runOne(final String target, final String protocol, final Path dir) throws Exception
    {
        final StringWriter out = new StringWriter();
        final CommandLine command = new CommandLine(new BenchMain());
        command.setOut(new PrintWriter(out));
        final int code = command.execute("e2e", "--targets", target, "--rates", "30k", "--seconds", "1",
            "--protocol", protocol, "--exporters", "2", "--records-per-datagram", "20", "--work-dir", dir.toString(),
            "--json");
        assertEquals(0, code, out.toString());
        final JsonNode rows = new ObjectMapper().readTree(out.toString()).get("rows");
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static void assertNoCollectorLeft(final Path dir) throws Exception
    {
        final String workDir = dir.toString();
        ProcessHandle.allProcesses().forEach(process ->
        {
            final String commandLine = process.info().commandLine().orElse("");
            assertFalse(process.isAlive() && commandLine.contains(workDir), "still running: " + commandLine);
        });
        try (var files = Files.list(dir))
        {
            assertEquals(0, files.count(), "step directories are deleted unless --keep");
        }
    }

    private static boolean onPath(final String program)
    {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            if (Files.isExecutable(Path.of(directory, program)))
            {
                return true;
            }
        }
        return false;
    }
}
