package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;
import org.jet.collector.record.FlowRecord;

/**
 * Reads the flow key out of the first bytes of a sampled packet (raw packet header record): MAC addresses and the
 * outer VLAN from Ethernet, through 802.1Q/802.1ad tags, LLC/SNAP, PPPoE and an MPLS label stack, to the first
 * IPv4 or IPv6 header (addresses, protocol, TOS/traffic class; IPv6 extension headers skipped) and its TCP, UDP,
 * SCTP ports, TCP flags or ICMP type and code.
 *
 * <p>Only the first (outer) IP header counts: a tunnel's inner packet is not looked at. The header is usually cut
 * short (128 bytes by default), so every step checks what is left and simply stops when the bytes run out: the
 * record keeps what was read so far. Every loop is bounded by a constant. Allocates nothing.
 */
public final class SampledHeaderParser
{
    static final int MAX_VLAN_TAGS = 8;
    static final int MAX_MPLS_LABELS = 16;
    static final int MAX_IPV6_EXTENSION_HEADERS = 8;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    static final int ETHERTYPE_MPLS = 0x8847;
    static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    /** Type/length values below this are 802.3 lengths (IEEE 802.3 3.2.6). */
    static final int ETHERTYPE_MIN = 0x0600;

    static final int PROTOCOL_ICMP = 1;
    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;
    static final int PROTOCOL_DCCP = 33;
    static final int PROTOCOL_ICMPV6 = 58;
    static final int PROTOCOL_SCTP = 132;
    static final int PROTOCOL_UDP_LITE = 136;

    private static final int ETHERNET_LENGTH = 14;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int SNAP_LENGTH = 8;
    private static final int PPPOE_LENGTH = 8;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;
    private static final int MPLS_BOTTOM_OF_STACK = 0x100;
    private static final int IPV4_MIN_LENGTH = 20;
    private static final int IPV6_LENGTH = 40;
    private static final int VLAN_ID_MASK = 0xfff;
    private static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    private SampledHeaderParser()
    {
    }

    /**
     * @param headerProtocol the header protocol of the record ({@link SflowFormat#HEADER_ETHERNET}, ...).
     * @param offset         first byte of the sampled header.
     * @param length         bytes of header available: the caller has checked that they lie within the buffer,
     *                       as reads are not checked again (see {@link UncheckedWire}).
     * @param record         receives what is found.
     */
    public static void parse(
        final long headerProtocol, final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        final int end = offset + length;
        if (headerProtocol == SflowFormat.HEADER_ETHERNET)
        {
            ethernet(buffer, offset, end, record);
        }
        else if (headerProtocol == SflowFormat.HEADER_IPV4)
        {
            ipv4(buffer, offset, end, record);
        }
        else if (headerProtocol == SflowFormat.HEADER_IPV6)
        {
            ipv6(buffer, offset, end, record);
        }
        else if (headerProtocol == SflowFormat.HEADER_MPLS)
        {
            mpls(buffer, offset, end, record);
        }
        // Token ring, FDDI, PPP, 802.11...: no key is read, the record still counts the frame length.
    }

    static void ethernet(final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        if (end - offset < ETHERNET_LENGTH)
        {
            return;
        }
        record.dstMac(SampledEthernet.mac(buffer, offset));
        record.srcMac(SampledEthernet.mac(buffer, offset + 6));
        int type = UncheckedWire.u16(buffer, offset + 12);
        int cursor = offset + ETHERNET_LENGTH;

        for (int i = 0; i < MAX_VLAN_TAGS && isVlanTag(type); i++)
        {
            if (end - cursor < VLAN_TAG_LENGTH)
            {
                return;
            }
            if (i == 0)
            {
                record.vlanId(UncheckedWire.u16(buffer, cursor) & VLAN_ID_MASK);
            }
            type = UncheckedWire.u16(buffer, cursor + 2);
            cursor += VLAN_TAG_LENGTH;
        }

        if (type < ETHERTYPE_MIN)
        {
            // 802.3 length field: only LLC/SNAP (AA AA 03, OUI, type) carries an EtherType on.
            if (end - cursor < SNAP_LENGTH || UncheckedWire.u16(buffer, cursor) != 0xaaaa || UncheckedWire.u8(buffer, cursor + 2) != 3)
            {
                return;
            }
            type = UncheckedWire.u16(buffer, cursor + 6);
            cursor += SNAP_LENGTH;
        }
        etherType(type, buffer, cursor, end, record);
    }

    private static boolean isVlanTag(final int type)
    {
        return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD ||
            type == ETHERTYPE_QINQ_OLD2;
    }

    private static void etherType(
        final int type, final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        switch (type)
        {
            case ETHERTYPE_IPV4:
                ipv4(buffer, offset, end, record);
                break;
            case ETHERTYPE_IPV6:
                ipv6(buffer, offset, end, record);
                break;
            case ETHERTYPE_MPLS:
            case ETHERTYPE_MPLS_MULTICAST:
                mpls(buffer, offset, end, record);
                break;
            case ETHERTYPE_PPPOE_SESSION:
                pppoe(buffer, offset, end, record);
                break;
            default:
                break;
        }
    }

    private static void pppoe(final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        if (end - offset < PPPOE_LENGTH)
        {
            return;
        }
        final int pppProtocol = UncheckedWire.u16(buffer, offset + 6);
        if (pppProtocol == PPP_IPV4)
        {
            ipv4(buffer, offset + PPPOE_LENGTH, end, record);
        }
        else if (pppProtocol == PPP_IPV6)
        {
            ipv6(buffer, offset + PPPOE_LENGTH, end, record);
        }
    }

    /**
     * MPLS carries no payload type: after the bottom of the stack, the IP version nibble tells IPv4 from IPv6
     * (anything else, e.g. a pseudowire control word, is left alone).
     */
    static void mpls(final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        int cursor = offset;
        for (int i = 0; i < MAX_MPLS_LABELS; i++)
        {
            if (end - cursor < 4)
            {
                return;
            }
            final int entry = UncheckedWire.i32(buffer, cursor);
            cursor += 4;
            if ((entry & MPLS_BOTTOM_OF_STACK) != 0)
            {
                if (cursor < end)
                {
                    final int version = UncheckedWire.u8(buffer, cursor) >>> 4;
                    if (version == 4)
                    {
                        ipv4(buffer, cursor, end, record);
                    }
                    else if (version == 6)
                    {
                        ipv6(buffer, cursor, end, record);
                    }
                }
                return;
            }
        }
    }

    static void ipv4(final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        if (end - offset < IPV4_MIN_LENGTH)
        {
            return;
        }
        final int versionAndLength = UncheckedWire.u8(buffer, offset);
        final int headerLength = (versionAndLength & 0xf) * 4;
        if ((versionAndLength >>> 4) != 4 || headerLength < IPV4_MIN_LENGTH)
        {
            return;
        }
        final int protocol = UncheckedWire.u8(buffer, offset + 9);
        record.ipVersion(4);
        record.tos(UncheckedWire.u8(buffer, offset + 1));
        record.protocol(protocol);
        record.srcAddrV4(UncheckedWire.i32(buffer, offset + 12));
        record.dstAddrV4(UncheckedWire.i32(buffer, offset + 16));
        // Only the first fragment carries the transport header.
        if ((UncheckedWire.u16(buffer, offset + 6) & FRAGMENT_OFFSET_MASK) == 0 && end - offset >= headerLength)
        {
            transport(protocol, buffer, offset + headerLength, end, record);
        }
    }

    static void ipv6(final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        if (end - offset < IPV6_LENGTH || (UncheckedWire.u8(buffer, offset) >>> 4) != 6)
        {
            return;
        }
        record.ipVersion(6);
        record.tos((UncheckedWire.u16(buffer, offset) >>> 4) & 0xff);
        record.srcAddr(UncheckedWire.u64(buffer, offset + 8), UncheckedWire.u64(buffer, offset + 16));
        record.dstAddr(UncheckedWire.u64(buffer, offset + 24), UncheckedWire.u64(buffer, offset + 32));

        int next = UncheckedWire.u8(buffer, offset + 6);
        int cursor = offset + IPV6_LENGTH;
        for (int i = 0; i < MAX_IPV6_EXTENSION_HEADERS; i++)
        {
            final int length;
            switch (next)
            {
                case 0:   // hop-by-hop options
                case 43:  // routing
                case 60:  // destination options
                case 135: // mobility
                    length = end - cursor < 2 ? -1 : (UncheckedWire.u8(buffer, cursor + 1) + 1) * 8;
                    break;
                case 51:  // authentication header: length in 4-byte units, minus 2
                    length = end - cursor < 2 ? -1 : (UncheckedWire.u8(buffer, cursor + 1) + 2) * 4;
                    break;
                case 44:  // fragment
                    if (end - cursor < 8)
                    {
                        return;
                    }
                    next = UncheckedWire.u8(buffer, cursor);
                    record.protocol(next);
                    if ((UncheckedWire.u16(buffer, cursor + 2) >>> 3) != 0)
                    {
                        return; // not the first fragment: no transport header
                    }
                    cursor += 8;
                    continue;
                default:
                    record.protocol(next);
                    transport(next, buffer, cursor, end, record);
                    return;
            }
            if (length < 0 || end - cursor < length)
            {
                return; // cut short inside the extension headers: the protocol stays unknown
            }
            next = UncheckedWire.u8(buffer, cursor);
            cursor += length;
        }
    }

    static void transport(
        final int protocol, final DirectBuffer buffer, final int offset, final int end, final FlowRecord record)
    {
        final int available = end - offset;
        switch (protocol)
        {
            case PROTOCOL_TCP:
                if (available >= 4)
                {
                    record.srcPort(UncheckedWire.u16(buffer, offset));
                    record.dstPort(UncheckedWire.u16(buffer, offset + 2));
                }
                if (available >= 14)
                {
                    record.tcpFlags(UncheckedWire.u8(buffer, offset + 13));
                }
                break;
            case PROTOCOL_UDP:
            case PROTOCOL_DCCP:
            case PROTOCOL_SCTP:
            case PROTOCOL_UDP_LITE:
                if (available >= 4)
                {
                    record.srcPort(UncheckedWire.u16(buffer, offset));
                    record.dstPort(UncheckedWire.u16(buffer, offset + 2));
                }
                break;
            case PROTOCOL_ICMP:
            case PROTOCOL_ICMPV6:
                if (available >= 2)
                {
                    record.icmpType(UncheckedWire.u8(buffer, offset));
                    record.icmpCode(UncheckedWire.u8(buffer, offset + 1));
                }
                break;
            default:
                break;
        }
    }
}
