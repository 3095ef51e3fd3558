package org.jet.collector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class UncheckedWireTest
{
    private static final int LENGTH = 64;

    @Test
    void shouldReadWhatTheCheckedReadsReadOnAHeapBuffer()
    {
        final byte[] bytes = new byte[LENGTH + 16];
        new Random(42).nextBytes(bytes);
        // An offset into the array, as FlowReader wraps part of a Netty array.
        assertSameReads(new UnsafeBuffer(bytes, 16, LENGTH));
    }

    @Test
    void shouldReadWhatTheCheckedReadsReadOffHeap()
    {
        final byte[] bytes = new byte[LENGTH];
        new Random(7).nextBytes(bytes);
        final ByteBuffer direct = ByteBuffer.allocateDirect(LENGTH);
        direct.put(bytes).flip();
        assertSameReads(new UnsafeBuffer(direct));
    }

    @Test
    void shouldTellWhetherARangeLiesWithinTheBuffer()
    {
        final DirectBuffer buffer = new UnsafeBuffer(new byte[LENGTH]);
        assertTrue(UncheckedWire.holds(buffer, 0, LENGTH));
        assertTrue(UncheckedWire.holds(buffer, LENGTH, 0));
        assertTrue(UncheckedWire.holds(buffer, 10, LENGTH - 10));
        assertFalse(UncheckedWire.holds(buffer, 10, LENGTH - 9));
        assertFalse(UncheckedWire.holds(buffer, -1, 4));
        assertFalse(UncheckedWire.holds(buffer, 0, -1));
        assertFalse(UncheckedWire.holds(buffer, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    private static void assertSameReads(final DirectBuffer buffer)
    {
        for (int i = 0; i < LENGTH; i++)
        {
            assertEquals(Wire.u8(buffer, i), UncheckedWire.rawU8(buffer, i));
            assertEquals(Wire.u8(buffer, i), UncheckedWire.u8(buffer, i));
        }
        for (int i = 0; i + 2 <= LENGTH; i++)
        {
            assertEquals(Wire.u16(buffer, i), UncheckedWire.rawU16(buffer, i));
            assertEquals(Wire.u16(buffer, i), UncheckedWire.u16(buffer, i));
        }
        for (int i = 0; i + 4 <= LENGTH; i++)
        {
            assertEquals(Wire.i32(buffer, i), UncheckedWire.rawI32(buffer, i));
            assertEquals(Wire.u32(buffer, i), UncheckedWire.u32(buffer, i));
        }
        for (int i = 0; i + 8 <= LENGTH; i++)
        {
            assertEquals(Wire.u64(buffer, i), UncheckedWire.rawU64(buffer, i));
            assertEquals(Wire.u64(buffer, i), UncheckedWire.u64(buffer, i));
        }
    }
}
