package org.jet.collector.pcap;

import org.agrona.DirectBuffer;
import org.jet.collector.record.IpAddress;

/**
 * One UDP datagram found in a capture: where it came from and went to, when it was captured, and its payload.
 * Reused for every datagram: copy what must outlive {@link UdpDatagramHandler#onDatagram}.
 *
 * <p>Addresses are 128-bit like {@link org.jet.collector.record.FlowRecord}'s: IPv4 addresses IPv4-mapped.
 */
public final class UdpDatagram
{
    private long frame;
    private long timestampNanos;
    private int ipVersion;
    private long srcAddrHi;
    private long srcAddrLo;
    private long dstAddrHi;
    private long dstAddrLo;
    private int srcPort;
    private int dstPort;
    private boolean reassembled;
    private DirectBuffer buffer;
    private int offset;
    private int length;

    void frame(final long frame, final long timestampNanos)
    {
        this.frame = frame;
        this.timestampNanos = timestampNanos;
    }

    void addresses(
        final int ipVersion, final long srcAddrHi, final long srcAddrLo, final long dstAddrHi, final long dstAddrLo)
    {
        this.ipVersion = ipVersion;
        this.srcAddrHi = srcAddrHi;
        this.srcAddrLo = srcAddrLo;
        this.dstAddrHi = dstAddrHi;
        this.dstAddrLo = dstAddrLo;
    }

    void payload(
        final int srcPort,
        final int dstPort,
        final boolean reassembled,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.reassembled = reassembled;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** @return the 1-based number of the frame in the file (as Wireshark counts); for a reassembled datagram, the
     * frame that completed it. */
    public long frame()
    {
        return frame;
    }

    /** @return capture time, nanoseconds since the epoch; 0 when the file has none (pcapng simple packets). */
    public long timestampNanos()
    {
        return timestampNanos;
    }

    /** @return 4 or 6. */
    public int ipVersion()
    {
        return ipVersion;
    }

    public long srcAddrHi()
    {
        return srcAddrHi;
    }

    public long srcAddrLo()
    {
        return srcAddrLo;
    }

    public long dstAddrHi()
    {
        return dstAddrHi;
    }

    public long dstAddrLo()
    {
        return dstAddrLo;
    }

    public int srcPort()
    {
        return srcPort;
    }

    public int dstPort()
    {
        return dstPort;
    }

    /** @return true when the datagram was put together from IP fragments. */
    public boolean reassembled()
    {
        return reassembled;
    }

    /** @return the buffer holding the UDP payload. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return where the UDP payload starts in {@link #buffer()}. */
    public int offset()
    {
        return offset;
    }

    /** @return the UDP payload length in bytes. */
    public int length()
    {
        return length;
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder(96).append("frame ").append(frame).append(' ');
        IpAddress.appendTo(out, srcAddrHi, srcAddrLo).append(':').append(srcPort).append(" > ");
        IpAddress.appendTo(out, dstAddrHi, dstAddrLo).append(':').append(dstPort);
        return out.append(" len ").append(length).toString();
    }
}
