package org.jet.cli.decode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordWritersTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Exporter exporter = new ExporterTable(4).lookup(0, IpAddress.mappedLo(0xc0000201), 50000);
    private final FlowRecord record = new FlowRecord();

    @Test
    void shouldWriteCoreKeysAsNullWhenAbsentAndOmitOtherAbsentFields() throws Exception
    {
        record.clear();
        record.version(9);
        record.observationDomain(7);
        record.templateId(256);
        record.bytes(10);

        final JsonNode json = json();

        final List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("exporter", "flow_protocol", "version", "kind", "packet", "observation_domain", "set_id",
            "src_addr", "dst_addr", "src_port", "dst_port", "protocol", "bytes", "packets", "sampling_rate", "start_ms",
            "end_ms", "input_if", "output_if"), keys);
        assertTrue(json.get("src_addr").isNull());
        assertTrue(json.get("packets").isNull());
        assertEquals(10, json.get("bytes").asLong());
        assertEquals("netflow", json.get("flow_protocol").asText());
        assertEquals(256, json.get("set_id").asInt());
    }

    @Test
    void shouldWriteUnsignedNumbersIpv6MacsNatAndSampling() throws Exception
    {
        record.clear();
        record.version(10);
        record.srcAddr(0x2001_0db8_0000_0000L, 0x0000_0000_0000_0001L);
        record.dstAddrV4(0x0a000002);
        record.bytes(-1L);
        record.packets(1L << 63);
        record.samplingRateUnknown(1);
        record.srcMac(0x005056c00001L);
        record.postNatSrcAddr(0, IpAddress.mappedLo(0xc6336401));
        record.postNatSrcPort(40000);
        record.natEvent(1);
        record.firewallEvent(2);
        record.initiatorOctets(1234);
        record.vlanId(100);

        final JsonNode json = json();

        assertEquals("ipfix", json.get("flow_protocol").asText());
        assertEquals(10, json.get("version").asInt());
        assertEquals("2001:db8::1", json.get("src_addr").asText());
        assertEquals("10.0.0.2", json.get("dst_addr").asText());
        assertEquals("18446744073709551615", json.get("bytes").bigIntegerValue().toString());
        assertEquals("9223372036854775808", json.get("packets").bigIntegerValue().toString());
        assertEquals(1, json.get("sampling_rate").asLong());
        assertFalse(json.get("sampling_rate_known").asBoolean());
        assertEquals("00:50:56:c0:00:01", json.get("src_mac").asText());
        assertEquals("198.51.100.1", json.get("post_nat_src_addr").asText());
        assertEquals(40000, json.get("post_nat_src_port").asInt());
        assertEquals(1, json.get("nat_event").asInt());
        assertEquals(2, json.get("firewall_event").asInt());
        assertEquals(1234, json.get("initiator_octets").asLong());
        assertEquals(100, json.get("vlan_id").asInt());
        assertFalse(json.has("dst_mac"));
    }

    @Test
    void shouldWriteSflowCounterSamples() throws Exception
    {
        record.clear();
        record.version(RecordKind.SFLOW_VERSION);
        record.kind(RecordKind.COUNTER);
        record.ifCounters(3, 1_000_000_000L, 100, 2, 0, 200, 4, 1);

        final JsonNode json = json();

        assertEquals("sflow", json.get("flow_protocol").asText());
        assertEquals(5, json.get("version").asInt());
        assertEquals("counter", json.get("kind").asText());
        assertEquals(3, json.get("if_index").asLong());
        assertEquals(1_000_000_000L, json.get("if_speed").asLong());
        assertEquals(100, json.get("if_in_octets").asLong());
        assertEquals(4, json.get("if_out_ucast_pkts").asLong());
        assertTrue(json.get("bytes").isNull());

        final String text = text();
        assertTrue(text.matches("192\\.0\\.2\\.1:50000 +sflow +counter +observation_domain=0 if_index=3 " +
            "if_speed=1000000000 .*if_out_errors=1\n"), text);
    }

    @Test
    void shouldAlignFlowsInText() throws Exception
    {
        record.clear();
        record.version(5);
        record.srcAddrV4(0x0a000d01);
        record.srcPort(5228);
        record.dstAddrV4(0xc0a80062);
        record.dstPort(52734);
        record.protocol(6);
        record.bytes(104);
        record.packets(2);
        record.samplingRate(1);
        record.inputIf(13);
        record.outputIf(50);

        assertEquals("192.0.2.1:50000        nf5    flow     10.0.13.1:5228        -> 192.168.0.98:52734    tcp  " +
            "          104 B        2 pkt  rate 1  if 13->50\n", text());
    }

    @Test
    void shouldBracketIpv6EndpointsWithPortsInText() throws Exception
    {
        record.clear();
        record.version(9);
        record.srcAddr(0xfe80_0000_0000_0000L, 1);
        record.srcPort(0);
        record.dstAddr(0xff02_0000_0000_0000L, 0x16);
        record.protocol(58);

        assertTrue(text().contains(" [fe80::1]:0 "), text());
        assertTrue(text().contains("-> ff02::16 "), text());
    }

    private JsonNode json() throws Exception
    {
        final StringWriter out = new StringWriter();
        final JsonRecordWriter writer = new JsonRecordWriter(out);
        writer.write(exporter, record, 0);
        writer.flush();
        assertTrue(out.toString().endsWith("}\n"), out.toString());
        return JSON.readTree(out.toString());
    }

    private String text() throws Exception
    {
        final StringWriter out = new StringWriter();
        final TextRecordWriter writer = new TextRecordWriter(new PrintWriter(out));
        writer.write(exporter, record, 0);
        writer.flush();
        return out.toString();
    }
}
