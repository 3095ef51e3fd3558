package org.jet.engine.directory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.jet.engine.directory.DirectoryException.Kind;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.Bytes;
import org.jet.engine.store.Family;
import org.jet.engine.store.JetStore;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Users and cost centres: who is billed, and where their usage rolls up to. The store is the truth; all of it is
 * also held in memory, loaded at {@link #open} and updated after each write, because it is read far more than it
 * is written (a login's numeric id on every session start).
 *
 * <p>Thread-safe: reads are lock-free (concurrent maps), writes are serialised by one lock and each goes to the
 * store as one batch together with its audit entries, before the maps change.
 *
 * <p>Numeric ids (users and cost centres alike) start at 1, are assigned once and never reused: the engine keys
 * its counters by them, and 0 is free to mean "none" in primitive maps.
 */
public final class Directory
{
    /** Where {@link #resolve} puts logins nobody added, so their usage is counted until an operator moves them. */
    public static final String UNASSIGNED = "unassigned";

    private static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final byte[] NEXT_USER_ID = JetStore.utf8("directory.next_user_id");
    private static final byte[] NEXT_COST_CENTRE_ID = JetStore.utf8("directory.next_cost_centre_id");

    private final JetStore store;
    private final AuditLog audit;
    private final LongSupplier clock;
    private final Map<String, User> usersByLogin = new ConcurrentHashMap<>();
    private final Map<Long, User> usersById = new ConcurrentHashMap<>();
    private final Map<String, CostCentre> costCentres = new ConcurrentHashMap<>();
    /** Bumped after each change of users or cost centres, so readers can tell a cached chain is stale. */
    private volatile long changes;
    private final Object writeLock = new Object();
    private long nextUserId = 1;
    private long nextCostCentreId = 1;

    private Directory(final JetStore store, final AuditLog audit, final LongSupplier clock)
    {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public static Directory open(final JetStore store, final AuditLog audit)
    {
        return open(store, audit, System::currentTimeMillis);
    }

    public static Directory open(final JetStore store, final AuditLog audit, final LongSupplier clock)
    {
        final Directory directory = new Directory(store, audit, clock);
        directory.load();
        return directory;
    }

    private void load()
    {
        try (RocksIterator it = store.iterator(Family.COST_CENTRES))
        {
            for (it.seekToFirst(); it.isValid(); it.next())
            {
                final CostCentre costCentre = JSON.readValue(it.value(), CostCentre.class);
                costCentres.put(costCentre.id(), costCentre);
                nextCostCentreId = Math.max(nextCostCentreId, costCentre.numericId() + 1);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("unreadable cost centre in the store", ex);
        }
        try (RocksIterator it = store.iterator(Family.USERS))
        {
            for (it.seekToFirst(); it.isValid(); it.next())
            {
                final User user = JSON.readValue(it.value(), User.class);
                usersByLogin.put(user.login(), user);
                usersById.put(user.numericId(), user);
                nextUserId = Math.max(nextUserId, user.numericId() + 1);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("unreadable user in the store", ex);
        }
        // The sequences are stored so that an id stays used even if its user were ever deleted.
        nextUserId = Math.max(nextUserId, storedSequence(NEXT_USER_ID));
        nextCostCentreId = Math.max(nextCostCentreId, storedSequence(NEXT_COST_CENTRE_ID));
    }

    private long storedSequence(final byte[] key)
    {
        final byte[] value = store.get(Family.METADATA, key);
        return value == null ? 1 : Bytes.longBigEndian(value, 0);
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /** @return the user with this login, or null. */
    public User user(final String login)
    {
        return login == null ? null : usersByLogin.get(login);
    }

    /** @return the user with this numeric id, or null. */
    public User user(final long numericId)
    {
        return usersById.get(numericId);
    }

    /** @return the cost centre with this id, or null. */
    public CostCentre costCentre(final String id)
    {
        return id == null ? null : costCentres.get(id);
    }

    /**
     * @param costCentre a cost centre id, or null for every user.
     * @return the users of that cost centre and of its sub-tree, by login.
     * @throws DirectoryException NOT_FOUND when the cost centre does not exist.
     */
    public List<User> users(final String costCentre)
    {
        if (costCentre != null && !costCentres.containsKey(costCentre))
        {
            throw new DirectoryException(Kind.NOT_FOUND, "no cost centre '" + costCentre + "'");
        }
        final List<User> users = new ArrayList<>();
        for (final User user : usersByLogin.values())
        {
            if (costCentre == null || isWithin(user.costCentre(), costCentre))
            {
                users.add(user);
            }
        }
        users.sort(Comparator.comparing(User::login));
        return users;
    }

    private boolean isWithin(final String id, final String ancestor)
    {
        String current = id;
        while (current != null)
        {
            if (current.equals(ancestor))
            {
                return true;
            }
            final CostCentre costCentre = costCentres.get(current);
            current = costCentre == null ? null : costCentre.parent();
        }
        return false;
    }

    /**
     * @return every cost centre in tree order: each top-level one (by id) followed by its sub-tree.
     */
    public List<CostCentre> costCentres()
    {
        final Map<String, List<CostCentre>> children = new HashMap<>();
        for (final CostCentre costCentre : costCentres.values())
        {
            children.computeIfAbsent(costCentre.parent(), parent -> new ArrayList<>()).add(costCentre);
        }
        final List<CostCentre> ordered = new ArrayList<>(costCentres.size());
        addSubTree(null, children, ordered);
        return ordered;
    }

    private static void addSubTree(
        final String parent, final Map<String, List<CostCentre>> children, final List<CostCentre> out)
    {
        final List<CostCentre> below = children.get(parent);
        if (below == null)
        {
            return;
        }
        below.sort(Comparator.comparing(CostCentre::id));
        for (final CostCentre costCentre : below)
        {
            out.add(costCentre);
            addSubTree(costCentre.id(), children, out);
        }
    }

    /** @return how many users each cost centre has directly (not counting its sub-tree). */
    public Map<String, Integer> directUserCounts()
    {
        final Map<String, Integer> counts = new HashMap<>();
        for (final User user : usersByLogin.values())
        {
            counts.merge(user.costCentre(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @return the cost centre {@code id} and its ancestors up to the top level, in that order.
     */
    public List<CostCentre> costCentreChain(final String id)
    {
        final List<CostCentre> chain = new ArrayList<>(4);
        CostCentre current = costCentres.get(id);
        while (current != null)
        {
            chain.add(current);
            current = current.parent() == null ? null : costCentres.get(current.parent());
        }
        return chain;
    }

    /**
     * @return a number that changes after every change of a user or cost centre: what was derived from the
     * directory (a user's cost-centre chain) while it stayed the same is still true.
     */
    public long changes()
    {
        return changes;
    }

    /**
     * @return the user's cost centre and its ancestors up to the top level, in that order (usage of a cost centre
     * includes its departments'); empty for an unknown user.
     */
    public List<CostCentre> costCentreChain(final long userNumericId)
    {
        final User user = usersById.get(userNumericId);
        return user == null ? List.of() : costCentreChain(user.costCentre());
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    /**
     * @return the numeric id of {@code login}; a login never seen is registered first into the cost centre
     * {@value #UNASSIGNED} (made on first need), audited, so that no usage is lost.
     * @throws DirectoryException INVALID for a login that cannot be one (empty, too long, control characters).
     */
    /** Told of each user added, inside the batch that adds it (the outbox adds its welcome event there). */
    @FunctionalInterface
    public interface NewUsers
    {
        void added(User user, WriteBatch batch, String actor);
    }

    private volatile NewUsers newUsers = (user, batch, actor) ->
    {
    };

    /** Sets who is told of users added from now on. */
    public void onNewUsers(final NewUsers listener)
    {
        this.newUsers = listener;
    }

    public long resolve(final String login, final String actor)
    {
        final User known = login == null ? null : usersByLogin.get(login);
        if (known != null)
        {
            return known.numericId();
        }
        Rules.require(Rules.checkLogin(login));
        synchronized (writeLock)
        {
            final User raced = usersByLogin.get(login);
            if (raced != null)
            {
                return raced.numericId();
            }
            try (WriteBatch batch = new WriteBatch())
            {
                final CostCentre unassigned = costCentres.get(UNASSIGNED);
                final CostCentre made = unassigned == null ? newUnassigned(batch, actor) : null;
                final User user = new User(login, nextUserId, null, null, UNASSIGNED, clock.getAsLong());
                putUser(batch, user);
                putSequence(batch, NEXT_USER_ID, nextUserId + 1);
                audit.append(batch, actor, "user.register", login, details(
                    "numeric_id", user.numericId(), "cost_centre", UNASSIGNED,
                    "reason", "unknown login seen by " + actor));
                newUsers.added(user, batch, actor);
                store.write(batch);
                if (made != null)
                {
                    costCentreAdded(made);
                }
                userAdded(user);
                return user.numericId();
            }
        }
    }

    private CostCentre newUnassigned(final WriteBatch batch, final String actor)
    {
        final CostCentre costCentre = new CostCentre(UNASSIGNED, nextCostCentreId,
            "Unassigned (logins seen before an operator added them)", null);
        putCostCentre(batch, costCentre);
        putSequence(batch, NEXT_COST_CENTRE_ID, nextCostCentreId + 1);
        audit.append(batch, actor, "cost_centre.add", costCentre.id(), details(
            "numeric_id", costCentre.numericId(), "name", costCentre.name(), "parent", null));
        return costCentre;
    }

    /**
     * Adds a cost centre under {@code parent} (null: top level).
     */
    public CostCentre addCostCentre(final String id, final String name, final String parent, final String actor)
    {
        final String cleanName = Rules.optional(name);
        final String cleanParent = Rules.optional(parent);
        Rules.require(Rules.checkCostCentreId(id), cleanName == null ? "a name is needed" : null,
            Rules.checkName(cleanName));
        synchronized (writeLock)
        {
            if (costCentres.containsKey(id))
            {
                throw new DirectoryException(Kind.CONFLICT, "cost centre '" + id + "' already exists");
            }
            if (cleanParent != null && !costCentres.containsKey(cleanParent))
            {
                throw new DirectoryException(Kind.NOT_FOUND, "parent cost centre '" + cleanParent +
                    "' does not exist");
            }
            final CostCentre costCentre = new CostCentre(id, nextCostCentreId, cleanName, cleanParent);
            try (WriteBatch batch = new WriteBatch())
            {
                putCostCentre(batch, costCentre);
                putSequence(batch, NEXT_COST_CENTRE_ID, nextCostCentreId + 1);
                audit.append(batch, actor, "cost_centre.add", id, details(
                    "numeric_id", costCentre.numericId(), "name", cleanName, "parent", cleanParent));
                store.write(batch);
            }
            costCentreAdded(costCentre);
            return costCentre;
        }
    }

    /**
     * Adds a user.
     *
     * @param name  display name, or null.
     * @param email e-mail address, or null.
     */
    public User addUser(
        final String login, final String name, final String email, final String costCentre, final String actor)
    {
        final String cleanName = Rules.optional(name);
        final String cleanEmail = Rules.optional(email);
        Rules.require(Rules.checkLogin(login), Rules.checkName(cleanName), Rules.checkEmail(cleanEmail),
            Rules.checkCostCentreId(costCentre));
        synchronized (writeLock)
        {
            if (usersByLogin.containsKey(login))
            {
                throw new DirectoryException(Kind.CONFLICT, "user '" + login + "' already exists");
            }
            requireCostCentre(costCentre);
            final User user = new User(login, nextUserId, cleanName, cleanEmail, costCentre, clock.getAsLong());
            try (WriteBatch batch = new WriteBatch())
            {
                putUser(batch, user);
                putSequence(batch, NEXT_USER_ID, nextUserId + 1);
                audit.append(batch, actor, "user.add", login, details(
                    "numeric_id", user.numericId(), "name", cleanName, "email", cleanEmail, "cost_centre", costCentre));
                newUsers.added(user, batch, actor);
                store.write(batch);
            }
            userAdded(user);
            return user;
        }
    }

    /**
     * Changes a user: each argument that is null stays as it is; an empty name or e-mail clears it.
     *
     * @return the user as it is now.
     */
    public User updateUser(
        final String login, final String name, final String email, final String costCentre, final String actor)
    {
        Rules.require(name == null ? null : Rules.checkName(Rules.optional(name)),
            email == null ? null : Rules.checkEmail(Rules.optional(email)),
            costCentre == null ? null : Rules.checkCostCentreId(costCentre));
        synchronized (writeLock)
        {
            final User user = usersByLogin.get(login);
            if (user == null)
            {
                throw new DirectoryException(Kind.NOT_FOUND, "no user '" + login + "'");
            }
            if (costCentre != null)
            {
                requireCostCentre(costCentre);
            }
            final User changed = user.withChanges(
                name == null ? user.name() : Rules.optional(name),
                email == null ? user.email() : Rules.optional(email),
                costCentre == null ? user.costCentre() : costCentre);
            if (changed.equals(user))
            {
                return user;
            }
            try (WriteBatch batch = new WriteBatch())
            {
                putUser(batch, changed);
                audit.append(batch, actor, "user.update", login, changes(user, changed));
                store.write(batch);
            }
            userAdded(changed);
            return changed;
        }
    }

    /**
     * Adds or updates the users of a CSV file (header {@code login,name,email,cost_centre}), all or nothing.
     *
     * @param source the file's name, for the messages.
     * @throws ImportRejected listing every bad row as {@code FILE:LINE: message}; nothing was written.
     */
    public ImportResult importCsv(final String source, final Reader csv, final String actor) throws IOException
    {
        synchronized (writeLock)
        {
            final UserImport checked = UserImport.read(source, csv, costCentres::containsKey);
            if (!checked.problems().isEmpty())
            {
                throw new ImportRejected(source, checked.problems());
            }
            final List<User> written = new ArrayList<>();
            int added = 0;
            int updated = 0;
            long nextId = nextUserId;
            try (WriteBatch batch = new WriteBatch())
            {
                for (final UserImport.Row row : checked.rows())
                {
                    final User existing = usersByLogin.get(row.login());
                    if (existing == null)
                    {
                        final User user = new User(row.login(), nextId++, row.name(), row.email(), row.costCentre(),
                            clock.getAsLong());
                        putUser(batch, user);
                        audit.append(batch, actor, "user.add", user.login(), details(
                            "numeric_id", user.numericId(), "name", user.name(), "email", user.email(),
                            "cost_centre", user.costCentre(), "file", source, "line", row.line()));
                        newUsers.added(user, batch, actor);
                        written.add(user);
                        added++;
                        continue;
                    }
                    final User changed = existing.withChanges(
                        checked.hasName() ? row.name() : existing.name(),
                        checked.hasEmail() ? row.email() : existing.email(),
                        row.costCentre());
                    if (!changed.equals(existing))
                    {
                        putUser(batch, changed);
                        final Map<String, Object> details = changes(existing, changed);
                        details.put("file", source);
                        details.put("line", row.line());
                        audit.append(batch, actor, "user.update", changed.login(), details);
                        written.add(changed);
                        updated++;
                    }
                }
                final int unchanged = checked.rows().size() - added - updated;
                putSequence(batch, NEXT_USER_ID, nextId);
                audit.append(batch, actor, "users.import", source, details(
                    "added", added, "updated", updated, "unchanged", unchanged));
                store.write(batch);
                nextUserId = nextId;
                for (final User user : written)
                {
                    usersByLogin.put(user.login(), user);
                    usersById.put(user.numericId(), user);
                }
                changes++;
                return new ImportResult(added, updated, unchanged);
            }
        }
    }

    private void requireCostCentre(final String id)
    {
        if (!costCentres.containsKey(id))
        {
            throw new DirectoryException(Kind.NOT_FOUND, "cost centre '" + id + "' does not exist");
        }
    }

    private void userAdded(final User user)
    {
        if (user.numericId() >= nextUserId)
        {
            nextUserId = user.numericId() + 1;
        }
        usersByLogin.put(user.login(), user);
        usersById.put(user.numericId(), user);
        changes++;
    }

    private void costCentreAdded(final CostCentre costCentre)
    {
        nextCostCentreId = Math.max(nextCostCentreId, costCentre.numericId() + 1);
        costCentres.put(costCentre.id(), costCentre);
        changes++;
    }

    private void putUser(final WriteBatch batch, final User user)
    {
        put(batch, Family.USERS, JetStore.utf8(user.login()), user);
    }

    private void putCostCentre(final WriteBatch batch, final CostCentre costCentre)
    {
        put(batch, Family.COST_CENTRES, JetStore.utf8(costCentre.id()), costCentre);
    }

    private void put(final WriteBatch batch, final Family family, final byte[] key, final Object value)
    {
        try
        {
            batch.put(store.cf(family), key, JSON.writeValueAsBytes(value));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("cannot add to a write batch: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void putSequence(final WriteBatch batch, final byte[] key, final long next)
    {
        try
        {
            batch.put(store.cf(Family.METADATA), key, Bytes.longBigEndian(next));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("cannot add to a write batch: " + ex.getMessage(), ex);
        }
    }

    /** @return what changed, as {@code field: {from, to}} (the audit entry of an update). */
    private static Map<String, Object> changes(final User before, final User after)
    {
        final Map<String, Object> changes = new LinkedHashMap<>();
        change(changes, "name", before.name(), after.name());
        change(changes, "email", before.email(), after.email());
        change(changes, "cost_centre", before.costCentre(), after.costCentre());
        return changes;
    }

    private static void change(final Map<String, Object> changes, final String field, final String from,
        final String to)
    {
        if (!Objects.equals(from, to))
        {
            final Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
    }

    /** @return a map of alternating keys and values (null values allowed, unlike {@code Map.of}). */
    private static Map<String, Object> details(final Object... keysAndValues)
    {
        final Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            details.put((String)keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
