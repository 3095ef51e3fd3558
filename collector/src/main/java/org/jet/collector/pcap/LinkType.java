package org.jet.collector.pcap;

/**
 * The link-layer header types (tcpdump.org LINKTYPE_* values) a capture may declare, and which of them are read.
 */
public final class LinkType
{
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** DLT_RAW as some platforms number it (12 on most BSDs, 14 on OpenBSD). */
    public static final int RAW_BSD = 12;
    public static final int RAW_OPENBSD = 14;
    public static final int RAW = 101;
    /** OpenBSD loopback: the 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType()
    {
    }

    /**
     * @return true when frames of this link type can be decoded.
     */
    public static boolean isSupported(final int linkType)
    {
        switch (linkType)
        {
            case NULL:
            case ETHERNET:
            case RAW_BSD:
            case RAW_OPENBSD:
            case RAW:
            case LOOP:
            case LINUX_SLL:
            case IPV4:
            case IPV6:
            case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }
}
