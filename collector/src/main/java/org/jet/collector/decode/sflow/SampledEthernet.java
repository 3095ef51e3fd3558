package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the Ethernet frame data flow record (format 2). A MAC is XDR {@code opaque[6]}, padded
 * to 8 bytes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  length of the MAC packet                     |  0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  source MAC (6 bytes)         |    padding    |  4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                destination MAC (6 bytes)      |    padding    | 12
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Ethernet type                          | 20
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SampledEthernet
{
    public static final int FRAME_LENGTH_OFFSET = 0;
    public static final int SRC_MAC_OFFSET = 4;
    public static final int DST_MAC_OFFSET = 12;
    public static final int TYPE_OFFSET = 20;
    public static final int LENGTH = 24;

    private SampledEthernet()
    {
    }

    public static long frameLength(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + FRAME_LENGTH_OFFSET);
    }

    /** @return the source MAC in the low 48 bits. */
    public static long srcMac(final DirectBuffer buffer, final int offset)
    {
        return mac(buffer, offset + SRC_MAC_OFFSET);
    }

    /** @return the destination MAC in the low 48 bits. */
    public static long dstMac(final DirectBuffer buffer, final int offset)
    {
        return mac(buffer, offset + DST_MAC_OFFSET);
    }

    static long mac(final DirectBuffer buffer, final int index)
    {
        return (UncheckedWire.u32(buffer, index) << 16) | UncheckedWire.u16(buffer, index + 4);
    }
}
