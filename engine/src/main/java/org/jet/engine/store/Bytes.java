package org.jet.engine.store;

/**
 * The two long encodings of the store. Keys are big-endian, so that RocksDB's byte order is numeric order (for
 * non-negative values); {@link Family#USAGE} values are little-endian, as RocksDB's {@code uint64add} merge operator
 * reads and writes them.
 */
public final class Bytes
{
    private Bytes()
    {
    }

    public static void putLongBigEndian(final byte[] dst, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            dst[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    public static long longBigEndian(final byte[] src, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (src[offset + i] & 0xFFL);
        }
        return value;
    }

    public static byte[] longBigEndian(final long value)
    {
        final byte[] bytes = new byte[8];
        putLongBigEndian(bytes, 0, value);
        return bytes;
    }

    /** @return {@code value} as the {@code uint64add} operator's operand: 8 bytes, little-endian. */
    public static byte[] uint64LittleEndian(final long value)
    {
        final byte[] bytes = new byte[8];
        uint64LittleEndian(value, bytes);
        return bytes;
    }

    /** Writes {@code value} into the first 8 bytes of {@code dst}, little-endian. */
    public static void uint64LittleEndian(final long value, final byte[] dst)
    {
        for (int i = 0; i < 8; i++)
        {
            dst[i] = (byte)(value >>> (8 * i));
        }
    }

    /** @return the unsigned 64-bit value the {@code uint64add} operator stored (read it with unsigned methods). */
    public static long uint64LittleEndian(final byte[] src)
    {
        long value = 0;
        for (int i = 7; i >= 0; i--)
        {
            value = (value << 8) | (src[i] & 0xFFL);
        }
        return value;
    }
}
