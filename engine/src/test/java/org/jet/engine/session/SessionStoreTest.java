package org.jet.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jet.collector.record.IpAddress;
import org.jet.engine.store.Family;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

class SessionStoreTest
{
    private static final long V6_HI = 0x2001_0db8_0001_0002L;

    @TempDir
    Path dataDir;

    @Test
    void shouldReadBackOpenSessionsWrittenInBulkWithEveryField()
    {
        final List<Session.Snapshot> written = new ArrayList<>();
        for (int i = 0; i < 1_000; i++)
        {
            written.add(new Session.Snapshot(0, IpAddress.mappedLo(0x0a00_0000 + i), 128, 1 + i % 10, "u" + i % 10,
                i % 2 == 0 ? null : "acct-" + i, "radius:10.0.0.1", 1_000L + i, Session.OPEN, 2_000L + i));
        }
        written.add(new Session.Snapshot(V6_HI, 0, 64, 7, "élodie", "s-6", "api", 5, Session.OPEN, 6));
        try (JetStore store = JetStore.open(dataDir))
        {
            new SessionStore(store).writeOpen(written);
        }
        try (JetStore store = JetStore.open(dataDir))
        {
            final List<Session.Snapshot> read = new SessionStore(store).openSessions();
            assertEquals(written.size(), read.size());
            assertTrue(read.containsAll(written), "every field survives the round trip");
            final Session.Snapshot first = find(read, IpAddress.mappedLo(0x0a00_0000));
            final Session.Snapshot eleventh = find(read, IpAddress.mappedLo(0x0a00_0000 + 10));
            assertNull(first.sessionId());
            assertSame(first.userName(), eleventh.userName(), "equal names share one string in memory");
            assertSame(first.source(), eleventh.source());
        }
    }

    @Test
    void shouldKeepAClosedSessionAsHistoryAndNoLongerOpen()
    {
        final SessionChange start = new SessionChange(SessionChange.Kind.START, "alice", 0,
            IpAddress.mappedLo(0x0a00_0001), 128, 1_000, "a1", "api");
        try (JetStore store = JetStore.open(dataDir))
        {
            final SessionStore sessions = new SessionStore(store);
            final SessionTable table = new SessionTable(16, 3_600_000, 3_600_000, sessions);
            table.apply(start, 3);
            assertEquals(1, sessions.openSessions().size());
            table.apply(new SessionChange(SessionChange.Kind.STOP, "alice", 0, IpAddress.mappedLo(0x0a00_0001), 128,
                9_000, "a1", "api"), 3);
            assertEquals(List.of(), sessions.openSessions());
            final List<Session.Snapshot> closed = sessions.closedSessions();
            assertEquals(1, closed.size());
            assertEquals(new Session.Snapshot(0, IpAddress.mappedLo(0x0a00_0001), 128, 3, "alice", "a1", "api", 1_000,
                9_000, 1_000), closed.get(0));
        }
    }

    @Test
    void shouldKnowWhichAddressesAUserHoldsAndIndexAStoreWrittenWithoutIt() throws Exception
    {
        try (JetStore store = JetStore.open(dataDir))
        {
            final SessionStore sessions = new SessionStore(store);
            final SessionTable table = new SessionTable(16, 3_600_000, 3_600_000, sessions);
            table.apply(new SessionChange(SessionChange.Kind.START, "alice", 0, IpAddress.mappedLo(0x0a00_0001), 128,
                1_000, "a1", "api"), 3);
            table.apply(new SessionChange(SessionChange.Kind.START, "alice", V6_HI, 0, 64, 1_000, "a2", "api"), 3);
            assertEquals(List.of("10.0.0.1", "2001:db8:1:2::/64"), sessions.addressesOf(3));
            table.apply(new SessionChange(SessionChange.Kind.STOP, "alice", 0, IpAddress.mappedLo(0x0a00_0001), 128,
                9_000, "a1", "api"), 3);
            assertEquals(List.of("2001:db8:1:2::/64"), sessions.addressesOf(3), "a closed session holds nothing");

            // A store from before the index: open sessions, no held/ keys.
            try (RocksIterator it = store.iterator(Family.SESSIONS); WriteBatch batch = new WriteBatch())
            {
                for (it.seek("held/".getBytes(StandardCharsets.UTF_8)); it.isValid() && it.key()[0] == 'h'; it.next())
                {
                    batch.delete(store.cf(Family.SESSIONS), it.key());
                }
                store.write(batch);
            }
            assertEquals(List.of(), sessions.addressesOf(3));
            sessions.indexHeld(sessions.openSessions());
            assertEquals(List.of("2001:db8:1:2::/64"), sessions.addressesOf(3), "rebuilt from the open sessions");
        }
    }

    @Test
    void shouldStillReadSessionsStoredAsJsonByEarlierVersions()
    {
        final String json = "{\"addr_hi\":0,\"addr_lo\":" + IpAddress.mappedLo(0x0a00_0002) + ",\"prefix_length\":128," +
            "\"user_id\":4,\"user_name\":\"bob\",\"session_id\":null,\"source\":\"api\",\"start_ms\":100," +
            "\"end_ms\":" + Session.OPEN + ",\"last_news_ms\":200}";
        try (JetStore store = JetStore.open(dataDir))
        {
            final byte[] key = ByteBuffer.allocate(22).put(JetStore.utf8("open/")).putLong(0)
                .putLong(IpAddress.mappedLo(0x0a00_0002)).put((byte)128).array();
            store.put(Family.SESSIONS, key, json.getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(new Session.Snapshot(0, IpAddress.mappedLo(0x0a00_0002), 128, 4, "bob", null, "api",
                100, Session.OPEN, 200)), new SessionStore(store).openSessions());
        }
    }

    private static Session.Snapshot find(final List<Session.Snapshot> sessions, final long addrLo)
    {
        return sessions.stream().filter(s -> s.addrHi() == 0 && s.addrLo() == addrLo).findFirst().orElseThrow();
    }
}
