package org.jet.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

/**
 * The store on a real RocksDB in a temporary directory.
 */
class JetStoreTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseUseAfterCloseInsteadOfCrashingTheJvm()
    {
        final JetStore store = JetStore.open(dataDir);
        store.close();
        store.close();
        final StoreException refused = assertThrows(StoreException.class,
            () -> store.get(Family.METADATA, JetStore.utf8("x")));
        assertEquals("the store is closed (the daemon is stopping)",
            refused.getMessage());
        assertThrows(StoreException.class, () -> store.iterator(Family.USAGE));
    }

    @Test
    void shouldCreateEveryFamilyAndKeepDataAcrossReopen() throws Exception
    {
        try (JetStore store = JetStore.open(dataDir); WriteBatch batch = new WriteBatch())
        {
            batch.put(store.cf(Family.USERS), JetStore.utf8("alice"), JetStore.utf8("{\"login\":\"alice\"}"));
            batch.put(store.cf(Family.METADATA), JetStore.utf8("k"), Bytes.longBigEndian(42));
            store.write(batch);
        }
        final List<String> families = new ArrayList<>();
        try (Options options = new Options())
        {
            for (final byte[] name : RocksDB.listColumnFamilies(options, dataDir.resolve("store").toString()))
            {
                families.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        assertTrue(families.containsAll(List.of("users", "cost_centres", "usage", "metadata", "sessions", "audit",
            "quota", "outbox")), families.toString());
        assertTrue(Files.exists(dataDir.resolve("store").resolve("LOG")), "RocksDB's own log in the store");

        try (JetStore store = JetStore.open(dataDir))
        {
            assertArrayEquals(JetStore.utf8("{\"login\":\"alice\"}"), store.get(Family.USERS, JetStore.utf8("alice")));
            assertEquals(42, Bytes.longBigEndian(store.get(Family.METADATA, JetStore.utf8("k")), 0));
            assertNull(store.get(Family.COST_CENTRES, JetStore.utf8("alice")), "families are separate key spaces");
        }
    }

    @Test
    void shouldSumUsageWithTheUint64AddMergeOperator() throws Exception
    {
        final byte[] key = JetStore.utf8("user-7/2026-11-26T10");
        try (JetStore store = JetStore.open(dataDir))
        {
            for (final long bytes : new long[] {1500, 2500})
            {
                try (WriteBatch batch = new WriteBatch())
                {
                    batch.merge(store.cf(Family.USAGE), key, Bytes.uint64LittleEndian(bytes));
                    store.write(batch);
                }
            }
            assertEquals(4000, Bytes.uint64LittleEndian(store.get(Family.USAGE, key)));

            final byte[] big = JetStore.utf8("big");
            store.db().merge(store.cf(Family.USAGE), big, Bytes.uint64LittleEndian(Long.MAX_VALUE));
            store.db().merge(store.cf(Family.USAGE), big, Bytes.uint64LittleEndian(1));
            assertEquals("9223372036854775808",
                Long.toUnsignedString(Bytes.uint64LittleEndian(store.get(Family.USAGE, big))), "unsigned 64-bit");
        }
        try (JetStore store = JetStore.open(dataDir))
        {
            store.db().merge(store.cf(Family.USAGE), key, Bytes.uint64LittleEndian(1));
            assertEquals(4001, Bytes.uint64LittleEndian(store.get(Family.USAGE, key)), "merges survive a reopen");
        }
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameDirectoryInOneLine()
    {
        try (JetStore store = JetStore.open(dataDir))
        {
            final StoreException ex = assertThrows(StoreException.class, () -> JetStore.open(dataDir));
            assertEquals(inUse(dataDir), ex.getMessage());
        }
        JetStore.open(dataDir).close(); // the lock went with the first store
    }

    @Test
    void shouldRefuseASecondProcessInOneLine() throws Exception
    {
        try (JetStore store = JetStore.open(dataDir))
        {
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The JVM flags of this test JVM (on Java 24+ without --enable-native-access RocksDB's loading warns).
            for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc"))
                {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenStore.class.getName(),
                dataDir.toString()));
            final Path output = dataDir.resolve("second.txt");
            final Process second = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, second.exitValue(), () -> read(output));
            assertEquals(inUse(dataDir) + "\n", read(output));
        }
    }

    @Test
    void shouldAppendAuditEntriesWithTheirChangeAndKeepOrderAcrossReopen() throws Exception
    {
        final long[] now = {1_000};
        try (JetStore store = JetStore.open(dataDir))
        {
            final AuditLog audit = AuditLog.open(store, () -> now[0]);
            try (WriteBatch batch = new WriteBatch())
            {
                batch.put(store.cf(Family.USERS), JetStore.utf8("bob"), JetStore.utf8("{}"));
                audit.append(batch, "cli:ops", "user.add", "bob", Map.of("cost_centre", "eng"));
                audit.append(batch, "cli:ops", "user.update", "bob", Map.of());
                store.write(batch);
            }
            try (WriteBatch batch = new WriteBatch())
            {
                audit.append(batch, "cli:ops", "user.add", "carol", Map.of());
                // never written: no entry without its change
            }
        }
        now[0] = 500; // the clock stepped back across a restart
        try (JetStore store = JetStore.open(dataDir))
        {
            final AuditLog audit = AuditLog.open(store, () -> now[0]);
            try (WriteBatch batch = new WriteBatch())
            {
                audit.append(batch, "radius", "user.register", "dave", Map.of());
                store.write(batch);
            }
            final List<AuditEntry> entries = audit.read(0, 10);
            assertEquals(3, entries.size(), entries.toString());
            assertEquals("user.add", entries.get(0).action());
            assertEquals("eng", entries.get(0).details().get("cost_centre").asText());
            assertEquals("cli:ops", entries.get(0).actor());
            assertEquals("bob", entries.get(1).subject());
            assertEquals("dave", entries.get(2).subject());
            assertEquals(1_000, entries.get(2).timeMs(), "time never goes back in the log");
            assertTrue(entries.get(2).sequence() > entries.get(1).sequence());
        }
    }

    private static String inUse(final Path dataDir)
    {
        final Path dir = dataDir.toAbsolutePath();
        return "data directory " + dir + " is in use by another jet process (RocksDB holds " +
            dir.resolve("store").resolve("LOCK") + ")";
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final java.io.IOException ex)
        {
            return ex.toString();
        }
    }

    /** The second process: opens the store and reports as {@code jet daemon} would. */
    public static final class OpenStore
    {
        public static void main(final String[] args)
        {
            try (JetStore store = JetStore.open(Path.of(args[0])))
            {
                System.out.println("opened");
            }
            catch (final StoreException ex)
            {
                System.out.println(ex.getMessage());
                System.exit(2);
            }
        }
    }
}
