package org.jet.collector.decode.sflow;

/**
 * Numbers of the sFlow v5 structures Jet decodes (sflow.org "sFlow Version 5", July 2004, and the structure
 * registry at sflow.org/developers/structures.php). A data format word is {@code enterprise << 12 | format};
 * everything here is enterprise 0.
 */
public final class SflowFormat
{
    /** Datagram version. */
    public static final int VERSION = 5;

    /** Agent address types ({@code address} union). */
    public static final int ADDRESS_UNKNOWN = 0;
    public static final int ADDRESS_IPV4 = 1;
    public static final int ADDRESS_IPV6 = 2;

    /** Sample types. */
    public static final int SAMPLE_FLOW = 1;
    public static final int SAMPLE_COUNTER = 2;
    public static final int SAMPLE_EXPANDED_FLOW = 3;
    public static final int SAMPLE_EXPANDED_COUNTER = 4;
    /** Discarded-packet sample (sFlow "drop notifications", 2020): skipped, no traffic to bill. */
    public static final int SAMPLE_DISCARDED_PACKET = 5;

    /** Flow record formats. */
    public static final int FLOW_RAW_HEADER = 1;
    public static final int FLOW_ETHERNET = 2;
    public static final int FLOW_IPV4 = 3;
    public static final int FLOW_IPV6 = 4;
    public static final int FLOW_EXTENDED_SWITCH = 1001;
    public static final int FLOW_EXTENDED_ROUTER = 1002;
    public static final int FLOW_EXTENDED_GATEWAY = 1003;

    /** Counter record formats. */
    public static final int COUNTER_GENERIC_INTERFACE = 1;

    /** Header protocols of the raw packet header record. */
    public static final int HEADER_ETHERNET = 1;
    public static final int HEADER_IPV4 = 11;
    public static final int HEADER_IPV6 = 12;
    public static final int HEADER_MPLS = 13;

    /** Interface value format in the top 2 bits of a compact interface field (or the expanded format word). */
    public static final int INTERFACE_FORMAT_SHIFT = 30;
    public static final int INTERFACE_VALUE_MASK = 0x3fff_ffff;

    private static final int FORMAT_BITS = 12;
    private static final int FORMAT_MASK = 0xfff;

    private SflowFormat()
    {
    }

    /**
     * @param dataFormat a data format word as read from the wire.
     * @return the format number when the enterprise is 0 (standard), else -1.
     */
    public static int standardFormat(final int dataFormat)
    {
        return (dataFormat >>> FORMAT_BITS) == 0 ? dataFormat & FORMAT_MASK : -1;
    }

    /**
     * @param type an address type.
     * @return the length of the address value that follows the type, or -1 for an unknown type.
     */
    public static int addressLength(final long type)
    {
        if (type == ADDRESS_IPV4)
        {
            return 4;
        }
        if (type == ADDRESS_IPV6)
        {
            return 16;
        }
        return type == ADDRESS_UNKNOWN ? 0 : -1;
    }
}
