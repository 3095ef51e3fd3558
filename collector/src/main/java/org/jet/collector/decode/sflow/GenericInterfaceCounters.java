package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the generic interface counters record (counter format 1, RFC 2233 ifTable style).
 *
 * <pre>
 *  +------------------------------------+
 *  | ifIndex                            |  0
 *  | ifType                             |  4
 *  | ifSpeed (64)                       |  8
 *  | ifDirection                        | 16
 *  | ifStatus                           | 20
 *  | ifInOctets (64)                    | 24
 *  | ifInUcastPkts                      | 32
 *  | ifInMulticastPkts                  | 36
 *  | ifInBroadcastPkts                  | 40
 *  | ifInDiscards                       | 44
 *  | ifInErrors                         | 48
 *  | ifInUnknownProtos                  | 52
 *  | ifOutOctets (64)                   | 56
 *  | ifOutUcastPkts                     | 64
 *  | ifOutMulticastPkts                 | 68
 *  | ifOutBroadcastPkts                 | 72
 *  | ifOutDiscards                      | 76
 *  | ifOutErrors                        | 80
 *  | ifPromiscuousMode                  | 84
 *  +------------------------------------+
 * </pre>
 */
public final class GenericInterfaceCounters
{
    public static final int IF_INDEX_OFFSET = 0;
    public static final int IF_TYPE_OFFSET = 4;
    public static final int IF_SPEED_OFFSET = 8;
    public static final int IF_IN_OCTETS_OFFSET = 24;
    public static final int IF_IN_UCAST_PKTS_OFFSET = 32;
    public static final int IF_IN_ERRORS_OFFSET = 48;
    public static final int IF_OUT_OCTETS_OFFSET = 56;
    public static final int IF_OUT_UCAST_PKTS_OFFSET = 64;
    public static final int IF_OUT_ERRORS_OFFSET = 80;
    public static final int LENGTH = 88;

    private GenericInterfaceCounters()
    {
    }

    public static long ifIndex(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + IF_INDEX_OFFSET);
    }

    public static long ifSpeed(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u64(buffer, offset + IF_SPEED_OFFSET);
    }

    public static long ifInOctets(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u64(buffer, offset + IF_IN_OCTETS_OFFSET);
    }

    public static long ifInUcastPkts(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + IF_IN_UCAST_PKTS_OFFSET);
    }

    public static long ifInErrors(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + IF_IN_ERRORS_OFFSET);
    }

    public static long ifOutOctets(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u64(buffer, offset + IF_OUT_OCTETS_OFFSET);
    }

    public static long ifOutUcastPkts(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + IF_OUT_UCAST_PKTS_OFFSET);
    }

    public static long ifOutErrors(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + IF_OUT_ERRORS_OFFSET);
    }
}
