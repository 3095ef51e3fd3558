package org.jet.collector.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds frames and capture files byte by byte for tests: nothing here is used by the reader.
 */
final class Frames
{
    static final byte[] MAC_A = {0x00, 0x50, 0x56, (byte)0xc0, 0x00, 0x01};
    static final byte[] MAC_B = {0x00, 0x0c, 0x29, 0x11, 0x22, 0x33};

    private Frames()
    {
    }

    static byte[] v4(final int a, final int b, final int c, final int d)
    {
        return new byte[]{(byte)a, (byte)b, (byte)c, (byte)d};
    }

    static byte[] v6(final String text)
    {
        try
        {
            return java.net.InetAddress.getByName(text).getAddress();
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }

    static byte[] udp(final int srcPort, final int dstPort, final byte[] payload)
    {
        final ByteBuffer out = ByteBuffer.allocate(8 + payload.length);
        out.putShort((short)srcPort).putShort((short)dstPort).putShort((short)(8 + payload.length)).putShort((short)0);
        return out.put(payload).array();
    }

    static byte[] ipv4(final byte[] src, final byte[] dst, final int protocol, final byte[] l4)
    {
        return ipv4Fragment(src, dst, protocol, 0, 0, false, l4);
    }

    static byte[] ipv4Fragment(
        final byte[] src,
        final byte[] dst,
        final int protocol,
        final int id,
        final int offsetBytes,
        final boolean more,
        final byte[] data)
    {
        final ByteBuffer out = ByteBuffer.allocate(20 + data.length);
        out.put((byte)0x45).put((byte)0).putShort((short)(20 + data.length));
        out.putShort((short)id).putShort((short)((more ? 0x2000 : 0) | (offsetBytes / 8)));
        out.put((byte)64).put((byte)protocol).putShort((short)0);
        out.put(src).put(dst);
        return out.put(data).array();
    }

    /** IPv6 with the given chain of extension headers (each {next, header bytes}) before {@code l4}. */
    static byte[] ipv6(final byte[] src, final byte[] dst, final int firstHeader, final byte[] payload)
    {
        final ByteBuffer out = ByteBuffer.allocate(40 + payload.length);
        out.putInt(0x6000_0000).putShort((short)payload.length).put((byte)firstHeader).put((byte)64);
        out.put(src).put(dst);
        return out.put(payload).array();
    }

    /** An 8-byte-multiple options extension header (hop-by-hop / destination options) followed by {@code rest}. */
    static byte[] optionsHeader(final int next, final byte[] rest)
    {
        final ByteBuffer out = ByteBuffer.allocate(8 + rest.length);
        out.put((byte)next).put((byte)0).put(new byte[]{1, 4, 0, 0, 0, 0}); // PadN
        return out.put(rest).array();
    }

    static byte[] ipv6FragmentHeader(
        final int next, final int offsetBytes, final boolean more, final int id, final byte[] data)
    {
        final ByteBuffer out = ByteBuffer.allocate(8 + data.length);
        out.put((byte)next).put((byte)0).putShort((short)(offsetBytes | (more ? 1 : 0))).putInt(id);
        return out.put(data).array();
    }

    static byte[] ethernet(final int etherType, final byte[] payload, final int... vlanTags)
    {
        final ByteBuffer out = ByteBuffer.allocate(14 + 4 * vlanTags.length + payload.length);
        out.put(MAC_B).put(MAC_A);
        for (final int tag : vlanTags)
        {
            out.putShort((short)0x8100).putShort((short)tag);
        }
        out.putShort((short)etherType);
        return out.put(payload).array();
    }

    static byte[] sll(final int protocol, final byte[] payload)
    {
        final ByteBuffer out = ByteBuffer.allocate(16 + payload.length);
        out.putShort((short)0).putShort((short)1).putShort((short)6).put(MAC_A).putShort((short)0);
        out.putShort((short)protocol);
        return out.put(payload).array();
    }

    static byte[] sll2(final int protocol, final byte[] payload)
    {
        final ByteBuffer out = ByteBuffer.allocate(20 + payload.length);
        out.putShort((short)protocol).putShort((short)0).putInt(2).putShort((short)1).put((byte)0).put((byte)6);
        out.put(MAC_A).putShort((short)0);
        return out.put(payload).array();
    }

    static byte[] loopback(final int family, final ByteOrder order, final byte[] payload)
    {
        final ByteBuffer out = ByteBuffer.allocate(4 + payload.length);
        out.order(order).putInt(family);
        return out.put(payload).array();
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] payload(final int length, final int seed)
    {
        final byte[] out = new byte[length];
        for (int i = 0; i < length; i++)
        {
            out[i] = (byte)(seed + i * 7);
        }
        return out;
    }

    /** A classic pcap file. */
    static final class Pcap
    {
        private final ByteOrder order;
        private final boolean nanos;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcap(final ByteOrder order, final boolean nanos, final int linkType)
        {
            this.order = order;
            this.nanos = nanos;
            final ByteBuffer header = ByteBuffer.allocate(24).order(order);
            header.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short)2).putShort((short)4);
            header.putInt(0).putInt(0).putInt(65535).putInt(linkType);
            out.writeBytes(header.array());
        }

        Pcap packet(final long seconds, final long fraction, final byte[] frame)
        {
            return packet(seconds, fraction, frame, frame.length);
        }

        Pcap packet(final long seconds, final long fraction, final byte[] frame, final int captured)
        {
            final ByteBuffer header = ByteBuffer.allocate(16).order(order);
            header.putInt((int)seconds).putInt((int)fraction).putInt(captured).putInt(frame.length);
            out.writeBytes(header.array());
            out.write(frame, 0, captured);
            return this;
        }

        boolean nanos()
        {
            return nanos;
        }

        byte[] bytes()
        {
            return out.toByteArray();
        }
    }

    /** A pcapng file. */
    static final class Pcapng
    {
        private final ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcapng(final ByteOrder order)
        {
            this.order = order;
            section();
        }

        Pcapng section()
        {
            final ByteBuffer body = ByteBuffer.allocate(16).order(order);
            body.putInt(0x1a2b3c4d).putShort((short)1).putShort((short)0).putLong(-1L);
            return block(0x0a0d0d0a, body.array());
        }

        Pcapng interfaceBlock(final int linkType, final int snapLength, final Integer tsresol)
        {
            final List<byte[]> options = new ArrayList<>();
            options.add(option(2, "eth0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            if (tsresol != null)
            {
                options.add(option(9, new byte[]{tsresol.byteValue()}));
            }
            options.add(option(0, new byte[0]));
            final ByteBuffer body = ByteBuffer.allocate(8).order(order);
            body.putShort((short)linkType).putShort((short)0).putInt(snapLength);
            return block(1, concat(body.array(), concat(options.toArray(new byte[0][]))));
        }

        Pcapng enhancedPacket(final int interfaceId, final long timestamp, final byte[] frame)
        {
            final ByteBuffer body = ByteBuffer.allocate(20).order(order);
            body.putInt(interfaceId).putInt((int)(timestamp >>> 32)).putInt((int)timestamp);
            body.putInt(frame.length).putInt(frame.length);
            final byte[] comment = option(1, "a comment".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return block(6, concat(body.array(), pad(frame), comment, option(0, new byte[0])));
        }

        Pcapng simplePacket(final byte[] frame)
        {
            final ByteBuffer body = ByteBuffer.allocate(4).order(order);
            body.putInt(frame.length);
            return block(3, concat(body.array(), pad(frame)));
        }

        Pcapng block(final int type, final byte[] body)
        {
            final byte[] padded = pad(body);
            final ByteBuffer block = ByteBuffer.allocate(12 + padded.length).order(order);
            block.putInt(type).putInt(12 + padded.length).put(padded).putInt(12 + padded.length);
            out.writeBytes(block.array());
            return this;
        }

        byte[] bytes()
        {
            return out.toByteArray();
        }

        private byte[] option(final int code, final byte[] value)
        {
            final ByteBuffer header = ByteBuffer.allocate(4).order(order);
            header.putShort((short)code).putShort((short)value.length);
            return concat(header.array(), pad(value));
        }

        private static byte[] pad(final byte[] data)
        {
            final byte[] out = new byte[(data.length + 3) & ~3];
            System.arraycopy(data, 0, out, 0, data.length);
            return out;
        }
    }
}
