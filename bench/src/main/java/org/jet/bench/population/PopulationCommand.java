package org.jet.bench.population;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jet.engine.config.Cidr;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionStore;
import org.jet.engine.session.SessionTable;
import org.jet.engine.store.JetStore;
import org.jet.engine.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code population}: prepares a data directory holding users and one open session per address, so that a daemon
 * started on it attributes every flow of the load generator to a user. See bench/README.md.
 */
@Command(
    name = "population",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Prepares a new data directory with USERS users (cost centre 'bench') and one open session for each of",
        "ADDRESSES addresses of NETWORK, from its base up, given to the users round-robin. A daemon started on it",
        "restores the sessions; the load generator's --internal-hosts ADDRESSES draws from the same addresses."})
public final class PopulationCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
        description = "A new data directory (the daemon's data_dir).")
    private Path dataDir;

    @Option(names = "--users", defaultValue = "100000", paramLabel = "N",
        description = "Users (default ${DEFAULT-VALUE}); k/M suffixes.")
    private String users;

    @Option(names = "--addresses", defaultValue = "1000000", paramLabel = "N",
        description = "Addresses, each with an open session (default ${DEFAULT-VALUE}); k/M suffixes.")
    private String addresses;

    @Option(names = "--network", defaultValue = "10.0.0.0/8", paramLabel = "CIDR",
        description = "IPv4 network the addresses are taken from (default ${DEFAULT-VALUE}).")
    private String network;

    @Option(names = "--measure-restore", description = "Then read the sessions back as the daemon does at start "
        + "(session store, then session table) and report the time and the heap they hold.")
    private boolean measureRestore;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final Population population;
        try
        {
            population = new Population(Population.count(users, "users"), Population.count(addresses, "addresses"),
                Cidr.parse(network));
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("population: " + ex.getMessage());
            return 2;
        }
        try
        {
            final Population.Prepared prepared = population.prepare(dataDir);
            out.printf(Locale.ROOT, "population: %,d users (cost centre %s) in %.1f s, %,d open sessions in %s " +
                "in %.1f s, written to %s%n", population.users(), Population.COST_CENTRE, prepared.usersNs() / 1e9,
                population.addresses(), population.network().text(), prepared.sessionsNs() / 1e9, dataDir);
            if (!population.inDefaultInternalNetworks())
            {
                out.printf("population: %s is outside the default accounting.internal_networks: add it to the " +
                    "daemon's config%n", population.network().text());
            }
        }
        catch (final IllegalArgumentException | StoreException ex)
        {
            spec.commandLine().getErr().println("population: " + ex.getMessage());
            return 1;
        }
        out.flush();
        if (measureRestore)
        {
            measureRestore(dataDir, out);
        }
        return 0;
    }

    /**
     * What the daemon does at start ({@code Accounting}'s constructor): every open session read from the store,
     * then restored into a session table sized as the engine sizes it (for what it restores). Heap figures are after a full GC.
     */
    static void measureRestore(final Path dataDir, final PrintWriter out)
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        final long heapBefore = heapAfterGc(memory);
        try (JetStore store = JetStore.open(dataDir))
        {
            final long startNs = System.nanoTime();
            List<Session.Snapshot> open = new SessionStore(store).openSessions();
            final long readNs = System.nanoTime();
            final SessionTable table = new SessionTable(Math.max(1 << 16, open.size()), 7_200_000L, 86_400_000L,
                new NoListener());
            final long nowMs = System.currentTimeMillis();
            open.forEach(session -> table.restore(session, nowMs));
            final long restoredNs = System.nanoTime();
            final int count = open.size();
            final long heapWithList = heapAfterGc(memory);
            open = null;
            final long heapTable = heapAfterGc(memory);
            out.printf(Locale.ROOT, "restore: %,d open sessions read in %.2f s, restored into the session table in " +
                "%.2f s; heap held: table %,d MiB (%,d bytes per session), table and list while restoring %,d MiB%n",
                count, (readNs - startNs) / 1e9, (restoredNs - readNs) / 1e9, (heapTable - heapBefore) >> 20,
                (heapTable - heapBefore) / Math.max(1, count), (heapWithList - heapBefore) >> 20);
            if (table.openSessions() != count)
            {
                throw new IllegalStateException("restored " + table.openSessions() + " of " + count + " sessions");
            }
        }
        out.flush();
    }

    private static long heapAfterGc(final MemoryMXBean memory)
    {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Restoring tells no listener (nothing is written back). */
    private static final class NoListener implements SessionTable.Listener
    {
        @Override
        public void onOpened(final Session session)
        {
        }

        @Override
        public void onClosed(final Session session)
        {
        }
    }
}
