package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the fixed part of a flow sample, in its compact (sample type 1) and expanded (type 3)
 * forms; its first fields are the {@link SampleHeader} every sample shares. The flow records follow the
 * fixed part.
 *
 * <pre>
 *  compact (type 1)                         expanded (type 3)
 *  +------------------------------------+   +------------------------------------+
 *  | sequence number                    |   | sequence number                    |  0
 *  +--------+---------------------------+   +------------------------------------+
 *  | type 8 | source id index 24        |   | source id type                     |  4
 *  +--------+---------------------------+   +------------------------------------+
 *  | sampling rate                      |   | source id index                    |  8
 *  +------------------------------------+   +------------------------------------+
 *  | sample pool                        |   | sampling rate                      | 12
 *  +------------------------------------+   +------------------------------------+
 *  | drops                              |   | sample pool                        | 16
 *  +--+---------------------------------+   +------------------------------------+
 *  |fm| input interface 30              |   | drops                              | 20
 *  +--+---------------------------------+   +------------------------------------+
 *  |fm| output interface 30             |   | input format / input value         | 24, 28
 *  +--+---------------------------------+   +------------------------------------+
 *  | number of flow records             |   | output format / output value       | 32, 36
 *  +------------------------------------+   +------------------------------------+
 *                                           | number of flow records             | 40
 *                                           +------------------------------------+
 * </pre>
 */
public final class FlowSampleHeader
{
    public static final int COMPACT_SAMPLING_RATE_OFFSET = 8;
    public static final int COMPACT_SAMPLE_POOL_OFFSET = 12;
    public static final int COMPACT_DROPS_OFFSET = 16;
    public static final int COMPACT_INPUT_OFFSET = 20;
    public static final int COMPACT_OUTPUT_OFFSET = 24;
    public static final int COMPACT_NUM_RECORDS_OFFSET = 28;
    public static final int COMPACT_LENGTH = 32;

    public static final int EXPANDED_SAMPLING_RATE_OFFSET = 12;
    public static final int EXPANDED_SAMPLE_POOL_OFFSET = 16;
    public static final int EXPANDED_DROPS_OFFSET = 20;
    public static final int EXPANDED_INPUT_FORMAT_OFFSET = 24;
    public static final int EXPANDED_INPUT_VALUE_OFFSET = 28;
    public static final int EXPANDED_OUTPUT_FORMAT_OFFSET = 32;
    public static final int EXPANDED_OUTPUT_VALUE_OFFSET = 36;
    public static final int EXPANDED_NUM_RECORDS_OFFSET = 40;
    public static final int EXPANDED_LENGTH = 44;

    private FlowSampleHeader()
    {
    }

    public static long samplingRate(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        return UncheckedWire.u32(buffer, offset + (expanded ? EXPANDED_SAMPLING_RATE_OFFSET : COMPACT_SAMPLING_RATE_OFFSET));
    }

    public static long samplePool(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        return UncheckedWire.u32(buffer, offset + (expanded ? EXPANDED_SAMPLE_POOL_OFFSET : COMPACT_SAMPLE_POOL_OFFSET));
    }

    public static long drops(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        return UncheckedWire.u32(buffer, offset + (expanded ? EXPANDED_DROPS_OFFSET : COMPACT_DROPS_OFFSET));
    }

    /**
     * @return the input interface in the compact encoding (see {@link #interfaceValue}).
     */
    public static long input(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        if (expanded)
        {
            return interfaceValue(
                UncheckedWire.u32(buffer, offset + EXPANDED_INPUT_FORMAT_OFFSET),
                UncheckedWire.u32(buffer, offset + EXPANDED_INPUT_VALUE_OFFSET));
        }
        return UncheckedWire.u32(buffer, offset + COMPACT_INPUT_OFFSET);
    }

    /**
     * @return the output interface in the compact encoding (see {@link #interfaceValue}).
     */
    public static long output(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        if (expanded)
        {
            return interfaceValue(
                UncheckedWire.u32(buffer, offset + EXPANDED_OUTPUT_FORMAT_OFFSET),
                UncheckedWire.u32(buffer, offset + EXPANDED_OUTPUT_VALUE_OFFSET));
        }
        return UncheckedWire.u32(buffer, offset + COMPACT_OUTPUT_OFFSET);
    }

    public static long numRecords(final DirectBuffer buffer, final int offset, final boolean expanded)
    {
        return UncheckedWire.u32(buffer, offset + (expanded ? EXPANDED_NUM_RECORDS_OFFSET : COMPACT_NUM_RECORDS_OFFSET));
    }

    public static int length(final boolean expanded)
    {
        return expanded ? EXPANDED_LENGTH : COMPACT_LENGTH;
    }

    /**
     * Expresses an expanded (format, value) interface pair in the compact encoding, so records carry one
     * convention: format 0 is an ifIndex (kept whole, it may exceed 30 bits in the expanded form), format 1 a
     * discard reason and format 2 a count of output interfaces, as {@code format << 30 | value}.
     */
    static long interfaceValue(final long format, final long value)
    {
        if (format == 0)
        {
            return value;
        }
        return ((format & 0x3) << SflowFormat.INTERFACE_FORMAT_SHIFT) | (value & SflowFormat.INTERFACE_VALUE_MASK);
    }
}
