package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the extended router flow record (format 1002). The next hop is an sFlow address (type,
 * then 0, 4 or 16 bytes), so the masks are read relative to the end of it.
 *
 * <pre>
 *  +------------------------------------+
 *  | next hop address type              |  0
 *  +------------------------------------+
 *  | next hop address (0, 4, 16 bytes) ...  4
 *  +------------------------------------+
 *  | source mask length                 |  4 + A
 *  +------------------------------------+
 *  | destination mask length            |  8 + A
 *  +------------------------------------+
 * </pre>
 */
public final class ExtendedRouter
{
    public static final int NEXT_HOP_TYPE_OFFSET = 0;
    public static final int NEXT_HOP_OFFSET = 4;

    private ExtendedRouter()
    {
    }

    public static long nextHopType(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_TYPE_OFFSET);
    }

    /**
     * @return the record length for a next hop of {@code addressLength} bytes.
     */
    public static int length(final int addressLength)
    {
        return NEXT_HOP_OFFSET + addressLength + 8;
    }

    public static long srcMask(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_OFFSET + addressLength);
    }

    public static long dstMask(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_OFFSET + addressLength + 4);
    }
}
