package org.jet.collector.decode;

import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * The reads of {@link Wire} without a bounds check per read, for a decoder that validates instead: the datagram
 * once against the buffer ({@link #holds}), then each structure once against the datagram before reading its
 * fields. A bounds check per field costs more than the field (about a third of the sFlow decode time).
 *
 * <p>Only correct validation keeps these reads inside the buffer, so every read is checked again when the system
 * property {@value #BOUNDS_CHECKS_PROP_NAME} is {@code true}: the tests and fuzzers run that way (a read past the
 * datagram throws there), and an operator may too. The fuzzers wrap each datagram in a buffer of its exact length,
 * so a read past the datagram is a read past the buffer.
 */
public final class UncheckedWire
{
    /** Name of the system property that checks every read again (default false). */
    public static final String BOUNDS_CHECKS_PROP_NAME = "jet.decode.boundsChecks";

    /** Whether every read is checked anyway. */
    public static final boolean BOUNDS_CHECKS = Boolean.getBoolean(BOUNDS_CHECKS_PROP_NAME);

    private static final boolean SWAP = BufferUtil.NATIVE_BYTE_ORDER != ByteOrder.BIG_ENDIAN;

    private UncheckedWire()
    {
    }

    /**
     * @return whether {@code length} bytes from {@code offset} lie within the buffer: the one check that makes the
     * reads of a validated datagram safe.
     */
    public static boolean holds(final DirectBuffer buffer, final int offset, final int length)
    {
        return offset >= 0 && length >= 0 && (long)offset + length <= buffer.capacity();
    }

    public static int u8(final DirectBuffer buffer, final int index)
    {
        return BOUNDS_CHECKS ? Wire.u8(buffer, index) : rawU8(buffer, index);
    }

    public static int u16(final DirectBuffer buffer, final int index)
    {
        return BOUNDS_CHECKS ? Wire.u16(buffer, index) : rawU16(buffer, index);
    }

    public static long u32(final DirectBuffer buffer, final int index)
    {
        return i32(buffer, index) & 0xffff_ffffL;
    }

    public static int i32(final DirectBuffer buffer, final int index)
    {
        return BOUNDS_CHECKS ? Wire.i32(buffer, index) : rawI32(buffer, index);
    }

    public static long u64(final DirectBuffer buffer, final int index)
    {
        return BOUNDS_CHECKS ? Wire.u64(buffer, index) : rawU64(buffer, index);
    }

    /**
     * @return an unsigned big-endian integer of {@code length} (1 to 8) bytes.
     */
    public static long uint(final DirectBuffer buffer, final int index, final int length)
    {
        if (BOUNDS_CHECKS)
        {
            return Wire.uint(buffer, index, length);
        }
        switch (length)
        {
            case 1:
                return rawU8(buffer, index);
            case 2:
                return rawU16(buffer, index);
            case 4:
                return rawI32(buffer, index) & 0xffff_ffffL;
            case 8:
                return rawU64(buffer, index);
            default:
                long value = 0;
                for (int i = 0; i < length; i++)
                {
                    value = (value << 8) | rawU8(buffer, index + i);
                }
                return value;
        }
    }

    static int rawU8(final DirectBuffer buffer, final int index)
    {
        return UnsafeApi.getByte(buffer.byteArray(), buffer.addressOffset() + index) & 0xff;
    }

    static int rawU16(final DirectBuffer buffer, final int index)
    {
        final short value = UnsafeApi.getShort(buffer.byteArray(), buffer.addressOffset() + index);
        return (SWAP ? Short.reverseBytes(value) : value) & 0xffff;
    }

    static int rawI32(final DirectBuffer buffer, final int index)
    {
        final int value = UnsafeApi.getInt(buffer.byteArray(), buffer.addressOffset() + index);
        return SWAP ? Integer.reverseBytes(value) : value;
    }

    static long rawU64(final DirectBuffer buffer, final int index)
    {
        final long value = UnsafeApi.getLong(buffer.byteArray(), buffer.addressOffset() + index);
        return SWAP ? Long.reverseBytes(value) : value;
    }
}
