package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the fixed part of a counter sample, in its compact (sample type 2) and expanded (type 4)
 * forms; its first fields are the {@link SampleHeader} every sample shares. The counter records follow the
 * fixed part.
 *
 * <pre>
 *  compact (type 2)                         expanded (type 4)
 *  +------------------------------------+   +------------------------------------+
 *  | sequence number                    |   | sequence number                    |  0
 *  +--------+---------------------------+   +------------------------------------+
 *  | type 8 | source id index 24        |   | source id type                     |  4
 *  +--------+---------------------------+   +------------------------------------+
 *  | number of counter records          |   | source id index                    |  8
 *  +------------------------------------+   +------------------------------------+
 *                                           | number of counter records          | 12
 *                                           +------------------------------------+
 * </pre>
 */
public final class CounterSampleHeader
{
    public static final int COMPACT_NUM_RECORDS_OFFSET = 8;
    public static final int COMPACT_LENGTH = 12;

    public static final int EXPANDED_NUM_RECORDS_OFFSET = 12;
    public static final int EXPANDED_LENGTH = 16;

    private CounterSampleHeader()
    {
    }

    public static long numRecords(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        return UncheckedWire.u32(buffer, offset + (expanded ? EXPANDED_NUM_RECORDS_OFFSET : COMPACT_NUM_RECORDS_OFFSET));
    }

    public static int length(final boolean expanded)
    {
        return expanded ? EXPANDED_LENGTH : COMPACT_LENGTH;
    }
}
