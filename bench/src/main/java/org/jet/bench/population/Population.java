package org.jet.bench.population;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jet.bench.loadgen.LoadGenerator;
import org.jet.bench.loadgen.LoadSettings;
import org.jet.collector.record.IpAddress;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.Cidr;
import org.jet.engine.directory.Directory;
import org.jet.engine.session.Session;
import org.jet.engine.session.SessionStore;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;

/**
 * A benchmark population: {@code users} users in cost centre {@value #COST_CENTRE}, and one open session for each
 * of {@code addresses} addresses, the first addresses of {@code network} from its base up, given to the users
 * round-robin (address i to user i mod users). The load generator draws its inside addresses from the same range
 * ({@link #firstAddress()} + [0, addresses)), so every flow it sends has a user.
 *
 * @param network an IPv4 network, held as Jet holds it (IPv4-mapped).
 */
public record Population(int users, int addresses, Cidr network)
{
    public static final String COST_CENTRE = "bench";
    public static final String SOURCE = "bench";
    public static final Cidr DEFAULT_NETWORK = Cidr.parse("10.0.0.0/8");
    private static final String ACTOR = "bench:population";
    private static final int SESSIONS_PER_BATCH = 100_000;

    public Population
    {
        if (users < 1)
        {
            throw new IllegalArgumentException("--users must be at least 1");
        }
        if (addresses < 1)
        {
            throw new IllegalArgumentException("--addresses must be at least 1");
        }
        if (network.hi() != 0 || (network.lo() >>> 32) != 0xffff || network.length() < 96)
        {
            throw new IllegalArgumentException("--network must be an IPv4 network, got " + network.text());
        }
        final long room = 1L << (128 - network.length());
        if (addresses > room)
        {
            throw new IllegalArgumentException("--network " + network.text() + " holds " + room +
                " addresses, fewer than --addresses " + addresses);
        }
    }

    /**
     * @param text {@code USERS:ADDRESSES}, with k/M suffixes: {@code 100k:1M}.
     * @return the population, in {@link #DEFAULT_NETWORK}.
     */
    public static Population parse(final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 2)
        {
            throw new IllegalArgumentException("a population is USERS:ADDRESSES, e.g. 100k:1M; got '" + text + "'");
        }
        return new Population(count(parts[0], "users"), count(parts[1], "addresses"), DEFAULT_NETWORK);
    }

    static int count(final String text, final String what)
    {
        final long count = LoadGenerator.parseCount(text);
        if (count > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("too many " + what + ": " + text);
        }
        return (int)count;
    }

    /** @return the first address, as a big-endian IPv4 int: the network's base. */
    public int firstAddress()
    {
        return (int)network.lo();
    }

    /** @return the address of session i, as a big-endian IPv4 int. */
    public int address(final int i)
    {
        return firstAddress() + i;
    }

    /**
     * Makes the load generator draw its inside addresses from this population's addresses.
     *
     * @return the settings.
     */
    public LoadSettings applyTo(final LoadSettings settings)
    {
        return settings.internalHosts(addresses).internalNetwork(firstAddress(), network.length() - 96);
    }

    /** @return true when Jet's default {@code accounting.internal_networks} hold the whole network. */
    public boolean inDefaultInternalNetworks()
    {
        for (final Cidr internal : AccountingConfig.PRIVATE_NETWORKS)
        {
            if (internal.length() <= network.length() && internal.contains(network.hi(), network.lo()))
            {
                return true;
            }
        }
        return false;
    }

    /** @return {@code 100k:1M} and the like, for tables. */
    public String label()
    {
        return abbreviated(users) + ":" + abbreviated(addresses);
    }

    private static String abbreviated(final int count)
    {
        if (count >= 1_000_000 && count % 1_000_000 == 0)
        {
            return count / 1_000_000 + "M";
        }
        return count >= 1_000 && count % 1_000 == 0 ? count / 1_000 + "k" : Integer.toString(count);
    }

    /**
     * Writes the population into a new data directory, through the engine's own classes: the users in one import
     * batch (audited, as {@code jet users import} would), the sessions in batches of {@value #SESSIONS_PER_BATCH}
     * in the session store's format.
     *
     * @return how long each part took.
     * @throws IllegalArgumentException when {@code dataDir} already holds a store.
     */
    public Prepared prepare(final Path dataDir) throws IOException
    {
        if (Files.exists(dataDir.resolve(JetStore.DIRECTORY)))
        {
            throw new IllegalArgumentException(dataDir + " already holds a Jet store: give a new directory");
        }
        Files.createDirectories(dataDir);
        final long startNs = System.nanoTime();
        try (JetStore store = JetStore.open(dataDir))
        {
            final Directory directory = Directory.open(store, AuditLog.open(store));
            directory.addCostCentre(COST_CENTRE, "Benchmark population", null, ACTOR);
            final StringBuilder csv = new StringBuilder(users * 16).append("login,cost_centre\n");
            for (int u = 0; u < users; u++)
            {
                csv.append(login(u)).append(',').append(COST_CENTRE).append('\n');
            }
            directory.importCsv("population.csv", new StringReader(csv.toString()), ACTOR);
            final long[] userIds = new long[users];
            final String[] logins = new String[users];
            for (int u = 0; u < users; u++)
            {
                logins[u] = login(u);
                userIds[u] = directory.user(logins[u]).numericId();
            }
            final long usersDoneNs = System.nanoTime();

            final SessionStore sessions = new SessionStore(store);
            final long nowMs = System.currentTimeMillis();
            final List<Session.Snapshot> batch = new ArrayList<>(SESSIONS_PER_BATCH);
            for (int i = 0; i < addresses; i++)
            {
                final int u = i % users;
                batch.add(new Session.Snapshot(0, IpAddress.mappedLo(address(i)), 128, userIds[u], logins[u],
                    null, SOURCE, nowMs, Session.OPEN, nowMs));
                if (batch.size() == SESSIONS_PER_BATCH || i == addresses - 1)
                {
                    sessions.writeOpen(batch);
                    batch.clear();
                }
            }
            final long doneNs = System.nanoTime();
            return new Prepared(usersDoneNs - startNs, doneNs - usersDoneNs);
        }
    }

    /** @return the login of user u (from 0). */
    public static String login(final int u)
    {
        return "u" + (u + 1);
    }

    /**
     * @param usersNs    time to import the users (one batch).
     * @param sessionsNs time to write the sessions.
     */
    public record Prepared(long usersNs, long sessionsNs)
    {
    }
}
