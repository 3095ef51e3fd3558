package org.jet.collector.decode.sflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds wire bytes for tests: sFlow structures (XDR, 4-byte aligned) and the packet headers inside them.
 */
final class Bytes
{
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    static Bytes bytes()
    {
        return new Bytes();
    }

    Bytes u8(final int value)
    {
        buffer.put((byte)value);
        return this;
    }

    Bytes u16(final int value)
    {
        buffer.putShort((short)value);
        return this;
    }

    Bytes u32(final long value)
    {
        buffer.putInt((int)value);
        return this;
    }

    Bytes u64(final long value)
    {
        buffer.putLong(value);
        return this;
    }

    Bytes put(final byte[] bytes)
    {
        buffer.put(bytes);
        return this;
    }

    Bytes addr(final String address)
    {
        return put(address(address));
    }

    Bytes mac(final String mac)
    {
        for (final String part : mac.split(":"))
        {
            u8(Integer.parseInt(part, 16));
        }
        return this;
    }

    Bytes pad4()
    {
        while ((buffer.position() & 3) != 0)
        {
            buffer.put((byte)0);
        }
        return this;
    }

    int length()
    {
        return buffer.position();
    }

    byte[] array()
    {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    static byte[] address(final String address)
    {
        try
        {
            return InetAddress.getByName(address).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(address, ex);
        }
    }

    // ---- packet headers ---------------------------------------------------------------------------------------

    static byte[] ethernet(final int etherType, final byte[] payload)
    {
        return bytes().mac("00:50:56:c0:00:02").mac("00:50:56:c0:00:01").u16(etherType).put(payload).array();
    }

    /** The rest of a VLAN tag after its TPID (which the enclosing header's type field holds). */
    static byte[] tag(final int tci, final int etherType, final byte[] payload)
    {
        return bytes().u16(tci).u16(etherType).put(payload).array();
    }

    static byte[] ipv4(final int protocol, final String src, final String dst, final byte[] payload)
    {
        return ipv4(protocol, src, dst, 0, payload);
    }

    static byte[] ipv4(
        final int protocol, final String src, final String dst, final int fragmentField, final byte[] payload)
    {
        return bytes().u8(0x45).u8(0x28).u16(20 + payload.length).u16(1).u16(fragmentField).u8(64).u8(protocol)
            .u16(0).addr(src).addr(dst).put(payload).array();
    }

    static byte[] ipv6(final int nextHeader, final String src, final String dst, final byte[] payload)
    {
        // version 6, traffic class 0xb8, flow label 0
        return bytes().u32(0x6b80_0000L).u16(payload.length).u8(nextHeader).u8(64).addr(src).addr(dst)
            .put(payload).array();
    }

    /** An IPv6 extension header of 8 bytes (hop-by-hop, routing, destination options). */
    static byte[] extension(final int nextHeader, final byte[] payload)
    {
        return bytes().u8(nextHeader).u8(0).u16(0).u32(0).put(payload).array();
    }

    static byte[] fragment(final int nextHeader, final int offsetUnits, final byte[] payload)
    {
        return bytes().u8(nextHeader).u8(0).u16(offsetUnits << 3).u32(0x1234).put(payload).array();
    }

    static byte[] tcp(final int srcPort, final int dstPort, final int flags)
    {
        return bytes().u16(srcPort).u16(dstPort).u32(1).u32(0).u8(0x50).u8(flags).u16(1024).u32(0).array();
    }

    static byte[] udp(final int srcPort, final int dstPort)
    {
        return bytes().u16(srcPort).u16(dstPort).u16(8).u16(0).array();
    }

    static byte[] icmp(final int type, final int code)
    {
        return bytes().u8(type).u8(code).u16(0).u32(0).array();
    }
}
