package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the extended gateway flow record (format 1003): BGP information of the route the sampled
 * packet took. The next hop is an sFlow address of A = 0, 4 or 16 bytes; the AS path is a list of segments
 * (AS_SET = 1, AS_SEQUENCE = 2), each a list of 32-bit AS numbers.
 *
 * <pre>
 *  +------------------------------------+
 *  | next hop address type              |  0
 *  | next hop address (A bytes)        ...  4
 *  | AS of the router                   |  4 + A
 *  | source AS                          |  8 + A
 *  | source peer AS                     | 12 + A
 *  | number of AS path segments         | 16 + A
 *  +------------------------------------+
 *  | segment type | AS count N | N x AS  ...  20 + A, repeated
 *  +------------------------------------+
 *  | communities, local pref (not read) ...
 *  +------------------------------------+
 * </pre>
 */
public final class ExtendedGateway
{
    public static final int NEXT_HOP_TYPE_OFFSET = 0;
    public static final int NEXT_HOP_OFFSET = 4;

    /** {@link #lastPathAs} result: the AS path is empty. */
    public static final long EMPTY_PATH = -1;
    /** {@link #lastPathAs} result: the AS path runs past the record. */
    public static final long MALFORMED_PATH = -2;

    private static final int SEGMENT_HEADER_LENGTH = 8;

    private ExtendedGateway()
    {
    }

    public static long nextHopType(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_TYPE_OFFSET);
    }

    /**
     * @return the length of the fixed fields up to and including the segment count, for a next hop of A bytes.
     */
    public static int fixedLength(final int addressLength)
    {
        return NEXT_HOP_OFFSET + addressLength + 16;
    }

    public static long routerAs(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_OFFSET + addressLength);
    }

    public static long srcAs(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_OFFSET + addressLength + 4);
    }

    public static long srcPeerAs(final DirectBuffer buffer, final int offset, final int addressLength)
    {
        return UncheckedWire.u32(buffer, offset + NEXT_HOP_OFFSET + addressLength + 8);
    }

    /**
     * Walks the AS path. Every count is checked against the bytes left before {@code end}, so the walk is bounded
     * by the record length whatever the counts say.
     *
     * @param end the first byte after the record.
     * @return the last AS of the last non-empty segment (the destination's AS), {@link #EMPTY_PATH} or
     * {@link #MALFORMED_PATH}.
     */
    public static long lastPathAs(final DirectBuffer buffer, final int offset, final int addressLength, final int end)
    {
        int cursor = offset + fixedLength(addressLength);
        if (cursor > end)
        {
            return MALFORMED_PATH;
        }
        final long segments = UncheckedWire.u32(buffer, cursor - 4);
        if (segments > (end - cursor) / SEGMENT_HEADER_LENGTH)
        {
            return MALFORMED_PATH;
        }
        long last = EMPTY_PATH;
        for (int i = 0; i < (int)segments; i++)
        {
            if (end - cursor < SEGMENT_HEADER_LENGTH)
            {
                return MALFORMED_PATH;
            }
            final long count = UncheckedWire.u32(buffer, cursor + 4);
            cursor += SEGMENT_HEADER_LENGTH;
            if (count > (end - cursor) / 4)
            {
                return MALFORMED_PATH;
            }
            if (count > 0)
            {
                cursor += 4 * (int)count;
                last = UncheckedWire.u32(buffer, cursor - 4);
            }
        }
        return last;
    }
}
