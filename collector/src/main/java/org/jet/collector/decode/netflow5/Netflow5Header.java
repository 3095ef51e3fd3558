package org.jet.collector.decode.netflow5;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the 24-byte NetFlow v5 datagram header (Cisco "NetFlow Export Datagram Format", v5):
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          version (5)          |        count (records)        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   sysUptime (ms since boot)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  unix_secs (export time, s)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  unix_nsecs (residual ns)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        flow_sequence (flows exported before this datagram)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  engine_type  |   engine_id   |mode|   sampling interval      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Followed by {@code count} records of {@link Netflow5Record#LENGTH} bytes.
 */
public final class Netflow5Header
{
    public static final int VERSION_OFFSET = 0;
    public static final int COUNT_OFFSET = 2;
    public static final int SYS_UPTIME_OFFSET = 4;
    public static final int UNIX_SECS_OFFSET = 8;
    public static final int UNIX_NSECS_OFFSET = 12;
    public static final int FLOW_SEQUENCE_OFFSET = 16;
    public static final int ENGINE_TYPE_OFFSET = 20;
    public static final int ENGINE_ID_OFFSET = 21;
    public static final int SAMPLING_OFFSET = 22;
    public static final int LENGTH = 24;

    /** Cisco documents at most 30 records per v5 datagram; larger counts are decoded when they fit. */
    public static final int MAX_DOCUMENTED_COUNT = 30;

    private static final int SAMPLING_INTERVAL_MASK = 0x3fff;
    private static final int SAMPLING_MODE_SHIFT = 14;

    private Netflow5Header()
    {
    }

    public static int version(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + VERSION_OFFSET);
    }

    public static int count(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + COUNT_OFFSET);
    }

    public static long sysUptime(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + SYS_UPTIME_OFFSET);
    }

    public static long unixSecs(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + UNIX_SECS_OFFSET);
    }

    public static long unixNsecs(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + UNIX_NSECS_OFFSET);
    }

    public static long flowSequence(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + FLOW_SEQUENCE_OFFSET);
    }

    public static int engineType(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + ENGINE_TYPE_OFFSET);
    }

    public static int engineId(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u8(buffer, offset + ENGINE_ID_OFFSET);
    }

    /**
     * @return the sampling mode: the top 2 bits of the sampling field (0 none/unspecified, 1 deterministic,
     * 2 random); some exporters (Juniper) leave it 0 and still fill the interval.
     */
    public static int samplingMode(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + SAMPLING_OFFSET) >>> SAMPLING_MODE_SHIFT;
    }

    /**
     * @return the sampling interval (1 in N packets): the low 14 bits; 0 when the exporter does not say.
     */
    public static int samplingInterval(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u16(buffer, offset + SAMPLING_OFFSET) & SAMPLING_INTERVAL_MASK;
    }
}
