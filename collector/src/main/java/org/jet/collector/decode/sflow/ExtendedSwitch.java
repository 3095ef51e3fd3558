package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;

/**
 * Flyweight readers over the extended switch flow record (format 1001): VLANs on the way in and out.
 *
 * <pre>
 *  +------------------------------------+
 *  | source VLAN (802.1Q id)            |  0
 *  +------------------------------------+
 *  | source priority (802.1p)           |  4
 *  +------------------------------------+
 *  | destination VLAN                   |  8
 *  +------------------------------------+
 *  | destination priority               | 12
 *  +------------------------------------+
 * </pre>
 */
public final class ExtendedSwitch
{
    public static final int SRC_VLAN_OFFSET = 0;
    public static final int SRC_PRIORITY_OFFSET = 4;
    public static final int DST_VLAN_OFFSET = 8;
    public static final int DST_PRIORITY_OFFSET = 12;
    public static final int LENGTH = 16;

    private ExtendedSwitch()
    {
    }

    public static long srcVlan(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + SRC_VLAN_OFFSET);
    }

    public static long dstVlan(final DirectBuffer buffer, final int offset)
    {
        return UncheckedWire.u32(buffer, offset + DST_VLAN_OFFSET);
    }
}
