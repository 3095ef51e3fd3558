package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the raw packet header flow record (format 1): the first bytes of the sampled packet,
 * parsed by {@link SampledHeaderParser}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       header protocol (1 Ethernet, 11 IPv4, 12 IPv6, ...)     |  0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             frame length (original packet length)             |  4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              stripped (bytes removed, e.g. FCS)               |  8
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 header length (bytes that follow)             | 12
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 header bytes, padded to 4                    ... 16
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SampledHeader
{
    public static final int HEADER_PROTOCOL_OFFSET = 0;
    public static final int FRAME_LENGTH_OFFSET = 4;
    public static final int STRIPPED_OFFSET = 8;
    public static final int HEADER_LENGTH_OFFSET = 12;
    public static final int HEADER_OFFSET = 16;

    private SampledHeader()
    {
    }

    public static long headerProtocol(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + HEADER_PROTOCOL_OFFSET);
    }

    public static long frameLength(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + FRAME_LENGTH_OFFSET);
    }

    public static long stripped(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + STRIPPED_OFFSET);
    }

    public static long headerLength(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + HEADER_LENGTH_OFFSET);
    }
}
