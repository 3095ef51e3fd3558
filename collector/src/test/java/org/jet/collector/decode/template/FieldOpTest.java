package org.jet.collector.decode.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldOpTest
{
    @Test
    void shouldSplitCodeSetsAcrossTheTwoWordsAtSixtyFour()
    {
        assertEquals(1L << 63, FieldOp.bits(63, 65, 0));
        assertEquals(0b11L, FieldOp.bits(63, 65, 64));
        assertEquals(0L, FieldOp.bits(1, 18, 64));
        assertEquals(0x7_fffeL, FieldOp.bits(1, 18, 0));
        assertEquals(-1L, FieldOp.bits(0, 63, 0));

        final long lo = 1L << FieldOp.START_NTP;
        final long hi = 1L << (FieldOp.OBSERVATION_MILLIS - 64);
        assertTrue(FieldOp.has(lo, hi, FieldOp.START_NTP));
        assertTrue(FieldOp.has(lo, hi, FieldOp.OBSERVATION_MILLIS));
        assertFalse(FieldOp.has(lo, hi, FieldOp.END_NTP));
        assertFalse(FieldOp.has(lo, hi, FieldOp.SKIP));

        assertTrue(FieldOp.any(0, hi, FieldOp.FIRST_SWITCHED, FieldOp.OBSERVATION_MILLIS));
        assertTrue(FieldOp.any(lo, 0, FieldOp.FIRST_SWITCHED, FieldOp.OBSERVATION_MILLIS));
        assertFalse(FieldOp.any(lo, hi, FieldOp.SRC_V4, FieldOp.IP_VERSION));
    }

    @Test
    void shouldKnowWhichCodesATemplateReadsAsIntegers()
    {
        final TemplateDefinition definition = new TemplateDefinition(8);
        definition.reset(300, false, 0);
        definition.add(InformationElements.SOURCE_IPV4_ADDRESS, 4, 0);
        definition.add(InformationElements.SOURCE_IPV6_ADDRESS, 16, 0); // 16 bytes: not an integer
        definition.add(InformationElements.OCTET_DELTA_COUNT, 8, 0);
        definition.add(4242, 2, 0); // unknown: skipped
        definition.add(InformationElements.OBSERVATION_TIME_MILLISECONDS, 8, 0); // code 68
        final Template template = Template.compile(definition, false);

        final long lo = template.integerOpsLo();
        final long hi = template.integerOpsHi();
        assertEquals((1L << FieldOp.SRC_V4) | (1L << FieldOp.BYTES), lo);
        assertEquals(1L << (FieldOp.OBSERVATION_MILLIS - 64), hi);
    }
}
