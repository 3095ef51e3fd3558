package org.jet.collector.decode;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Unsigned big-endian reads from a {@link DirectBuffer}: every flow protocol is in network order.
 */
public final class Wire
{
    private Wire()
    {
    }

    public static int u8(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index) & 0xff;
    }

    public static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xffff;
    }

    public static long u32(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index, ByteOrder.BIG_ENDIAN) & 0xffff_ffffL;
    }

    public static int i32(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index, ByteOrder.BIG_ENDIAN);
    }

    public static long u64(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Reads an unsigned integer of 1 to 8 bytes (reduced-size encoding, RFC 7011 6.2).
     */
    public static long uint(final DirectBuffer buffer, final int index, final int length)
    {
        switch (length)
        {
            case 1:
                return u8(buffer, index);
            case 2:
                return u16(buffer, index);
            case 4:
                return u32(buffer, index);
            case 8:
                return u64(buffer, index);
            default:
                long value = 0;
                for (int i = 0; i < length; i++)
                {
                    value = (value << 8) | (buffer.getByte(index + i) & 0xff);
                }
                return value;
        }
    }
}
