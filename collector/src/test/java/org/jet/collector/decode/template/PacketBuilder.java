package org.jet.collector.decode.template;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds NetFlow v9 and IPFIX datagrams by hand for tests: big-endian writes, sets whose length is patched when
 * they end, and the IPFIX message length patched at {@link #build()}.
 */
public final class PacketBuilder
{
    private final ByteBuffer buffer = ByteBuffer.allocate(65536).order(ByteOrder.BIG_ENDIAN);
    private int setStart = -1;
    private int messageStart = -1;

    public static PacketBuilder netflow9(
        final int count, final long sysUptime, final long unixSecs, final long sequence, final long sourceId)
    {
        final PacketBuilder builder = new PacketBuilder();
        builder.u16(9).u16(count).u32(sysUptime).u32(unixSecs).u32(sequence).u32(sourceId);
        return builder;
    }

    public static PacketBuilder ipfix(final long exportTime, final long sequence, final long domain)
    {
        return new PacketBuilder().ipfixMessage(exportTime, sequence, domain);
    }

    /**
     * Starts another IPFIX message in the same datagram (the previous one's length is patched).
     */
    public PacketBuilder ipfixMessage(final long exportTime, final long sequence, final long domain)
    {
        patchMessageLength();
        messageStart = buffer.position();
        return u16(10).u16(0).u32(exportTime).u32(sequence).u32(domain);
    }

    public PacketBuilder u8(final int value)
    {
        buffer.put((byte)value);
        return this;
    }

    public PacketBuilder u16(final int value)
    {
        buffer.putShort((short)value);
        return this;
    }

    public PacketBuilder u24(final int value)
    {
        return u8(value >>> 16).u16(value & 0xffff);
    }

    public PacketBuilder u32(final long value)
    {
        buffer.putInt((int)value);
        return this;
    }

    public PacketBuilder u64(final long value)
    {
        buffer.putLong(value);
        return this;
    }

    public PacketBuilder zeros(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer.put((byte)0);
        }
        return this;
    }

    public PacketBuilder bytes(final byte[] bytes)
    {
        buffer.put(bytes);
        return this;
    }

    public PacketBuilder ip(final String address)
    {
        try
        {
            return bytes(InetAddress.getByName(address).getAddress());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(address, ex);
        }
    }

    public PacketBuilder mac(final long mac)
    {
        return u16((int)(mac >>> 32)).u32(mac & 0xffff_ffffL);
    }

    /**
     * Starts a set (flowset) with a placeholder length.
     */
    public PacketBuilder set(final int setId)
    {
        endSet();
        setStart = buffer.position();
        return u16(setId).u16(0);
    }

    /**
     * Ends the open set, padding it with zeros to {@code padTo} bytes (1 for none) and patching its length.
     */
    public PacketBuilder endSet(final int padTo)
    {
        if (setStart >= 0)
        {
            while ((buffer.position() - setStart) % padTo != 0)
            {
                buffer.put((byte)0);
            }
            buffer.putShort(setStart + 2, (short)(buffer.position() - setStart));
            setStart = -1;
        }
        return this;
    }

    public PacketBuilder endSet()
    {
        return endSet(1);
    }

    /** v9 template record: template id, then (type, length) pairs. */
    public PacketBuilder template(final int templateId, final int... typeLengthPairs)
    {
        u16(templateId).u16(typeLengthPairs.length / 2);
        for (final int value : typeLengthPairs)
        {
            u16(value);
        }
        return this;
    }

    public int position()
    {
        return buffer.position();
    }

    /**
     * Overwrites a 16-bit value already written.
     */
    public PacketBuilder put16(final int index, final int value)
    {
        buffer.putShort(index, (short)value);
        return this;
    }

    public byte[] build()
    {
        endSet();
        patchMessageLength();
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    public UnsafeBuffer buildBuffer()
    {
        return new UnsafeBuffer(build());
    }

    private void patchMessageLength()
    {
        endSet();
        if (messageStart >= 0)
        {
            buffer.putShort(messageStart + 2, (short)(buffer.position() - messageStart));
            messageStart = -1;
        }
    }
}
