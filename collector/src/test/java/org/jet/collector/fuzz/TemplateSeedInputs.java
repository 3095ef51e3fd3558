package org.jet.collector.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.jet.collector.decode.template.DecodeFixtures;
import org.jet.collector.decode.template.PacketBuilder;

/**
 * Writes the synthetic seed inputs of {@link DecoderFuzzTest#netflow9} and {@link DecoderFuzzTest#ipfix}: datagrams
 * built with {@link PacketBuilder} as the decoder tests build them, in the harness's input format, with the fixed
 * version bytes left out. Not a test; run it by hand after changing a seed:
 * <pre>
 *   java -cp collector/target/test-classes:collector/target/classes org.jet.collector.fuzz.TemplateSeedInputs \
 *       collector/src/test/resources/org/jet/collector/fuzz/DecoderFuzzTestInputs
 * </pre>
 * The inputs Jazzer found are kept beside these under {@code crash-*} or {@code finding-*} names and are not
 * written here.
 */
public final class TemplateSeedInputs
{
    private static final long UNIX_SECS = 1_700_000_000L;
    private static final long UPTIME = 100_000;
    private static final long PEN_REVERSE = 29305;
    private static final int[] V9_FLOW = {8, 4, 12, 4, 7, 2, 11, 2, 4, 1, 1, 4, 2, 4, 22, 4, 21, 4};

    private TemplateSeedInputs()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path root = Paths.get(args.length > 0 ? args[0] :
            "collector/src/test/resources/org/jet/collector/fuzz/DecoderFuzzTestInputs");
        writeNetflow9(root.resolve("netflow9"));
        writeIpfix(root.resolve("ipfix"));
    }

    private static void writeNetflow9(final Path dir) throws IOException
    {
        Files.createDirectories(dir);

        final PacketBuilder flows = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 7, 42);
        flows.set(0).template(256, V9_FLOW).endSet();
        flows.set(256);
        flow(flows, 0x0a000001, 0x0a000002, 1234, 80, 6, 1500, 3);
        flow(flows, 0x0a000003, 0x0a000004, 53, 5353, 17, 80, 1);
        flows.endSet(4);
        write(dir, "template-and-data", 9, flows.build());

        // options template with a scope, options data carrying sampler rates, then data naming the sampler
        final PacketBuilder options = PacketBuilder.netflow9(3, UPTIME, UNIX_SECS, 1, 5);
        options.set(1).u16(257).u16(4).u16(8).u16(1).u16(4).u16(48).u16(1).u16(50).u16(4).endSet(4);
        options.set(257).u32(0xc0000201L).u8(1).u32(2000).u32(0).u8(2).u32(4000).endSet(4);
        options.set(0).template(256, 8, 4, 12, 4, 1, 4, 48, 1).endSet();
        options.set(256).ip("10.0.0.1").ip("10.0.0.2").u32(100).u8(2).ip("10.0.0.1").ip("10.0.0.2").u32(100).u8(9)
            .endSet();
        write(dir, "options-template-and-data", 9, options.build());

        // data held for a template that comes in the next datagram, which also replaces another template
        final PacketBuilder early = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        early.set(256);
        flow(early, 0x0a000001, 0x0a000002, 1, 2, 6, 100, 1);
        early.endSet();
        final PacketBuilder late = PacketBuilder.netflow9(2, UPTIME + 1000, UNIX_SECS + 1, 2, 0);
        late.set(0).template(256, V9_FLOW).template(258, 8, 4, 1, 4).endSet();
        late.set(0).template(258, 1, 4, 8, 4).endSet();
        late.set(258).u32(55).ip("10.0.0.9").endSet();
        write(dir, "data-before-template-then-replaced", 9, early.build(), late.build());

        // variable-length field, padding and zero-length fields, reduced-size counters, trailing zero fill
        final PacketBuilder odd = PacketBuilder.netflow9(3, UPTIME, UNIX_SECS, 1, 0);
        odd.set(0).template(256, 8, 4, 236, 65535, 1, 4).template(257, 8, 4, 0, 0, 150, 0, 1, 3, 2, 1, 85, 5)
            .endSet(4);
        odd.set(256).ip("10.0.0.1").u8(3).bytes("vrf".getBytes()).u32(702)
            .ip("10.0.0.2").u8(255).u16(2).u16(0x6162).u32(9).endSet(4);
        odd.set(257).ip("10.0.0.1").u24(0xabcdef).u8(200).u8(1).u32(0x02030405L).endSet(8);
        odd.zeros(16);
        write(dir, "var-len-padding-reduced-size", 9, odd.build());

        // Cisco ASA NSEL elements, MACs, IPv6 and millisecond times
        final PacketBuilder nsel = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        nsel.set(0).template(256, 8, 4, 231, 4, 232, 4, 40001, 4, 40003, 2, 233, 1, 33002, 2, 323, 8, 152, 8,
            56, 6, 80, 6, 27, 16, 61, 1).endSet();
        nsel.set(256).ip("192.168.0.2").u32(81).u32(763).ip("203.0.113.9").u16(40000).u8(2).u16(2030)
            .u64(1_469_109_033_015L).u64(1_469_109_032_955L).mac(0x000c29708609L).mac(0x005056c00001L)
            .ip("2001:db8::1").u8(1).endSet();
        write(dir, "nsel-mac-ipv6", 9, nsel.build());

        // more held data sets than the harness keeps (4): the oldest is dropped; the template drains one
        final PacketBuilder unknown = PacketBuilder.netflow9(6, UPTIME, UNIX_SECS, 1, 0);
        for (int i = 0; i < 6; i++)
        {
            unknown.set(300 + i).ip("10.0.0.1").u32(i).endSet();
        }
        final PacketBuilder known = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 2, 0);
        known.set(0).template(305, 8, 4, 1, 4).template(300, 8, 4, 1, 4).endSet();
        write(dir, "held-sets-overflow", 9, unknown.build(), known.build());

        // one template more than the harness keeps (32), then data for the first and the refused one
        final PacketBuilder many = PacketBuilder.netflow9(34, UPTIME, UNIX_SECS, 1, 0);
        many.set(0);
        for (int i = 0; i < 33; i++)
        {
            many.template(256 + i, 8, 4);
        }
        many.endSet();
        many.set(256).ip("10.0.0.1").endSet();
        many.set(288).ip("10.0.0.2").endSet();
        write(dir, "template-limit", 9, many.build());

        // Cisco IOS style template with options, then a data datagram from the throughput fixtures
        write(dir, "ios-template-then-data", 9, DecodeFixtures.netflow9Template(),
            DecodeFixtures.netflow9Datagram(2));
    }

    private static void writeIpfix(final Path dir) throws IOException
    {
        Files.createDirectories(dir);

        final PacketBuilder v6 = PacketBuilder.ipfix(UNIX_SECS, 0, 7);
        v6.set(2).u16(300).u16(8).u16(27).u16(16).u16(28).u16(16).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1)
            .u16(1).u16(8).u16(152).u16(8).u16(153).u16(8).endSet();
        v6.set(300).ip("2001:db8::1").ip("2001:db8::2").u16(443).u16(50000).u8(6).u64(123_456_789_012L)
            .u64(1_699_999_990_000L).u64(1_699_999_999_500L).endSet();
        write(dir, "template-and-data-ipv6", 10, v6.build());

        final PacketBuilder varLen = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        varLen.set(2).u16(300).u16(4).u16(8).u16(4).u16(82).u16(65535).u16(1).u16(4).u16(83).u16(65535).endSet();
        varLen.set(300).ip("10.0.0.1").u8(4).bytes("eth0".getBytes()).u32(1000).u8(0)
            .ip("10.0.0.2").u8(255).u16(20).zeros(20).u32(2000).u8(1).u8('x').endSet(4);
        write(dir, "var-len-short-and-long", 10, varLen.build());

        // reverse (PEN 29305) biflow counters mapped, another enterprise's element skipped
        final PacketBuilder biflow = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        biflow.set(2).u16(300).u16(5).u16(8).u16(4).u16(0x8000 | 1).u16(8).u32(9).u16(1).u16(8)
            .u16(0x8000 | 1).u16(8).u32(PEN_REVERSE).u16(0x8000 | 2).u16(4).u32(PEN_REVERSE).endSet();
        biflow.set(300).ip("10.0.0.1").u64(999).u64(24268).u64(1674).u32(26).endSet();
        write(dir, "enterprise-reverse-biflow", 10, biflow.build());

        // PSAMP options template and data (selector ids and intervals), then data naming the selector
        final PacketBuilder psamp = PacketBuilder.ipfix(UNIX_SECS, 0, 33312);
        psamp.set(3).u16(257).u16(4).u16(1).u16(302).u16(4).u16(305).u16(4).u16(309).u16(4).u16(310).u16(4)
            .endSet();
        psamp.set(257).u32(1).u32(1).u32(1).u32(256).u32(2).u32(1).u32(1).u32(1024).endSet();
        psamp.set(3).u16(258).u16(3).u16(1).u16(143).u16(4).u16(305).u16(2).u16(306).u16(4).endSet();
        psamp.set(258).u32(1).u16(1).u32(99).endSet(4);
        psamp.set(2).u16(300).u16(3).u16(8).u16(4).u16(1).u16(4).u16(302).u16(4).endSet();
        psamp.set(300).ip("10.0.0.1").u32(100).u32(2).ip("10.0.0.2").u32(100).u32(1).endSet();
        write(dir, "options-psamp-sampling", 10, psamp.build());

        // templates defined, one withdrawn, all data templates withdrawn, data held, all options withdrawn
        final PacketBuilder define = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        define.set(2).u16(300).u16(1).u16(1).u16(4).u16(301).u16(1).u16(2).u16(4).u16(302).u16(1).u16(8).u16(4)
            .endSet();
        define.set(3).u16(400).u16(1).u16(1).u16(34).u16(4).endSet();
        define.set(301).u32(5).endSet();
        final PacketBuilder withdrawOne = PacketBuilder.ipfix(UNIX_SECS, 1, 0);
        withdrawOne.set(2).u16(300).u16(0).endSet();
        withdrawOne.set(300).u32(6).endSet();
        final PacketBuilder withdrawData = PacketBuilder.ipfix(UNIX_SECS, 1, 0);
        withdrawData.set(2).u16(2).u16(0).endSet();
        withdrawData.set(301).u32(7).endSet();
        final PacketBuilder withdrawOptions = PacketBuilder.ipfix(UNIX_SECS, 1, 0);
        withdrawOptions.set(3).u16(3).u16(0).endSet();
        withdrawOptions.set(2).u16(301).u16(1).u16(2).u16(4).endSet();
        write(dir, "withdrawals", 10, define.build(), withdrawOne.build(), withdrawData.build(),
            withdrawOptions.build());

        // padded sets, two messages in one datagram, every kind of time element
        final PacketBuilder times = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        times.set(2)
            .u16(301).u16(2).u16(150).u16(4).u16(151).u16(4)
            .u16(302).u16(2).u16(154).u16(8).u16(155).u16(8)
            .u16(303).u16(2).u16(158).u16(4).u16(159).u16(4)
            .u16(304).u16(3).u16(22).u16(4).u16(21).u16(4).u16(160).u16(8)
            .endSet(4);
        times.set(301).u32(UNIX_SECS - 60).u32(UNIX_SECS - 1).endSet(8);
        times.set(302).u64(ntpSeconds(UNIX_SECS - 3)).u64(ntpSeconds(UNIX_SECS - 1) | 0x8000_0000L).endSet();
        times.ipfixMessage(UNIX_SECS, 2, 0);
        times.set(303).u32(3_000_000).u32(1_000_000).endSet();
        times.set(304).u32(1000).u32(5000).u64(UNIX_SECS * 1000 - 100_000).endSet();
        write(dir, "time-elements-padding-two-messages", 10, times.build());

        // one template more than the harness keeps (32), then data for the first and the refused one
        final PacketBuilder many = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        many.set(2);
        for (int i = 0; i < 33; i++)
        {
            many.u16(256 + i).u16(1).u16(8).u16(4);
        }
        many.endSet();
        many.set(256).ip("10.0.0.1").endSet();
        many.set(288).ip("10.0.0.2").endSet();
        write(dir, "template-limit", 10, many.build());

        // IOS XR style template with options, then a data message from the throughput fixtures
        write(dir, "iosxr-template-then-data", 10, DecodeFixtures.ipfixTemplate(), DecodeFixtures.ipfixDatagram(2));
    }

    private static void flow(
        final PacketBuilder packet,
        final int src,
        final int dst,
        final int srcPort,
        final int dstPort,
        final int protocol,
        final long bytes,
        final long packets)
    {
        packet.u32(src & 0xffff_ffffL).u32(dst & 0xffff_ffffL).u16(srcPort).u16(dstPort).u8(protocol).u32(bytes)
            .u32(packets).u32(UPTIME - 5000).u32(UPTIME - 1000);
    }

    private static long ntpSeconds(final long unixSeconds)
    {
        return (unixSeconds + 2_208_988_800L) << 32;
    }

    /**
     * One input: a count byte, each datagram but the last behind a 2-byte length, the version bytes left out.
     */
    private static void write(final Path dir, final String name, final int version, final byte[]... datagrams)
        throws IOException
    {
        if (datagrams.length < 1 || datagrams.length > 4)
        {
            throw new IllegalArgumentException("1 to 4 datagrams: " + datagrams.length);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(datagrams.length - 1);
        for (int i = 0; i < datagrams.length; i++)
        {
            final byte[] datagram = datagrams[i];
            if (datagram[0] != 0 || datagram[1] != version)
            {
                throw new IllegalArgumentException(name + ": datagram " + i + " is not version " + version);
            }
            final int length = datagram.length - 2;
            if (i < datagrams.length - 1)
            {
                out.write(length >>> 8);
                out.write(length & 0xff);
            }
            out.write(datagram, 2, length);
        }
        Files.write(dir.resolve(name), out.toByteArray());
    }
}
