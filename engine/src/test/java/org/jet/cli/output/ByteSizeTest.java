package org.jet.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest
{
    @Test
    void shouldShowBinaryUnitsWithOneDecimal()
    {
        assertEquals("0 B", ByteSize.human(0));
        assertEquals("1023 B", ByteSize.human(1023));
        assertEquals("1.0 KiB", ByteSize.human(1024));
        assertEquals("1.5 MiB", ByteSize.human(1536 * 1024));
        assertEquals("20.3 GiB", ByteSize.human((long)(20.3 * (1L << 30))));
        assertEquals("2.0 TiB", ByteSize.human(2L << 40));
    }

    @Test
    void shouldNotShowAValueThatRoundsUpToTheNextUnitAs1024()
    {
        assertEquals("1.0 MiB", ByteSize.human(1024 * 1024 - 1));
        assertEquals("1023.9 KiB", ByteSize.human(1023 * 1024 + 900));
    }

    @Test
    void shouldReadCountersAsUnsigned()
    {
        assertEquals("16.0 EiB", ByteSize.human(-1L));
        assertEquals("8.0 EiB", ByteSize.human(Long.MIN_VALUE));
    }
}
