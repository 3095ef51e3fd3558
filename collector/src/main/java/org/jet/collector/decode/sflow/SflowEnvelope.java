package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the envelope that wraps every sFlow v5 sample and every flow or counter record: a data
 * format word and the length of the opaque data that follows, so unknown structures can be skipped.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          enterprise (20 bits)         |   format (12 bits)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      data length (bytes)                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        data ...                              ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SflowEnvelope
{
    public static final int DATA_FORMAT_OFFSET = 0;
    public static final int DATA_LENGTH_OFFSET = 4;
    public static final int LENGTH = 8;

    private SflowEnvelope()
    {
    }

    public static int dataFormat(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.i32(buffer, offset + DATA_FORMAT_OFFSET);
    }

    public static long dataLength(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + DATA_LENGTH_OFFSET);
    }
}
