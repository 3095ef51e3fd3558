package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the sFlow v5 datagram header. The agent address is 4 or 16 bytes, so the fields after
 * it are read relative to {@link #tailOffset(int)}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          version (5)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              agent address type (1 IPv4, 2 IPv6)              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                agent address (4 or 16 bytes)                 ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         sub-agent id                          |  tail + 0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   datagram sequence number                    |  tail + 4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       uptime (ms)                             |  tail + 8
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       number of samples                       |  tail + 12
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SflowDatagramHeader
{
    public static final int VERSION_OFFSET = 0;
    public static final int ADDRESS_TYPE_OFFSET = 4;
    public static final int ADDRESS_OFFSET = 8;

    public static final int SUB_AGENT_ID_TAIL_OFFSET = 0;
    public static final int SEQUENCE_TAIL_OFFSET = 4;
    public static final int UPTIME_TAIL_OFFSET = 8;
    public static final int NUM_SAMPLES_TAIL_OFFSET = 12;
    public static final int TAIL_LENGTH = 16;

    /** Length of the header with an IPv4 agent address, the shortest valid one. */
    public static final int MIN_LENGTH = ADDRESS_OFFSET + 4 + TAIL_LENGTH;

    private SflowDatagramHeader()
    {
    }

    public static long version(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + VERSION_OFFSET);
    }

    public static long addressType(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + ADDRESS_TYPE_OFFSET);
    }

    /**
     * @param addressLength 4 or 16, from {@link SflowFormat#addressLength(long)}.
     * @return the offset of the sub-agent id, where the fixed tail of the header starts.
     */
    public static int tailOffset(final int offset, final int addressLength)
    {
        return offset + ADDRESS_OFFSET + addressLength;
    }

    public static long subAgentId(final DirectBuffer buffer, final int tailOffset)
    {
        return UncheckedWire.u32(buffer, tailOffset + SUB_AGENT_ID_TAIL_OFFSET);
    }

    public static long sequence(final DirectBuffer buffer, final int tailOffset)
    {
        return UncheckedWire.u32(buffer, tailOffset + SEQUENCE_TAIL_OFFSET);
    }

    public static long uptime(final DirectBuffer buffer, final int tailOffset)
    {
        return UncheckedWire.u32(buffer, tailOffset + UPTIME_TAIL_OFFSET);
    }

    public static long numSamples(final DirectBuffer buffer, final int tailOffset)
    {
        return UncheckedWire.u32(buffer, tailOffset + NUM_SAMPLES_TAIL_OFFSET);
    }
}
