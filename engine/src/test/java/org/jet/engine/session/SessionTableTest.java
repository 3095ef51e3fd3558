package org.jet.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;

class SessionTableTest
{
    private static final long MINUTE = 60_000;
    private static final long IP = IpAddress.mappedLo(0x0a000001);
    private final List<String> history = new ArrayList<>();
    private final SessionTable table = new SessionTable(4, 30 * MINUTE, 60 * MINUTE, new SessionTable.Listener()
    {
        @Override
        public void onOpened(final Session session)
        {
            history.add("open " + session.userName);
        }

        @Override
        public void onClosed(final Session session)
        {
            history.add("close " + session.userName + " at " + session.endMs / MINUTE);
        }
    });

    @Test
    void shouldTreatARepeatedStartAsTheSameSession()
    {
        table.apply(change(SessionChange.Kind.START, "alice", "a1", 0), 1);
        table.apply(change(SessionChange.Kind.START, "alice", "a1", 1), 1);
        table.apply(change(SessionChange.Kind.UPDATE, "alice", "a1", 5), 1);
        assertEquals(List.of("open alice"), history);
        assertEquals(1, table.openSessions());
        assertEquals(1, table.userAt(0, IP, 10 * MINUTE));
    }

    @Test
    void shouldEndTheOldHoldersSessionWhenTheAddressMovesOnWithoutAStop()
    {
        table.apply(change(SessionChange.Kind.START, "alice", "a1", 0), 1);
        table.apply(change(SessionChange.Kind.START, "bob", "b1", 10), 2);
        assertEquals(List.of("open alice", "close alice at 10", "open bob"), history);
        assertEquals(1, table.userAt(0, IP, 5 * MINUTE), "a late flow still finds alice");
        assertEquals(2, table.userAt(0, IP, 11 * MINUTE));
        assertEquals(SessionTable.NO_USER, table.userAt(0, IP, -1), "nobody before the first session");
    }

    @Test
    void shouldOpenASessionOnAnInterimUpdateWhoseStartWasMissed()
    {
        table.apply(change(SessionChange.Kind.UPDATE, "alice", "a1", 3), 1);
        assertEquals(1, table.userAt(0, IP, 4 * MINUTE));
    }

    @Test
    void shouldCloseIdleSessionsAtTheirLastNewsAndForgetThemAfterTheLateFlowWindow()
    {
        table.apply(change(SessionChange.Kind.START, "alice", "a1", 0), 1);
        table.apply(change(SessionChange.Kind.UPDATE, "alice", "a1", 10), 1);
        table.expire(39 * MINUTE);
        assertEquals(1, table.openSessions(), "not idle for 30 minutes yet");
        table.expire(41 * MINUTE);
        assertEquals(0, table.openSessions());
        assertEquals("close alice at 10", history.get(history.size() - 1));
        assertEquals(SessionTable.NO_USER, table.userAt(0, IP, 20 * MINUTE));
        assertEquals(1, table.userAt(0, IP, 9 * MINUTE), "late flows within the window still find it");
        table.expire(71 * MINUTE);
        assertEquals(SessionTable.NO_USER, table.userAt(0, IP, 9 * MINUTE), "forgotten after the window");
    }

    @Test
    void shouldEndEverySessionOfASourceThatRestartedAndNoOther()
    {
        table.apply(change(SessionChange.Kind.START, "alice", "a1", 0), 1);
        table.apply(new SessionChange(SessionChange.Kind.START, "carol", 0, IpAddress.mappedLo(0x0a000009), 128, 0,
            "c1", "radius:other"), 3);
        table.apply(new SessionChange(SessionChange.Kind.SOURCE_RESET, null, 0, 0, 0, 20 * MINUTE, null,
            "radius:bras"), -1);
        assertEquals(1, table.openSessions());
        assertEquals(SessionTable.NO_USER, table.userAt(0, IP, 21 * MINUTE));
        assertEquals(3, table.userAt(0, IpAddress.mappedLo(0x0a000009), 21 * MINUTE));
    }

    @Test
    void shouldKeepManyAddressesApart()
    {
        final SessionTable table = new SessionTable(4, 1_000 * MINUTE, 60 * MINUTE, new SessionTable.Listener()
        {
            @Override
            public void onOpened(final Session session)
            {
            }

            @Override
            public void onClosed(final Session session)
            {
            }
        });
        for (int i = 0; i < 10_000; i++)
        {
            table.apply(new SessionChange(SessionChange.Kind.START, "u" + i, 0, IpAddress.mappedLo(0x0a000000 + i),
                128, 0, "s" + i, "radius:bras"), i);
        }
        for (int i = 0; i < 10_000; i += 2)
        {
            table.apply(new SessionChange(SessionChange.Kind.STOP, "u" + i, 0, IpAddress.mappedLo(0x0a000000 + i),
                128, MINUTE, "s" + i, "radius:bras"), i);
        }
        table.expire(200 * MINUTE); // the stopped half leaves memory; the rest moves slots (backward shift)
        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(i % 2 == 0 ? SessionTable.NO_USER : i,
                table.userAt(0, IpAddress.mappedLo(0x0a000000 + i), 2 * MINUTE), "address " + i);
        }
        assertEquals(5_000, table.openSessions());
    }

    @Test
    void shouldExpireASliceAtATimeAndEverythingInAPass()
    {
        for (int i = 0; i < 200; i++)
        {
            table.apply(new SessionChange(SessionChange.Kind.START, "u" + i, 0, IpAddress.mappedLo(0x0a000100 + i),
                128, 0, "s" + i, "radius:bras"), i + 1);
        }
        table.expireSome(40 * MINUTE, 10);
        final int afterOne = table.openSessions();
        assertTrue(afterOne > 0 && afterOne < 200, "one call expires a slice, not all: " + afterOne);
        for (int call = 1; call < 10; call++)
        {
            table.expireSome(40 * MINUTE, 10);
        }
        assertEquals(0, table.openSessions(), "ten calls make a whole pass");
    }

    @Test
    void shouldMoveHeldUsageOutASliceAtATimeAndWhenAnAddressLeavesMemory()
    {
        final Map<Long, Long> moved = new HashMap<>();
        table.usageTo((hi, lo, meta, bytesIn, bytesOut, packetsIn, packetsOut) -> moved.merge(lo, bytesIn, Long::sum));
        for (int i = 0; i < 200; i++)
        {
            final long address = IpAddress.mappedLo(0x0a000100 + i);
            table.apply(new SessionChange(SessionChange.Kind.START, "u" + i, 0, address, 128, 0, "s" + i,
                "radius:bras"), i + 1);
            assertTrue(table.addUsage(table.rowOf(0, address), 1, i, 0, 1, 0));
        }
        assertEquals(-1, table.rowOf(0, IpAddress.mappedLo(0x0b000001)), "no row, no usage held");
        assertFalse(table.addUsage(-1, 1, 5, 0, 1, 0));

        table.moveUsageSome(10);
        assertTrue(moved.size() > 0 && moved.size() < 200, "one call moves a slice: " + moved.size());
        for (int call = 1; call < 10; call++)
        {
            table.moveUsageSome(10);
        }
        assertEquals(200, moved.size(), "ten calls move it all");
        table.moveAllUsage();
        assertEquals(199 * 200 / 2, moved.values().stream().mapToLong(Long::longValue).sum(), "each moved once");

        final long first = IpAddress.mappedLo(0x0a000100);
        table.addUsage(table.rowOf(0, first), 2, 7, 0, 1, 0);
        table.apply(new SessionChange(SessionChange.Kind.STOP, "u0", 0, first, 128, MINUTE, "s0", "radius:bras"), 1);
        table.expire(200 * MINUTE); // every session has ended (idle) and left the late-flow window
        assertEquals(-1, table.rowOf(0, first));
        assertEquals(7L, moved.get(first), "held usage moved out as the address left memory");
    }

    private static SessionChange change(final SessionChange.Kind kind, final String user, final String id,
        final long minute)
    {
        return new SessionChange(kind, user, 0, IP, 128, minute * MINUTE, id, "radius:bras");
    }
}
