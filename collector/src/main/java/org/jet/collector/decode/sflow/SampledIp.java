package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the sampled IPv4 (format 3) and sampled IPv6 (format 4) flow records: an agent's own
 * decoding of the sampled packet. They differ only in the address length.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            length of the IP packet (without L2)               |  0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         IP protocol                           |  4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             source address (4 or 16 bytes = A)               ...  8
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           destination address (4 or 16 bytes)                ...  8 + A
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                source port (or equivalent)                    |  8 + 2A
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              destination port (or equivalent)                 | 12 + 2A
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          TCP flags                            | 16 + 2A
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               TOS (IPv4) / priority (IPv6)                    | 20 + 2A
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SampledIp
{
    public static final int IP_LENGTH_OFFSET = 0;
    public static final int PROTOCOL_OFFSET = 4;
    public static final int SRC_ADDR_OFFSET = 8;
    public static final int IPV4_LENGTH = 32;
    public static final int IPV6_LENGTH = 56;

    private SampledIp()
    {
    }

    /**
     * @return the record length for an address length of 4 or 16.
     */
    public static int length(final int addressLength)
    {
        return 24 + 2 * addressLength;
    }

    public static long ipLength(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + IP_LENGTH_OFFSET);
    }

    public static long protocol(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + PROTOCOL_OFFSET);
    }

    public static int srcAddrOffset(final int offset)
    {
        return offset + SRC_ADDR_OFFSET;
    }

    public static int dstAddrOffset(final int offset, final int addressLength)
    {
        return offset + SRC_ADDR_OFFSET + addressLength;
    }

    public static long srcPort(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + 8 + 2 * addressLength);
    }

    public static long dstPort(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + 12 + 2 * addressLength);
    }

    public static long tcpFlags(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + 16 + 2 * addressLength);
    }

    public static long tos(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + 20 + 2 * addressLength);
    }
}
