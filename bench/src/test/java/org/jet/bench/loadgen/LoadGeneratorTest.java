package org.jet.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.bench.BenchMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadGeneratorTest
{
    @Test
    void shouldParseCountsWithSuffixes()
    {
        assertEquals(2_400_000, LoadGenerator.parseCount("2.4M"));
        assertEquals(600_000, LoadGenerator.parseCount("600k"));
        assertEquals(1_000_000, LoadGenerator.parseCount("1_000_000"));
        assertThrows(IllegalArgumentException.class, () -> LoadGenerator.parseCount("-1"));
        assertThrows(IllegalArgumentException.class, () -> LoadGenerator.parseCount("fast"));
    }

    @Test
    void shouldPickMtuSizedDefaults()
    {
        assertEquals(30, Protocol.NETFLOW5.defaultRecordsPerDatagram());
        assertEquals(23, Protocol.NETFLOW9.defaultRecordsPerDatagram());
        assertEquals(21, Protocol.IPFIX.defaultRecordsPerDatagram());
        assertEquals(7, Protocol.SFLOW.defaultRecordsPerDatagram());
        assertTrue(Protocol.IPFIX.datagramLength(Protocol.IPFIX.maxRecords()) <= 65_507);
        assertTrue(Protocol.NETFLOW9.datagramLength(Protocol.NETFLOW9.maxRecords()) <= 65_507);
        assertTrue(Protocol.SFLOW.datagramLength(Protocol.SFLOW.maxRecords()) <= 65_507);
    }

    @Test
    void shouldRejectBothDurationAndRecordsAndBadCounts()
    {
        assertNotEquals(0, execute("loadgen", "--to", "127.0.0.1:9", "--protocol", "ipfix", "--duration", "1",
            "--records", "5"));
        assertEquals(2, execute("loadgen", "--to", "127.0.0.1:9", "--protocol", "netflow5", "--records", "5",
            "--records-per-datagram", "31"));
        assertEquals(2, execute("loadgen", "--to", "127.0.0.1:9", "--protocol", "netflow9", "--records", "5",
            "--external-hosts", "200000"));
        assertEquals(2, execute("loadgen", "--to", "127.0.0.1:9", "--protocol", "netflow9", "--records", "5",
            "--internal-network", "192.168.0.0/24", "--internal-hosts", "257"), "more hosts than the network holds");
        assertEquals(2, execute("loadgen", "--to", "127.0.0.1:9", "--protocol", "netflow9", "--records", "5",
            "--internal-network", "2001:db8::/64"));
    }

    @Test
    void shouldPrintOneJsonObjectWithTheTotals() throws Exception
    {
        try (DatagramChannel sink = DatagramChannel.open())
        {
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int port = ((InetSocketAddress)sink.getLocalAddress()).getPort();
            final StringWriter out = new StringWriter();
            final CommandLine command = new CommandLine(new BenchMain());
            command.setOut(new PrintWriter(out));
            final int code = command.execute("loadgen", "--to", "127.0.0.1:" + port, "--protocol", "netflow9",
                "--records", "1000", "--rate", "100k", "--records-per-datagram", "30", "--json");

            assertEquals(0, code);
            final JsonNode report = new ObjectMapper().readTree(out.toString());
            assertEquals("netflow9", report.get("protocol").asText());
            assertEquals(1000, report.get("records").asLong());
            assertEquals(34, report.get("datagrams").asLong());
            assertEquals(1, report.get("templateDatagrams").asLong());
            assertEquals(0, report.get("sendErrors").asLong());
            assertEquals(1, report.get("perExporter").size());
            assertTrue(report.get("flowBytes").asLong() > 0);
        }
    }

    private static int execute(final String... args)
    {
        final CommandLine command = new CommandLine(new BenchMain());
        command.setErr(new PrintWriter(new StringWriter()));
        command.setOut(new PrintWriter(new StringWriter()));
        return command.execute(args);
    }
}
