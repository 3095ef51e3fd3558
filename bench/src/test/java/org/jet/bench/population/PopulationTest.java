package org.jet.bench.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jet.bench.BenchMain;
import org.jet.bench.loadgen.LoadSettings;
import org.jet.collector.record.IpAddress;
import org.jet.engine.config.Cidr;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.User;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionStore;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PopulationTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheUsersAndOneOpenSessionPerAddressRoundRobin() throws Exception
    {
        final Population population = new Population(7, 50, Cidr.parse("100.64.0.0/24"));
        final Path data = dir.resolve("data");
        population.prepare(data);

        try (JetStore store = JetStore.open(data))
        {
            final Directory directory = Directory.open(store, AuditLog.open(store));
            final List<User> users = directory.users(Population.COST_CENTRE);
            assertEquals(7, users.size());
            final List<Session.Snapshot> sessions = new SessionStore(store).openSessions();
            assertEquals(50, sessions.size());
            final Set<Long> addresses = new HashSet<>();
            for (final Session.Snapshot session : sessions)
            {
                assertTrue(session.open());
                final int offset = (int)session.addrLo() - 0x6440_0000;
                assertTrue(IpAddress.isV4(session.addrHi(), session.addrLo()) && offset >= 0 && offset < 50,
                    session.address());
                final User user = directory.user(session.userName());
                assertEquals(Population.login(offset % 7), user.login(), "address i goes to user i mod users");
                assertEquals(user.numericId(), session.userId());
                addresses.add(session.addrLo());
            }
            assertEquals(50, addresses.size());
        }
    }

    @Test
    void shouldRefuseADataDirectoryThatHoldsAStore() throws Exception
    {
        final Population population = Population.parse("2:4");
        population.prepare(dir);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> population.prepare(dir));
        assertTrue(refused.getMessage().contains("already holds a Jet store"), refused.getMessage());
    }

    @Test
    void shouldParseSizesAndCheckTheyFitTheNetwork()
    {
        final Population campus = Population.parse("100k:1M");
        assertEquals(100_000, campus.users());
        assertEquals(1_000_000, campus.addresses());
        assertEquals("100k:1M", campus.label());
        assertTrue(campus.inDefaultInternalNetworks());
        assertFalse(new Population(1, 1, Cidr.parse("198.51.100.0/24")).inDefaultInternalNetworks());
        assertThrows(IllegalArgumentException.class, () -> new Population(1, 257, Cidr.parse("10.1.2.0/24")));
        assertThrows(IllegalArgumentException.class, () -> Population.parse("100k"));
    }

    @Test
    void shouldMakeTheLoadGeneratorUseThePopulationsAddresses()
    {
        final LoadSettings settings = new Population(3, 200, Cidr.parse("172.16.1.0/24"))
            .applyTo(new LoadSettings());
        assertEquals(200, settings.internalHosts());
        assertEquals(0xac10_0100, settings.internalBase());
        assertEquals(24, settings.internalPrefixLength());
    }

    @Test
    void shouldPrepareFromTheCommandLineAndReportTheRestore()
    {
        final StringWriter out = new StringWriter();
        final CommandLine command = new CommandLine(new BenchMain());
        command.setOut(new PrintWriter(out));
        final int code = command.execute("population", "--data-dir", dir.resolve("cli").toString(), "--users", "10",
            "--addresses", "1k", "--measure-restore");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("1,000 open sessions in 10.0.0.0/8"), out.toString());
        assertTrue(out.toString().contains("restore: 1,000 open sessions read"), out.toString());
        assertEquals(2, new CommandLine(new BenchMain()).execute("population", "--data-dir",
            dir.resolve("bad").toString(), "--network", "10.0.0.0/30", "--addresses", "5"));
    }
}
