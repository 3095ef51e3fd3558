package org.jet.collector.decode.sflow;

import static org.jet.collector.decode.sflow.Bytes.bytes;
import static org.jet.collector.decode.sflow.Bytes.ethernet;
import static org.jet.collector.decode.sflow.Bytes.extension;
import static org.jet.collector.decode.sflow.Bytes.fragment;
import static org.jet.collector.decode.sflow.Bytes.icmp;
import static org.jet.collector.decode.sflow.Bytes.ipv4;
import static org.jet.collector.decode.sflow.Bytes.ipv6;
import static org.jet.collector.decode.sflow.Bytes.tag;
import static org.jet.collector.decode.sflow.Bytes.tcp;
import static org.jet.collector.decode.sflow.Bytes.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;

class SampledHeaderParserTest
{
    private final FlowRecord record = new FlowRecord();

    @Test
    void shouldReadEthernetIpv4Tcp()
    {
        parse(SflowFormat.HEADER_ETHERNET, ethernet(0x0800, ipv4(6, "10.1.2.3", "192.0.2.7", tcp(443, 51000, 0x18))));

        assertEquals(0x0050_56c0_0002L, record.dstMac());
        assertEquals(0x0050_56c0_0001L, record.srcMac());
        assertFalse(record.has(Field.VLAN_ID));
        assertEquals(4, record.ipVersion());
        assertEquals("10.1.2.3", src());
        assertEquals("192.0.2.7", dst());
        assertEquals(6, record.protocol());
        assertEquals(0x28, record.tos());
        assertEquals(443, record.srcPort());
        assertEquals(51000, record.dstPort());
        assertEquals(0x18, record.tcpFlags());
    }

    @Test
    void shouldReadTheOuterVlanOfAnEightOhTwoDotOneQTag()
    {
        // priority 1 in the top bits of the tag control information
        parse(SflowFormat.HEADER_ETHERNET,
            ethernet(0x8100, tag(0x2000 | 809, 0x0800, ipv4(17, "10.0.0.1", "10.0.0.2", udp(53, 1053)))));

        assertEquals(809, record.vlanId());
        assertEquals("10.0.0.1", src());
        assertEquals(53, record.srcPort());
    }

    @Test
    void shouldTakeTheOuterTagOfQinq()
    {
        final byte[] inner = bytes().u16(1493).u16(0x0800).put(ipv4(6, "49.49.49.2", "49.49.49.109", tcp(32017, 443, 0x10)))
            .array();
        final byte[] frame = bytes().mac("00:01:10:62:14:93").mac("4c:ae:a3:52:0f:f6").u16(0x88a8).u16(1062)
            .u16(0x8100).put(inner).array();

        parse(SflowFormat.HEADER_ETHERNET, frame);

        assertEquals(1062, record.vlanId());
        assertEquals("49.49.49.2", src());
        assertEquals(443, record.dstPort());
    }

    @Test
    void shouldReadThroughAnMplsLabelStackToIpv4()
    {
        final byte[] labels = bytes().u32(16_000L << 12).u32((17_000L << 12) | 0x100 | 64).array();
        parse(SflowFormat.HEADER_ETHERNET,
            ethernet(0x8847, bytes().put(labels).put(ipv4(17, "10.9.8.7", "10.6.5.4", udp(4789, 4790))).array()));

        assertEquals("10.9.8.7", src());
        assertEquals(17, record.protocol());
        assertEquals(4790, record.dstPort());
    }

    @Test
    void shouldReadThroughAnMplsLabelToIpv6()
    {
        final byte[] packet = bytes().u32(0x100 | 255).put(ipv6(6, "2001:db8::1", "2001:db8::2", tcp(1, 2, 2)))
            .array();
        parse(SflowFormat.HEADER_MPLS, packet);

        assertEquals("2001:db8::1", src());
        assertEquals(6, record.protocol());
        assertEquals(2, record.tcpFlags());
    }

    @Test
    void shouldLeaveAnMplsPayloadThatIsNotIpAlone()
    {
        parse(SflowFormat.HEADER_ETHERNET, ethernet(0x8847, bytes().u32(0x100).u32(0).u32(0).array()));
        assertFalse(record.has(Field.SRC_ADDR));
        assertTrue(record.has(Field.SRC_MAC));
    }

    @Test
    void shouldStopAtAnMplsStackWithoutBottom()
    {
        final Bytes labels = bytes();
        for (int i = 0; i < 40; i++)
        {
            labels.u32(16L << 12);
        }
        parse(SflowFormat.HEADER_ETHERNET, ethernet(0x8847, labels.array()));
        assertFalse(record.has(Field.SRC_ADDR));
    }

    @Test
    void shouldReadLlcSnapAndPppoe()
    {
        final byte[] snap = bytes().u16(0xaaaa).u8(3).u8(0).u16(0).u16(0x0800)
            .put(ipv4(6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0))).array();
        parse(SflowFormat.HEADER_ETHERNET, ethernet(snap.length, snap));
        assertEquals("10.0.0.1", src());

        record.clear();
        final byte[] pppoe = bytes().u8(0x11).u8(0).u16(1).u16(0).u16(0x0057)
            .put(ipv6(17, "2001:db8::5", "2001:db8::6", udp(5, 6))).array();
        parse(SflowFormat.HEADER_ETHERNET, ethernet(0x8864, pppoe));
        assertEquals("2001:db8::5", src());
        assertEquals(6, record.dstPort());
    }

    @Test
    void shouldReadIpv6TrafficClassAndSkipExtensionHeaders()
    {
        final byte[] payload = extension(43, extension(60, fragment(6, 0, tcp(80, 8080, 0x12))));
        parse(SflowFormat.HEADER_IPV6, ipv6(0, "2001:db8::a", "ff02::16", payload));

        assertEquals(6, record.ipVersion());
        assertEquals(0xb8, record.tos());
        assertEquals("2001:db8::a", src());
        assertEquals("ff02::16", dst());
        assertEquals(6, record.protocol());
        assertEquals(80, record.srcPort());
        assertEquals(0x12, record.tcpFlags());
    }

    @Test
    void shouldNotReadPortsOfALaterIpv6Fragment()
    {
        parse(SflowFormat.HEADER_IPV6, ipv6(44, "2001:db8::a", "2001:db8::b", fragment(17, 185, udp(1, 2))));

        assertEquals(17, record.protocol());
        assertFalse(record.has(Field.SRC_PORT));
    }

    @Test
    void shouldLeaveTheProtocolUnknownWhenExtensionHeadersAreCutShort()
    {
        final byte[] packet = ipv6(0, "2001:db8::a", "2001:db8::b", bytes().u8(6).u8(4).array());
        parse(SflowFormat.HEADER_IPV6, packet);

        assertEquals("2001:db8::a", src());
        assertFalse(record.has(Field.PROTOCOL));
    }

    @Test
    void shouldNotReadPortsOfALaterIpv4Fragment()
    {
        parse(SflowFormat.HEADER_IPV4, ipv4(17, "10.0.0.1", "10.0.0.2", 0x2000 | 185, udp(1, 2)));

        assertEquals(17, record.protocol());
        assertFalse(record.has(Field.SRC_PORT));
    }

    @Test
    void shouldReadPortsOfAFirstIpv4FragmentAndSkipIpOptions()
    {
        final byte[] withOptions = bytes().u8(0x46).u8(0).u16(32).u16(1).u16(0x2000).u8(64).u8(17).u16(0)
            .addr("10.0.0.1").addr("10.0.0.2").u32(0x0101_0101L).put(udp(1000, 2000)).array();
        parse(SflowFormat.HEADER_IPV4, withOptions);

        assertEquals(1000, record.srcPort());
        assertEquals(2000, record.dstPort());
    }

    @Test
    void shouldReadIcmpTypeAndCodeInsteadOfPorts()
    {
        parse(SflowFormat.HEADER_ETHERNET, ethernet(0x0800, ipv4(1, "203.0.113.4", "203.0.113.5", icmp(8, 0))));
        assertEquals(8, record.icmpType());
        assertEquals(0, record.icmpCode());
        assertFalse(record.has(Field.SRC_PORT));

        record.clear();
        parse(SflowFormat.HEADER_ETHERNET, ethernet(0x86dd, ipv6(58, "fe80::1", "2001:db8::", icmp(135, 0))));
        assertEquals(58, record.protocol());
        assertEquals(135, record.icmpType());
    }

    @Test
    void shouldReadUdpLikeProtocols()
    {
        parse(SflowFormat.HEADER_IPV4, ipv4(132, "10.0.0.1", "10.0.0.2", udp(2905, 2906)));
        assertEquals(2905, record.srcPort());
    }

    @Test
    void shouldKeepWhatWasReadWhenTheHeaderIsCutShort()
    {
        final byte[] full = ethernet(0x0800, ipv4(6, "10.1.2.3", "192.0.2.7", tcp(443, 51000, 0x18)));
        parse(SflowFormat.HEADER_ETHERNET, full, 14 + 20 + 4);
        assertEquals("10.1.2.3", src());
        assertEquals(443, record.srcPort());
        assertFalse(record.has(Field.TCP_FLAGS));

        record.clear();
        parse(SflowFormat.HEADER_ETHERNET, full, 14 + 19);
        assertTrue(record.has(Field.SRC_MAC));
        assertFalse(record.has(Field.SRC_ADDR));
    }

    @Test
    void shouldIgnoreHeaderProtocolsItDoesNotKnow()
    {
        parse(4, ethernet(0x0800, ipv4(6, "10.1.2.3", "192.0.2.7", tcp(443, 51000, 0x18))));
        assertEquals(0, record.presentFields());
    }

    @Test
    void shouldNotReadAnIpv4HeaderWithABadVersionOrLength()
    {
        final byte[] packet = ipv4(6, "10.1.2.3", "192.0.2.7", tcp(443, 51000, 0x18));
        packet[0] = 0x44;
        parse(SflowFormat.HEADER_IPV4, packet);
        assertFalse(record.has(Field.SRC_ADDR));
        packet[0] = 0x65;
        parse(SflowFormat.HEADER_IPV4, packet);
        assertFalse(record.has(Field.SRC_ADDR));
    }

    @Test
    void shouldNeverReadOutsideTheHeader()
    {
        final byte[] frame = ethernet(0x88a8, tag(5, 0x8100, tag(6, 0x86dd,
            ipv6(0, "2001:db8::a", "2001:db8::b", extension(44, fragment(6, 0, tcp(1, 2, 3)))))));
        final Random random = new Random(11);
        for (int i = 0; i < 50_000; i++)
        {
            final byte[] mutated = frame.clone();
            for (int j = 0; j < 3; j++)
            {
                mutated[random.nextInt(mutated.length)] = (byte)random.nextInt();
            }
            record.clear();
            // The buffer ends where the header ends: a read past it throws.
            parse(1 + random.nextInt(13), mutated, random.nextInt(mutated.length + 1));
        }
    }

    private void parse(final long protocol, final byte[] header)
    {
        parse(protocol, header, header.length);
    }

    private void parse(final long protocol, final byte[] header, final int length)
    {
        // The header sits at an offset, as in a datagram, and the buffer ends with it: a read past it throws.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[40 + length]);
        buffer.setMemory(0, 40, (byte)0x66);
        buffer.putBytes(40, header, 0, length);
        SampledHeaderParser.parse(protocol, buffer, 40, length, record);
    }

    private String src()
    {
        return IpAddress.toString(record.srcAddrHi(), record.srcAddrLo());
    }

    private String dst()
    {
        return IpAddress.toString(record.dstAddrHi(), record.dstAddrLo());
    }
}
