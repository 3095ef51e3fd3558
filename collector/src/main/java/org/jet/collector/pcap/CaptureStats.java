package org.jet.collector.pcap;

/**
 * What a {@link CaptureReader} saw in one file, and what it skipped and why.
 */
public final class CaptureStats
{
    long frames;
    long datagrams;
    long notIp;
    long notUdp;
    long truncatedFrames;
    long badIpHeaders;
    long unsupportedLinkType;
    long unknownInterface;
    long oversizedPackets;
    long fragments;
    long reassembled;
    long fragmentsDropped;

    void reset()
    {
        frames = datagrams = notIp = notUdp = truncatedFrames = badIpHeaders = 0;
        unsupportedLinkType = unknownInterface = oversizedPackets = 0;
        fragments = reassembled = fragmentsDropped = 0;
    }

    /** @return packet records read from the file. */
    public long frames()
    {
        return frames;
    }

    /** @return UDP datagrams handed on (each reassembled datagram counts once). */
    public long datagrams()
    {
        return datagrams;
    }

    /** @return frames that carried neither IPv4 nor IPv6 (ARP, LLDP, MPLS...). */
    public long notIp()
    {
        return notIp;
    }

    /** @return IP packets that were not UDP (TCP, ICMP...). */
    public long notUdp()
    {
        return notUdp;
    }

    /** @return frames cut short by the capture's snap length, or shorter than their headers say. */
    public long truncatedFrames()
    {
        return truncatedFrames;
    }

    /** @return IP or UDP headers with impossible versions or lengths. */
    public long badIpHeaders()
    {
        return badIpHeaders;
    }

    /** @return frames of a link type this reader does not decode. */
    public long unsupportedLinkType()
    {
        return unsupportedLinkType;
    }

    /** @return pcapng packets naming an interface that was never described. */
    public long unknownInterface()
    {
        return unknownInterface;
    }

    /** @return packets larger than {@link CaptureReader#MAX_PACKET_LENGTH}, skipped. */
    public long oversizedPackets()
    {
        return oversizedPackets;
    }

    /** @return IP fragments seen. */
    public long fragments()
    {
        return fragments;
    }

    /** @return datagrams put together from fragments. */
    public long reassembled()
    {
        return reassembled;
    }

    /** @return fragments given up on: invalid, evicted, or still incomplete at the end of the file. */
    public long fragmentsDropped()
    {
        return fragmentsDropped;
    }

    /** @return frames read but not handed on as datagrams (fragments waiting for the rest are not counted). */
    public long skipped()
    {
        return notIp + notUdp + truncatedFrames + badIpHeaders + unsupportedLinkType + unknownInterface +
            oversizedPackets;
    }

    /**
     * @return a short description of what was skipped, e.g. {@code 3 not UDP, 1 truncated}; empty when nothing was.
     */
    public String describeSkipped()
    {
        final StringBuilder out = new StringBuilder();
        append(out, notIp, "not IP");
        append(out, notUdp, "not UDP");
        append(out, truncatedFrames, "truncated");
        append(out, badIpHeaders, "bad IP/UDP header");
        append(out, unsupportedLinkType, "unsupported link type");
        append(out, unknownInterface, "unknown pcapng interface");
        append(out, oversizedPackets, "oversized");
        append(out, fragmentsDropped, "IP fragments dropped");
        return out.toString();
    }

    @Override
    public String toString()
    {
        final String skipped = describeSkipped();
        return frames + " frames, " + datagrams + " UDP datagrams" + (reassembled > 0 ? " (" + reassembled +
            " reassembled from " + fragments + " fragments)" : "") + (skipped.isEmpty() ? "" : "; skipped: " + skipped);
    }

    private static void append(final StringBuilder out, final long count, final String what)
    {
        if (count > 0)
        {
            if (out.length() > 0)
            {
                out.append(", ");
            }
            out.append(count).append(' ').append(what);
        }
    }
}
