package org.jet.collector.pcap;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.Wire;
import org.jet.collector.record.IpAddress;

/**
 * Peels a captured frame down to its UDP payload: link layer, 802.1Q/802.1ad tags, IPv4 or IPv6 (extension headers
 * skipped, fragments reassembled), UDP. Every length is checked against the bytes actually captured; a frame that
 * does not add up is counted in {@link CaptureStats} and skipped.
 *
 * <pre>
 *  Ethernet:  dst MAC (6) | src MAC (6) | [0x8100 TCI (4)]... | EtherType (2) | IP...
 *  SLL:       packet type (2) | ARPHRD (2) | addr len (2) | addr (8) | protocol (2) | IP...
 *  SLL2:      protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | pkt type (1) | addr len (1) | addr (8) | IP...
 *  NULL/LOOP: address family (4) | IP...          RAW: IP...
 *  UDP:       src port (2) | dst port (2) | length (2) | checksum (2) | payload...
 * </pre>
 */
final class FrameDecoder
{
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int IPPROTO_UDP = 17;

    private static final int ETHERNET_HEADER = 14;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int LOOPBACK_HEADER = 4;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int UDP_HEADER = 8;
    /** Q-in-Q stacks are two or three deep; more is garbage. */
    private static final int MAX_VLAN_TAGS = 4;
    /** RFC 8200 allows each extension header once (destination options twice); more is garbage. */
    private static final int MAX_EXTENSION_HEADERS = 12;

    private final CaptureStats stats;
    private final FragmentReassembler reassembler;
    private UdpDatagram out;

    FrameDecoder(final CaptureStats stats)
    {
        this.stats = stats;
        this.reassembler = new FragmentReassembler(stats);
    }

    /**
     * Decodes one frame.
     *
     * @return true when {@code out} now holds a UDP datagram.
     */
    boolean decode(
        final int linkType, final DirectBuffer buffer, final int offset, final int length, final UdpDatagram out)
    {
        this.out = out;
        final int end = offset + length;
        switch (linkType)
        {
            case LinkType.ETHERNET:
                return ethernet(buffer, offset, end);
            case LinkType.LINUX_SLL:
                if (length < SLL_HEADER)
                {
                    return truncated();
                }
                return etherType(Wire.u16(buffer, offset + 14), buffer, offset + SLL_HEADER, end);
            case LinkType.LINUX_SLL2:
                if (length < SLL2_HEADER)
                {
                    return truncated();
                }
                return etherType(Wire.u16(buffer, offset), buffer, offset + SLL2_HEADER, end);
            case LinkType.RAW:
            case LinkType.RAW_BSD:
            case LinkType.RAW_OPENBSD:
            case LinkType.IPV4:
            case LinkType.IPV6:
                return ipByVersion(buffer, offset, end);
            case LinkType.NULL:
            case LinkType.LOOP:
                // The family is in the capturing host's byte order for NULL and its values differ between
                // systems (AF_INET6 is 10, 24, 28 or 30): the IP version nibble is the reliable guide.
                if (length < LOOPBACK_HEADER)
                {
                    return truncated();
                }
                return ipByVersion(buffer, offset + LOOPBACK_HEADER, end);
            default:
                stats.unsupportedLinkType++;
                return false;
        }
    }

    /**
     * Gives up on fragments still waiting for the rest (end of file).
     */
    void reset()
    {
        reassembler.reset();
    }

    private boolean ethernet(final DirectBuffer buffer, final int offset, final int end)
    {
        if (end - offset < ETHERNET_HEADER)
        {
            return truncated();
        }
        return etherType(Wire.u16(buffer, offset + 12), buffer, offset + ETHERNET_HEADER, end);
    }

    private boolean etherType(final int firstType, final DirectBuffer buffer, final int offset, final int end)
    {
        int type = firstType;
        int position = offset;
        for (int tags = 0; isVlanTag(type); tags++)
        {
            if (tags == MAX_VLAN_TAGS)
            {
                stats.notIp++;
                return false;
            }
            if (end - position < 4)
            {
                return truncated();
            }
            type = Wire.u16(buffer, position + 2);
            position += 4;
        }

        switch (type)
        {
            case ETHERTYPE_IPV4:
                return ipv4(buffer, position, end);
            case ETHERTYPE_IPV6:
                return ipv6(buffer, position, end);
            default:
                stats.notIp++;
                return false;
        }
    }

    private static boolean isVlanTag(final int type)
    {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200;
    }

    private boolean ipByVersion(final DirectBuffer buffer, final int offset, final int end)
    {
        if (end - offset < 1)
        {
            return truncated();
        }
        switch (Wire.u8(buffer, offset) >>> 4)
        {
            case 4:
                return ipv4(buffer, offset, end);
            case 6:
                return ipv6(buffer, offset, end);
            default:
                stats.notIp++;
                return false;
        }
    }

    /*
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |Version|  IHL  |Type of Service|          Total Length         |
     * |         Identification        |Flags|      Fragment Offset    |
     * |  Time to Live |    Protocol   |         Header Checksum       |
     * |                       Source Address                          |
     * |                    Destination Address                        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     */
    private boolean ipv4(final DirectBuffer buffer, final int offset, final int end)
    {
        if (end - offset < IPV4_MIN_HEADER)
        {
            return truncated();
        }
        final int versionAndLength = Wire.u8(buffer, offset);
        final int headerLength = (versionAndLength & 0x0f) * 4;
        int totalLength = Wire.u16(buffer, offset + 2);
        if (totalLength == 0)
        {
            // Captured before TCP/UDP segmentation offload filled it in: trust the capture.
            totalLength = end - offset;
        }
        if (versionAndLength >>> 4 != 4 || headerLength < IPV4_MIN_HEADER || totalLength < headerLength)
        {
            return badHeader();
        }
        if (totalLength > end - offset)
        {
            return truncated();
        }

        final int protocol = Wire.u8(buffer, offset + 9);
        final long src = IpAddress.mappedLo(Wire.i32(buffer, offset + 12));
        final long dst = IpAddress.mappedLo(Wire.i32(buffer, offset + 16));
        out.addresses(4, 0, src, 0, dst);

        if (protocol != IPPROTO_UDP)
        {
            stats.notUdp++;
            return false;
        }

        final int flagsAndOffset = Wire.u16(buffer, offset + 6);
        final boolean more = (flagsAndOffset & 0x2000) != 0;
        final int fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
        if (more || fragmentOffset != 0)
        {
            final int length = reassembler.offer(
                4, 0, src, 0, dst, Wire.u16(buffer, offset + 4), protocol, fragmentOffset, more,
                buffer, offset + headerLength, totalLength - headerLength);
            return length >= 0 && udp(reassembler.completed(), 0, length, true);
        }

        return udp(buffer, offset + headerLength, offset + totalLength, false);
    }

    /*
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |Version| Traffic Class |           Flow Label                  |
     * |         Payload Length        |  Next Header  |   Hop Limit   |
     * |                 Source Address (16)                           |
     * |                 Destination Address (16)                      |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     */
    private boolean ipv6(final DirectBuffer buffer, final int offset, final int end)
    {
        if (end - offset < IPV6_HEADER)
        {
            return truncated();
        }
        if (Wire.u8(buffer, offset) >>> 4 != 6)
        {
            return badHeader();
        }
        final int payloadLength = Wire.u16(buffer, offset + 4);
        int payloadEnd = end;
        if (payloadLength != 0)
        {
            // 0 means a jumbogram or an offloaded packet: trust the capture.
            if (payloadLength > end - offset - IPV6_HEADER)
            {
                return truncated();
            }
            payloadEnd = offset + IPV6_HEADER + payloadLength;
        }

        out.addresses(
            6,
            Wire.u64(buffer, offset + 8),
            Wire.u64(buffer, offset + 16),
            Wire.u64(buffer, offset + 24),
            Wire.u64(buffer, offset + 32));
        return ipv6Payload(Wire.u8(buffer, offset + 6), buffer, offset + IPV6_HEADER, payloadEnd, false);
    }

    private boolean ipv6Payload(
        final int firstHeader, final DirectBuffer buffer, final int offset, final int end, final boolean reassembled)
    {
        int next = firstHeader;
        int position = offset;
        for (int headers = 0; headers <= MAX_EXTENSION_HEADERS; headers++)
        {
            switch (next)
            {
                case IPPROTO_UDP:
                    return udp(buffer, position, end, reassembled);
                case 0:   // hop-by-hop options
                case 43:  // routing
                case 60:  // destination options
                case 135: // mobility
                case 139: // HIP
                case 140: // shim6
                {
                    if (end - position < 2)
                    {
                        return truncated();
                    }
                    final int length = (Wire.u8(buffer, position + 1) + 1) * 8;
                    if (length > end - position)
                    {
                        return truncated();
                    }
                    next = Wire.u8(buffer, position);
                    position += length;
                    break;
                }
                case 51:  // authentication header: length in 4-byte units, minus 2
                {
                    if (end - position < 2)
                    {
                        return truncated();
                    }
                    final int length = (Wire.u8(buffer, position + 1) + 2) * 4;
                    if (length > end - position)
                    {
                        return truncated();
                    }
                    next = Wire.u8(buffer, position);
                    position += length;
                    break;
                }
                case 44:  // fragment
                {
                    if (end - position < 8)
                    {
                        return truncated();
                    }
                    final int fragmentNext = Wire.u8(buffer, position);
                    final int offsetAndFlags = Wire.u16(buffer, position + 2);
                    final int fragmentOffset = offsetAndFlags & 0xfff8;
                    final boolean more = (offsetAndFlags & 1) != 0;
                    if (fragmentOffset == 0 && !more)
                    {
                        // An atomic fragment (RFC 6946): the whole datagram is here.
                        next = fragmentNext;
                        position += 8;
                        break;
                    }
                    if (reassembled)
                    {
                        return badHeader();
                    }
                    final int length = reassembler.offer(
                        6, out.srcAddrHi(), out.srcAddrLo(), out.dstAddrHi(), out.dstAddrLo(),
                        Wire.u32(buffer, position + 4), fragmentNext, fragmentOffset, more,
                        buffer, position + 8, end - position - 8);
                    if (length < 0)
                    {
                        return false;
                    }
                    return ipv6Payload(fragmentNext, reassembler.completed(), 0, length, true);
                }
                default:  // TCP, ICMPv6, ESP, no next header (59)...
                    stats.notUdp++;
                    return false;
            }
        }
        return badHeader();
    }

    private boolean udp(final DirectBuffer buffer, final int offset, final int end, final boolean reassembled)
    {
        if (end - offset < UDP_HEADER)
        {
            return truncated();
        }
        int length = Wire.u16(buffer, offset + 4);
        if (length == 0 && out.ipVersion() == 6)
        {
            length = end - offset; // RFC 2675 jumbogram
        }
        if (length < UDP_HEADER)
        {
            return badHeader();
        }
        if (length > end - offset)
        {
            return truncated();
        }
        out.payload(
            Wire.u16(buffer, offset),
            Wire.u16(buffer, offset + 2),
            reassembled,
            buffer,
            offset + UDP_HEADER,
            length - UDP_HEADER);
        return true;
    }

    private boolean truncated()
    {
        stats.truncatedFrames++;
        return false;
    }

    private boolean badHeader()
    {
        stats.badIpHeaders++;
        return false;
    }
}
