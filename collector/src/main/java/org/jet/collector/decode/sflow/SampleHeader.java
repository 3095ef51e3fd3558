package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * The prefix every flow and counter sample shares, in both forms: the sequence number and the source id (see
 * {@link FlowSampleHeader} and {@link CounterSampleHeader} for the rest).
 *
 * <pre>
 *  compact (types 1, 2)                     expanded (types 3, 4)
 *  +------------------------------------+   +------------------------------------+
 *  | sequence number                    |   | sequence number                    |  0
 *  +--------+---------------------------+   +------------------------------------+
 *  | type 8 | source id index 24        |   | source id type                     |  4
 *  +--------+---------------------------+   +------------------------------------+
 *                                           | source id index                    |  8
 *                                           +------------------------------------+
 * </pre>
 */
public final class SampleHeader
{
    public static final int SEQUENCE_OFFSET = 0;
    public static final int COMPACT_SOURCE_ID_OFFSET = 4;
    public static final int EXPANDED_SOURCE_ID_TYPE_OFFSET = 4;
    public static final int EXPANDED_SOURCE_ID_INDEX_OFFSET = 8;

    private SampleHeader()
    {
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + SEQUENCE_OFFSET);
    }

    /**
     * @return the source id as {@code type << 32 | index}, the same for both forms.
     */
    public static long sourceId(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        if (expanded)
        {
            return (UncheckedWire.u32(buffer, offset + EXPANDED_SOURCE_ID_TYPE_OFFSET) << 32) |
                UncheckedWire.u32(buffer, offset + EXPANDED_SOURCE_ID_INDEX_OFFSET);
        }
        final long compact = UncheckedWire.u32(buffer, offset + COMPACT_SOURCE_ID_OFFSET);
        return ((compact >>> 24) << 32) | (compact & 0xff_ffffL);
    }
}
