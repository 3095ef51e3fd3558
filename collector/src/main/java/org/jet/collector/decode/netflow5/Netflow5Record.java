package org.jet.collector.decode.netflow5;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over one 48-byte NetFlow v5 flow record:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            srcaddr                            |  0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            dstaddr                            |  4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            nexthop                            |  8
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          input ifIndex        |         output ifIndex        | 12
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                             dPkts                             | 16
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            dOctets                            | 20
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     First (sysUptime ms)                      | 24
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Last (sysUptime ms)                      | 28
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            srcport            |            dstport            | 32
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     pad1      |   tcp_flags   |     prot      |      tos      | 36
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             src_as            |             dst_as            | 40
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    src_mask   |    dst_mask   |              pad2             | 44
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Netflow5Record
{
    public static final int SRC_ADDR_OFFSET = 0;
    public static final int DST_ADDR_OFFSET = 4;
    public static final int NEXT_HOP_OFFSET = 8;
    public static final int INPUT_OFFSET = 12;
    public static final int OUTPUT_OFFSET = 14;
    public static final int PACKETS_OFFSET = 16;
    public static final int OCTETS_OFFSET = 20;
    public static final int FIRST_OFFSET = 24;
    public static final int LAST_OFFSET = 28;
    public static final int SRC_PORT_OFFSET = 32;
    public static final int DST_PORT_OFFSET = 34;
    public static final int TCP_FLAGS_OFFSET = 37;
    public static final int PROTOCOL_OFFSET = 38;
    public static final int TOS_OFFSET = 39;
    public static final int SRC_AS_OFFSET = 40;
    public static final int DST_AS_OFFSET = 42;
    public static final int SRC_MASK_OFFSET = 44;
    public static final int DST_MASK_OFFSET = 45;
    public static final int LENGTH = 48;

    private Netflow5Record()
    {
    }

    /** @return the source IPv4 address as a big-endian int. */
    public static int srcAddr(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.i32(buffer, offset + SRC_ADDR_OFFSET);
    }

    public static int dstAddr(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.i32(buffer, offset + DST_ADDR_OFFSET);
    }

    public static int nextHop(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.i32(buffer, offset + NEXT_HOP_OFFSET);
    }

    public static int input(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + INPUT_OFFSET);
    }

    public static int output(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + OUTPUT_OFFSET);
    }

    public static long packets(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + PACKETS_OFFSET);
    }

    public static long octets(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + OCTETS_OFFSET);
    }

    /** @return sysUptime (ms) at the flow's first packet. */
    public static long first(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + FIRST_OFFSET);
    }

    /** @return sysUptime (ms) at the flow's last packet. */
    public static long last(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + LAST_OFFSET);
    }

    public static int srcPort(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + SRC_PORT_OFFSET);
    }

    public static int dstPort(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + DST_PORT_OFFSET);
    }

    public static int tcpFlags(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + TCP_FLAGS_OFFSET);
    }

    public static int protocol(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + PROTOCOL_OFFSET);
    }

    public static int tos(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + TOS_OFFSET);
    }

    public static int srcAs(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + SRC_AS_OFFSET);
    }

    public static int dstAs(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + DST_AS_OFFSET);
    }

    public static int srcMask(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + SRC_MASK_OFFSET);
    }

    public static int dstMask(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + DST_MASK_OFFSET);
    }
}
