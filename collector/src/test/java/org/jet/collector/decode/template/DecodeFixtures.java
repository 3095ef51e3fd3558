package org.jet.collector.decode.template;

/**
 * Realistic datagrams for throughput and allocation checks: a Cisco IOS style NetFlow v9 template of 20 fields and
 * an IOS XR style IPFIX template of 20 fields with 8-byte counters and millisecond times.
 */
public final class DecodeFixtures
{
    private static final long UNIX_SECS = 1_700_000_000L;
    private static final int[] V9_FIELDS = {
        8, 4, 12, 4, 15, 4, 10, 4, 14, 4, 2, 4, 1, 4, 22, 4, 21, 4, 7, 2,
        11, 2, 6, 1, 4, 1, 5, 1, 16, 4, 17, 4, 9, 1, 13, 1, 61, 1, 48, 1};
    private static final int[] IPFIX_FIELDS = {
        8, 4, 12, 4, 15, 4, 10, 4, 14, 4, 2, 8, 1, 8, 152, 8, 153, 8, 7, 2,
        11, 2, 6, 1, 4, 1, 5, 1, 16, 4, 17, 4, 9, 1, 13, 1, 61, 1, 302, 4};

    private DecodeFixtures()
    {
    }

    public static byte[] netflow9Template()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, 1_000_000, UNIX_SECS, 0, 0);
        packet.set(0).template(256, V9_FIELDS).endSet();
        packet.set(1).u16(257).u16(4).u16(8).u16(1).u16(4).u16(48).u16(1).u16(34).u16(4).endSet(4);
        packet.set(257).u32(0).u8(1).u32(1000).endSet(4);
        return packet.build();
    }

    public static byte[] netflow9Datagram(final int records)
    {
        final PacketBuilder packet = PacketBuilder.netflow9(records, 1_000_000, UNIX_SECS, 1, 0);
        packet.set(256);
        for (int i = 0; i < records; i++)
        {
            packet.u32(0x0a000000L + i).u32(0xc0a80000L + i).u32(0x0a0000feL).u32(3).u32(4).u32(10 + i)
                .u32(1500L * (10 + i)).u32(990_000).u32(999_000).u16(1024 + i).u16(443).u8(0x1b).u8(6).u8(0)
                .u32(65000).u32(64512).u8(24).u8(16).u8(0).u8(1);
        }
        packet.endSet(4);
        return packet.build();
    }

    public static byte[] ipfixTemplate()
    {
        final PacketBuilder packet = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        packet.set(2).u16(300).u16(IPFIX_FIELDS.length / 2);
        for (final int value : IPFIX_FIELDS)
        {
            packet.u16(value);
        }
        packet.endSet();
        packet.set(3).u16(257).u16(3).u16(1).u16(302).u16(4).u16(309).u16(4).u16(310).u16(4).endSet();
        packet.set(257).u32(1).u32(1).u32(1024).endSet();
        return packet.build();
    }

    public static byte[] ipfixDatagram(final int records)
    {
        final PacketBuilder packet = PacketBuilder.ipfix(UNIX_SECS, 0, 0);
        packet.set(300);
        for (int i = 0; i < records; i++)
        {
            packet.u32(0x0a000000L + i).u32(0xc0a80000L + i).u32(0x0a0000feL).u32(3).u32(4).u64(10 + i)
                .u64(1500L * (10 + i)).u64(UNIX_SECS * 1000 - 9000).u64(UNIX_SECS * 1000 - 1000).u16(1024 + i)
                .u16(443).u8(0x1b).u8(6).u8(0).u32(65000).u32(64512).u8(24).u8(16).u8(0).u32(1);
        }
        packet.endSet();
        return packet.build();
    }
}
