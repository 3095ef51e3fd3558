package org.jet.collector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest
{
    private final SequenceTracker tracker = new SequenceTracker(4);

    @Test
    void shouldReportNothingForTheFirstSequenceOfAStream()
    {
        assertEquals(0, tracker.onSequence(1, 12345, 30));
        assertEquals(0, tracker.onSequence(1, 12375, 30));
    }

    @Test
    void shouldReportAJumpAheadAsMissingUnits()
    {
        tracker.onSequence(1, 100, 10);
        assertEquals(15, tracker.onSequence(1, 125, 10));
        assertEquals(0, tracker.onSequence(1, 135, 10));
    }

    @Test
    void shouldFollowTheWrapOfThirtyTwoBits()
    {
        tracker.onSequence(1, 0xffff_fff0L, 0x10);
        assertEquals(0, tracker.onSequence(1, 0, 1));
        assertEquals(1, tracker.onSequence(1, 2, 1));
    }

    @Test
    void shouldIgnoreLateAndRepeatedUnitsWithoutMovingTheExpectation()
    {
        tracker.onSequence(1, 10, 1);
        assertEquals(1, tracker.onSequence(1, 12, 1));
        assertEquals(0, tracker.onSequence(1, 11, 1));
        assertEquals(0, tracker.onSequence(1, 12, 1));
        assertEquals(0, tracker.onSequence(1, 13, 1));
    }

    @Test
    void shouldRestartAStreamThatJumpsFarBack()
    {
        tracker.onSequence(1, 1_000_000, 1);
        assertEquals(0, tracker.onSequence(1, 5, 1));
        assertEquals(0, tracker.onSequence(1, 6, 1));
        assertEquals(1, tracker.onSequence(1, 8, 1));
    }

    @Test
    void shouldStayWithinItsCapacity()
    {
        for (int stream = 0; stream < 100; stream++)
        {
            tracker.onSequence(stream, 1, 1);
            assertTrue(tracker.size() <= 4);
        }
    }

    @Test
    void shouldKeepStreamsApart()
    {
        tracker.onSequence(1, 100, 1);
        tracker.onSequence(2, 500, 1);
        assertEquals(0, tracker.onSequence(1, 101, 1));
        assertEquals(2, tracker.onSequence(2, 503, 1));
    }

    @Test
    void shouldTrackEveryStreamUpToItsCapacity()
    {
        final SequenceTracker tracker = new SequenceTracker(1000);
        for (int stream = 0; stream < 1000; stream++)
        {
            assertEquals(0, tracker.onSequence(stream * 0x1_0000_0000L, stream, 1));
        }
        assertEquals(1000, tracker.size());
        for (int stream = 0; stream < 1000; stream++)
        {
            assertEquals(stream % 3, tracker.onSequence(stream * 0x1_0000_0000L, stream + 1 + stream % 3, 1));
        }
        assertEquals(1000, tracker.size());
    }

    @Test
    void shouldStartOverWhenANewStreamFindsItFull()
    {
        final SequenceTracker tracker = new SequenceTracker(2);
        tracker.onSequence(1, 10, 1);
        tracker.onSequence(2, 10, 1);
        assertEquals(0, tracker.onSequence(3, 10, 1));
        assertEquals(1, tracker.size());
        assertEquals(0, tracker.onSequence(1, 50, 1));
        assertEquals(4, tracker.onSequence(3, 15, 1));
    }

    @Test
    void shouldRejectANonPositiveCapacity()
    {
        assertThrows(IllegalArgumentException.class, () -> new SequenceTracker(0));
    }
}
