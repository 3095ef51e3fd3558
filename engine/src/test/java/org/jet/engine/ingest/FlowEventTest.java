package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.engine.session.SessionChange;
import org.junit.jupiter.api.Test;

class FlowEventTest
{
    private final FlowRecord record = new FlowRecord();
    private final FlowEvent event = new FlowEvent();

    @Test
    void shouldCarryDeltaCountersAndBiflowReverse()
    {
        record.srcAddrV4(0x0a000001);
        record.dstAddrV4(0xc0000201);
        record.bytes(1500);
        record.packets(3);
        record.reverseBytes(9000);
        record.reversePackets(7);
        record.samplingRate(10);
        event.setFlow(record, 1, 2, 3);

        assertEquals(FlowEvent.TYPE_FLOW, event.type());
        assertEquals(IpAddress.mappedLo(0x0a000001), event.srcAddrLo());
        assertEquals(1500, event.bytes());
        assertEquals(3, event.packets());
        assertTrue(event.hasFlag(FlowEvent.HAS_REVERSE));
        assertEquals(9000, event.reverseBytes());
        assertEquals(7, event.reversePackets());
        assertEquals(10, event.samplingRate());
        assertFalse(event.hasFlag(FlowEvent.COUNTERS_ARE_TOTALS));
        assertEquals(1, event.readerId());
        assertEquals(2, event.exporterId());
    }

    @Test
    void shouldTakeNselInitiatorAndResponderAsForwardAndReverse()
    {
        record.initiatorOctets(100);
        record.initiatorPackets(1);
        record.responderOctets(5000);
        record.responderPackets(4);
        record.firewallEvent(2);
        event.setFlow(record, 0, 0, 0);

        assertEquals(100, event.bytes());
        assertEquals(5000, event.reverseBytes());
        assertTrue(event.hasFlag(FlowEvent.HAS_REVERSE));
        assertTrue(event.hasFlag(FlowEvent.HAS_FIREWALL_EVENT));
        assertEquals(2, event.firewallEvent());
    }

    @Test
    void shouldFlagTotalCountersAndRecordsWithoutCounters()
    {
        record.bytesTotal(123_456);
        record.packetsTotal(99);
        event.setFlow(record, 0, 0, 0);
        assertTrue(event.hasFlag(FlowEvent.COUNTERS_ARE_TOTALS));
        assertEquals(123_456, event.bytes());

        record.clear();
        event.setFlow(record, 0, 0, 0);
        assertTrue(event.hasFlag(FlowEvent.NO_COUNTERS));
        assertEquals(0, event.bytes());
    }

    @Test
    void shouldKeepTheUntranslatedHalfOfAPostNatPair()
    {
        record.srcAddrV4(0x0a000001);
        record.dstAddrV4(0xc0000201);
        record.postNatSrcAddr(0, IpAddress.mappedLo(0xcb007101));
        record.bytes(1);
        event.setFlow(record, 0, 0, 0);

        assertTrue(event.hasFlag(FlowEvent.HAS_POST_NAT));
        assertEquals(IpAddress.mappedLo(0xcb007101), event.postNatSrcAddrLo());
        assertEquals(IpAddress.mappedLo(0xc0000201), event.postNatDstAddrLo(), "destination not translated");
    }

    @Test
    void shouldCopyEveryFieldIncludingTheSession()
    {
        final SessionChange change = new SessionChange(SessionChange.Kind.START, "alice", 0,
            IpAddress.mappedLo(0x0a000001), 128, 1_000, "s1", "api");
        final FlowEvent staged = new FlowEvent();
        staged.setSession(change, 9, 42);
        event.copyFrom(staged);
        assertEquals(FlowEvent.TYPE_SESSION, event.type());
        assertSame(change, event.session());
        assertEquals(9, event.sessionUserId());
        assertEquals(42, event.receivedNanos());

        record.bytes(5);
        staged.setFlow(record, 0, 0, 0);
        event.copyFrom(staged);
        assertEquals(FlowEvent.TYPE_FLOW, event.type());
        assertNull(event.session(), "a reused slot forgets its session");
        assertEquals(5, event.bytes());
    }

    @Test
    void shouldCopyWhatOnlySomeRecordsCarryAndReportItOnlyUnderItsFlag()
    {
        record.srcAddrV4(0x0a000001);
        record.dstAddrV4(0xc0000201);
        record.postNatSrcAddr(0, IpAddress.mappedLo(0xcb007101));
        record.bytesTotal(700);
        record.packetsTotal(7);
        record.observationDomain(77);
        final FlowEvent staged = new FlowEvent();
        staged.setFlow(record, 0, 0, 0);
        event.copyFrom(staged);
        assertTrue(event.hasFlag(FlowEvent.HAS_POST_NAT | FlowEvent.COUNTERS_ARE_TOTALS));
        assertEquals(IpAddress.mappedLo(0xcb007101), event.postNatSrcAddrLo());
        assertEquals(77, event.observationDomain(), "part of a running-total flow's identity");

        record.clear();
        record.srcAddrV4(0x0a000002);
        record.bytes(5);
        staged.setFlow(record, 0, 0, 0);
        event.copyFrom(staged);
        assertFalse(event.hasFlag(FlowEvent.HAS_POST_NAT | FlowEvent.COUNTERS_ARE_TOTALS | FlowEvent.HAS_REVERSE));
        assertEquals(IpAddress.mappedLo(0x0a000002), event.srcAddrLo());
        assertEquals(5, event.bytes());
    }

    @Test
    void shouldKeepTheFieldsEveryFlowReadsWithinTwoCacheLines()
    {
        // FlowEventHead is laid out first; with a 12-byte object header its fields must fit in the rest of 128.
        int bytes = 0;
        for (final Field field : FlowEventHead.class.getDeclaredFields())
        {
            bytes += field.getType() == long.class ? Long.BYTES : Integer.BYTES;
            assertTrue(field.getType() == long.class || field.getType() == int.class, field.getName());
        }
        assertTrue(bytes <= 128 - 12, "FlowEventHead holds " + bytes + " bytes of fields");
    }
}
