package org.jet.collector.pcap;

import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.jet.collector.pcap.Frames.concat;
import static org.jet.collector.pcap.Frames.ethernet;
import static org.jet.collector.pcap.Frames.ipv4;
import static org.jet.collector.pcap.Frames.ipv4Fragment;
import static org.jet.collector.pcap.Frames.ipv6;
import static org.jet.collector.pcap.Frames.payload;
import static org.jet.collector.pcap.Frames.udp;
import static org.jet.collector.pcap.Frames.v4;
import static org.jet.collector.pcap.Frames.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureReaderTest
{
    private static final byte[] EXPORTER = v4(10, 0, 0, 1);
    private static final byte[] COLLECTOR = v4(10, 0, 0, 2);
    private static final byte[] EXPORTER6 = v6("2001:db8::1");
    private static final byte[] COLLECTOR6 = v6("2001:db8::2");

    private final CaptureReader reader = new CaptureReader();
    private final List<Seen> seen = new ArrayList<>();

    record Seen(String src, int srcPort, String dst, int dstPort, long frame, long nanos, boolean reassembled,
        byte[] payload)
    {
    }

    @ParameterizedTest
    @CsvSource({"BIG_ENDIAN,false", "BIG_ENDIAN,true", "LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true"})
    void shouldReadEthernetUdpFromClassicPcapInEitherByteOrderAndResolution(final String order, final boolean nanos)
        throws Exception
    {
        final byte[] first = payload(100, 1);
        final byte[] second = payload(1400, 2);
        final Frames.Pcap pcap = new Frames.Pcap(byteOrder(order), nanos, LinkType.ETHERNET)
            .packet(1_700_000_000L, nanos ? 123_456_789 : 123_456, ethernet(0x0800,
                ipv4(EXPORTER, COLLECTOR, 17, udp(40000, 2055, first))))
            .packet(1_700_000_001L, 5, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(40001, 4739, second))));

        read(pcap.bytes());

        assertEquals(2, seen.size());
        assertSeen(seen.get(0), "10.0.0.1", 40000, "10.0.0.2", 2055, first);
        assertEquals(1, seen.get(0).frame);
        assertEquals(1_700_000_000_123_456_789L - (nanos ? 0 : 789), seen.get(0).nanos);
        assertSeen(seen.get(1), "10.0.0.1", 40001, "10.0.0.2", 4739, second);
        assertEquals(1_700_000_001_000_000_000L + (nanos ? 5 : 5000), seen.get(1).nanos);
        assertEquals(2, reader.stats().frames());
        assertEquals(2, reader.stats().datagrams());
        assertEquals("", reader.stats().describeSkipped());
    }

    @Test
    void shouldIgnoreEthernetPaddingAndTrailingFcs() throws Exception
    {
        final byte[] data = payload(4, 9);
        final byte[] frame = concat(ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, data))), new byte[22]);
        read(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET | 0x1000_0000)
            .packet(1, 0, frame).bytes());

        assertEquals(1, seen.size());
        assertArrayEquals(data, seen.get(0).payload);
    }

    @Test
    void shouldReadThroughVlanAndQinQTags() throws Exception
    {
        final byte[] data = payload(60, 3);
        read(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1000, 6343, data)), 100))
            .packet(2, 0, ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 17, udp(1001, 6343, data)), 100, 200))
            .bytes());

        assertEquals(2, seen.size());
        assertSeen(seen.get(0), "10.0.0.1", 1000, "10.0.0.2", 6343, data);
        assertSeen(seen.get(1), "2001:db8::1", 1001, "2001:db8::2", 6343, data);
    }

    @Test
    void shouldSkipIpv6ExtensionHeaders() throws Exception
    {
        final byte[] data = payload(200, 4);
        final byte[] chain = Frames.optionsHeader(60, Frames.optionsHeader(44,
            Frames.ipv6FragmentHeader(17, 0, false, 7, udp(5000, 2055, data))));
        read(new Frames.Pcap(ByteOrder.BIG_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 0, chain))).bytes());

        assertEquals(1, seen.size());
        assertSeen(seen.get(0), "2001:db8::1", 5000, "2001:db8::2", 2055, data);
    }

    @Test
    void shouldReadEveryOtherSupportedLinkType() throws Exception
    {
        final byte[] data = payload(33, 5);
        final byte[] ip4 = ipv4(EXPORTER, COLLECTOR, 17, udp(7, 2055, data));
        final byte[] ip6 = ipv6(EXPORTER6, COLLECTOR6, 17, udp(7, 2055, data));
        final Object[][] cases = {
            {LinkType.LINUX_SLL, Frames.sll(0x0800, ip4)},
            {LinkType.LINUX_SLL, Frames.sll(0x86dd, ip6)},
            {LinkType.LINUX_SLL2, Frames.sll2(0x0800, ip4)},
            {LinkType.LINUX_SLL2, Frames.sll2(0x86dd, ip6)},
            {LinkType.RAW, ip4},
            {LinkType.RAW, ip6},
            {LinkType.RAW_BSD, ip4},
            {LinkType.RAW_OPENBSD, ip6},
            {LinkType.IPV4, ip4},
            {LinkType.IPV6, ip6},
            {LinkType.NULL, Frames.loopback(2, ByteOrder.LITTLE_ENDIAN, ip4)},
            {LinkType.NULL, Frames.loopback(30, ByteOrder.LITTLE_ENDIAN, ip6)},
            {LinkType.NULL, Frames.loopback(10, ByteOrder.BIG_ENDIAN, ip6)},
            {LinkType.LOOP, Frames.loopback(2, ByteOrder.BIG_ENDIAN, ip4)},
        };
        for (final Object[] c : cases)
        {
            seen.clear();
            read(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, (Integer)c[0]).packet(1, 0, (byte[])c[1]).bytes());
            assertEquals(1, seen.size(), "link type " + c[0]);
            assertArrayEquals(data, seen.get(0).payload, "link type " + c[0]);
            assertEquals(7, seen.get(0).srcPort);
        }
    }

    @Test
    void shouldSkipAndCountWhatIsNotUdp() throws Exception
    {
        final byte[] data = payload(10, 6);
        read(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x0806, new byte[28]))                                     // ARP
            .packet(2, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 6, new byte[20])))       // TCP
            .packet(3, 0, ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 58, new byte[8])))     // ICMPv6
            .packet(4, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, data))), 30) // cut by snaplen
            .packet(5, 0, ethernet(0x0800, new byte[]{0x35, 0, 0, 20, 0, 0, 0, 0, 0, 17, 0, 0, 1, 2, 3, 4, 1, 2, 3,
                4}))                                                                            // IHL 5*4 but v3
            .packet(6, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, data))))
            .bytes());

        assertEquals(1, seen.size());
        assertEquals(6, seen.get(0).frame);
        final CaptureStats stats = reader.stats();
        assertEquals(6, stats.frames());
        assertEquals(1, stats.notIp());
        assertEquals(2, stats.notUdp());
        assertEquals(1, stats.truncatedFrames());
        assertEquals(1, stats.badIpHeaders());
        assertEquals(5, stats.skipped());
        assertEquals("1 not IP, 2 not UDP, 1 truncated, 1 bad IP/UDP header", stats.describeSkipped());
    }

    @Test
    void shouldReassembleIpv4FragmentsInAnyOrder() throws Exception
    {
        final byte[] data = payload(3000, 7);
        final byte[] datagram = udp(2055, 2055, data);
        final byte[] a = Arrays.copyOfRange(datagram, 0, 1480);
        final byte[] b = Arrays.copyOfRange(datagram, 1480, 2960);
        final byte[] c = Arrays.copyOfRange(datagram, 2960, datagram.length);
        read(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x0800, ipv4Fragment(EXPORTER, COLLECTOR, 17, 99, 2960, false, c)))
            .packet(2, 0, ethernet(0x0800, ipv4Fragment(EXPORTER, COLLECTOR, 17, 99, 0, true, a)))
            .packet(3, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, payload(5, 5)))))
            .packet(4, 0, ethernet(0x0800, ipv4Fragment(EXPORTER, COLLECTOR, 17, 99, 1480, true, b)))
            .bytes());

        assertEquals(2, seen.size());
        assertEquals(3, seen.get(0).frame);
        assertSeen(seen.get(1), "10.0.0.1", 2055, "10.0.0.2", 2055, data);
        assertTrue(seen.get(1).reassembled);
        assertEquals(4, seen.get(1).frame);
        assertEquals(3, reader.stats().fragments());
        assertEquals(1, reader.stats().reassembled());
        assertEquals(0, reader.stats().fragmentsDropped());
    }

    @Test
    void shouldReassembleIpv6Fragments() throws Exception
    {
        final byte[] data = payload(2000, 8);
        final byte[] datagram = udp(9995, 4739, data);
        final byte[] a = Arrays.copyOfRange(datagram, 0, 1232);
        final byte[] b = Arrays.copyOfRange(datagram, 1232, datagram.length);
        read(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 44,
                Frames.ipv6FragmentHeader(17, 0, true, 0x01020304, a))))
            .packet(2, 0, ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 44,
                Frames.ipv6FragmentHeader(17, 1232, false, 0x01020304, b))))
            .bytes());

        assertEquals(1, seen.size());
        assertSeen(seen.get(0), "2001:db8::1", 9995, "2001:db8::2", 4739, data);
    }

    @Test
    void shouldCountFragmentsThatNeverComplete() throws Exception
    {
        final Frames.Pcap pcap = new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET);
        for (int id = 0; id < FragmentReassembler.SLOTS + 4; id++)
        {
            pcap.packet(1, 0, ethernet(0x0800, ipv4Fragment(EXPORTER, COLLECTOR, 17, id, 0, true, new byte[16])));
        }
        pcap.packet(2, 0, ethernet(0x0800, ipv4Fragment(EXPORTER, COLLECTOR, 17, 1000, 0, true, new byte[13])));

        read(pcap.bytes());

        assertTrue(seen.isEmpty());
        assertEquals(FragmentReassembler.SLOTS + 5, reader.stats().fragments());
        assertEquals(FragmentReassembler.SLOTS + 5, reader.stats().fragmentsDropped());
        assertTrue(reader.stats().describeSkipped().contains("IP fragments dropped"));
    }

    @ParameterizedTest
    @CsvSource({"BIG_ENDIAN", "LITTLE_ENDIAN"})
    void shouldReadPcapngWithSeveralInterfacesAndSkipOtherBlocks(final String order) throws Exception
    {
        final byte[] data = payload(120, 9);
        final byte[] ip4 = ipv4(EXPORTER, COLLECTOR, 17, udp(2000, 2055, data));
        final Frames.Pcapng pcapng = new Frames.Pcapng(byteOrder(order))
            .interfaceBlock(LinkType.ETHERNET, 0, null)
            .block(4, new byte[]{0, 0, 0, 0})                       // name resolution block
            .interfaceBlock(LinkType.RAW, 0, 9)                    // nanosecond timestamps
            .interfaceBlock(LinkType.LINUX_SLL2, 0, 0x80 | 20)     // 2^-20 s
            .enhancedPacket(0, 1_700_000_000_000_001L, ethernet(0x0800, ip4))
            .block(0x0bad, new byte[]{1, 2, 3, 4, 5})              // custom block
            .enhancedPacket(1, 1_700_000_000_000_000_002L, ipv6(EXPORTER6, COLLECTOR6, 17, udp(2001, 2055, data)))
            .enhancedPacket(2, (1_700_000_000L << 20) | (1 << 19), Frames.sll2(0x0800, ip4))
            .enhancedPacket(7, 0, ip4)                              // no such interface
            .block(5, new byte[20])                                 // interface statistics
            .simplePacket(ethernet(0x0800, ip4));

        read(pcapng.bytes());

        assertEquals(4, seen.size());
        assertSeen(seen.get(0), "10.0.0.1", 2000, "10.0.0.2", 2055, data);
        assertEquals(1_700_000_000_000_001_000L, seen.get(0).nanos);
        assertSeen(seen.get(1), "2001:db8::1", 2001, "2001:db8::2", 2055, data);
        assertEquals(1_700_000_000_000_000_002L, seen.get(1).nanos);
        assertEquals(1_700_000_000_500_000_000L, seen.get(2).nanos);
        assertEquals(3, seen.get(2).frame);
        assertEquals(5, seen.get(3).frame);
        assertEquals(0, seen.get(3).nanos);
        assertEquals(5, reader.stats().frames());
        assertEquals(1, reader.stats().unknownInterface());
    }

    @Test
    void shouldStartOverAtEachPcapngSectionEvenInAnotherByteOrder() throws Exception
    {
        final byte[] data = payload(20, 10);
        final byte[] first = new Frames.Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(LinkType.RAW, 0, null)
            .enhancedPacket(0, 1, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, data))).bytes();
        final byte[] second = new Frames.Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(LinkType.ETHERNET, 0, null)
            .enhancedPacket(0, 2, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(3, 4, data)))).bytes();

        read(concat(first, second));

        assertEquals(2, seen.size());
        assertEquals(3, seen.get(1).srcPort);
        assertEquals(2, seen.get(1).frame);
    }

    @Test
    void shouldStopWhenTheHandlerHasSeenEnough() throws Exception
    {
        final Frames.Pcap pcap = new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET);
        for (int i = 0; i < 5; i++)
        {
            pcap.packet(i, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(i, 2, payload(8, i)))));
        }
        final List<Integer> ports = new ArrayList<>();

        reader.read("five", new ByteArrayInputStream(pcap.bytes()), d ->
        {
            ports.add(d.srcPort());
            if (ports.size() == 2)
            {
                reader.stop();
            }
        });

        assertEquals(List.of(0, 1), ports);
        read(pcap.bytes());
        assertEquals(5, seen.size(), "the next read starts afresh");
    }

    @Test
    void shouldRejectWhatIsNotACapture()
    {
        assertEquals("notes.txt: not a pcap or pcapng file (starts with 0x68656c6c)",
            assertThrows(CaptureException.class, () -> read("notes.txt", "hello world\n".getBytes())).getMessage());
        assertEquals("tiny: not a pcap or pcapng file (only 2 bytes long)",
            assertThrows(CaptureException.class, () -> read("tiny", new byte[]{1, 2})).getMessage());
        assertFalse(CaptureReader.isCapture("hello".getBytes(), 5));
        assertTrue(CaptureReader.isCapture(new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, true, 1).bytes(), 4));
        assertTrue(CaptureReader.isCapture(new Frames.Pcapng(ByteOrder.BIG_ENDIAN).bytes(), 4));
    }

    @Test
    void shouldReportATruncatedCaptureAfterHandingOnWhatCameBefore()
    {
        final byte[] full = new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, payload(50, 1)))))
            .packet(2, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, payload(50, 2)))))
            .bytes();
        final byte[] cut = Arrays.copyOf(full, full.length - 10);

        final CaptureException ex = assertThrows(CaptureException.class, () -> read("cut.pcap", cut));

        assertEquals("cut.pcap: truncated capture: packet 2 at offset 148 needs 92 bytes, only 82 remain",
            ex.getMessage());
        assertEquals(1, seen.size());
        assertEquals("short.pcap: truncated capture: pcap file header at offset 4 needs 20 bytes, only 6 remain",
            assertThrows(CaptureException.class, () -> read("short.pcap", Arrays.copyOf(full, 10))).getMessage());
    }

    @Test
    void shouldRejectImpossibleLengths()
    {
        final byte[] pcap = new Frames.Pcap(ByteOrder.BIG_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, new byte[60]).bytes();
        pcap[24 + 8] = 0x7f;
        assertEquals("x: packet 1 claims 2130706492 captured bytes, more than the 262144-byte limit: corrupt file " +
            "(offset 24)", assertThrows(CaptureException.class, () -> read("x", pcap)).getMessage());

        final byte[] pcapng = new Frames.Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(1, 0, null).bytes();
        pcapng[pcapng.length - 1] ^= 4;
        assertTrue(assertThrows(CaptureException.class, () -> read("y", pcapng)).getMessage()
            .matches("y: pcapng block length \\d+ and trailing length \\d+ differ: corrupt file \\(offset 28\\)"));

        final byte[] unsupported = new Frames.Pcap(ByteOrder.BIG_ENDIAN, false, 127).bytes();
        assertTrue(assertThrows(CaptureException.class, () -> read("z", unsupported)).getMessage()
            .startsWith("z: link type 127 is not supported"));
    }

    @Test
    void shouldReportMissingFilesByName(@TempDir final Path dir)
    {
        assertEquals(dir.resolve("nope.pcap") + ": no such file", assertThrows(CaptureException.class,
            () -> reader.read(dir.resolve("nope.pcap"), d -> { })).getMessage());
        assertEquals(dir + ": is a directory",
            assertThrows(CaptureException.class, () -> reader.read(dir, d -> { })).getMessage());
    }

    @Test
    void shouldNeverFailOtherwiseThanWithACaptureExceptionOnDamagedFiles()
    {
        final byte[] data = payload(300, 11);
        final byte[] pcap = new Frames.Pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET)
            .packet(1, 0, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, data)), 5))
            .packet(1, 0, ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 0, Frames.optionsHeader(44,
                Frames.ipv6FragmentHeader(17, 0, true, 1, Arrays.copyOf(udp(1, 2, data), 200))))))
            .packet(1, 0, ethernet(0x0800, ipv4Fragment(EXPORTER, COLLECTOR, 17, 5, 0, true, new byte[64])))
            .bytes();
        final byte[] pcapng = new Frames.Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(LinkType.ETHERNET, 0, 9)
            .enhancedPacket(0, 5, ethernet(0x0800, ipv4(EXPORTER, COLLECTOR, 17, udp(1, 2, data))))
            .simplePacket(ethernet(0x86dd, ipv6(EXPORTER6, COLLECTOR6, 17, udp(1, 2, data)))).bytes();

        final Random random = new Random(42);
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] damaged = (i % 2 == 0 ? pcap : pcapng).clone();
            final int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++)
            {
                damaged[random.nextInt(damaged.length)] = (byte)random.nextInt(256);
            }
            final byte[] input = random.nextBoolean() ? damaged :
                Arrays.copyOf(damaged, random.nextInt(damaged.length));
            try
            {
                read("fuzz", input);
            }
            catch (final CaptureException expected)
            {
                assertTrue(expected.getMessage().startsWith("fuzz: "));
            }
        }
    }

    private void read(final byte[] capture) throws CaptureException
    {
        read("test", capture);
    }

    private void read(final String name, final byte[] capture) throws CaptureException
    {
        reader.read(name, new ByteArrayInputStream(capture), d ->
        {
            final byte[] payload = new byte[d.length()];
            d.buffer().getBytes(d.offset(), payload);
            seen.add(new Seen(IpAddress.toString(d.srcAddrHi(), d.srcAddrLo()), d.srcPort(),
                IpAddress.toString(d.dstAddrHi(), d.dstAddrLo()), d.dstPort(), d.frame(), d.timestampNanos(),
                d.reassembled(), payload));
        });
    }

    private static void assertSeen(
        final Seen seen, final String src, final int srcPort, final String dst, final int dstPort, final byte[] data)
    {
        assertEquals(src, seen.src);
        assertEquals(srcPort, seen.srcPort);
        assertEquals(dst, seen.dst);
        assertEquals(dstPort, seen.dstPort);
        assertArrayEquals(data, seen.payload);
    }

    private static ByteOrder byteOrder(final String name)
    {
        return "BIG_ENDIAN".equals(name) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}
