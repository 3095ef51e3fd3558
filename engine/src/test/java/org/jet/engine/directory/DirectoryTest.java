package org.jet.engine.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jet.engine.store.AuditEntry;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory over a real store in a temporary directory.
 */
class DirectoryTest
{
    @TempDir
    Path dataDir;

    private JetStore store;
    private AuditLog audit;
    private Directory directory;

    @BeforeEach
    void open()
    {
        store = JetStore.open(dataDir);
        audit = AuditLog.open(store);
        directory = Directory.open(store, audit);
    }

    @AfterEach
    void close()
    {
        store.close();
    }

    private void reopen()
    {
        close();
        open();
    }

    @Test
    void shouldRegisterAnUnknownLoginIntoUnassignedOnceAndAuditIt()
    {
        final long id = directory.resolve("guest42", "radius");

        assertEquals(id, directory.resolve("guest42", "radius"), "the same id the second time");
        final User user = directory.user("guest42");
        assertEquals(Directory.UNASSIGNED, user.costCentre());
        assertEquals(user, directory.user(id));
        assertTrue(directory.costCentre(Directory.UNASSIGNED) != null, "unassigned made on first need");
        final List<AuditEntry> entries = audit.read(0, 10);
        assertEquals(List.of("cost_centre.add", "user.register"), actions(entries));
        assertEquals("radius", entries.get(1).actor());
        assertEquals("guest42", entries.get(1).subject());

        reopen();
        assertEquals(id, directory.resolve("guest42", "radius"), "kept across a restart");
        assertEquals(id + 1, directory.resolve("guest43", "radius"));
        assertEquals(3, audit.read(0, 10).size(), "unassigned is made once");
    }

    @Test
    void shouldRefuseALoginThatCannotBeOne()
    {
        final DirectoryException ex = assertThrows(DirectoryException.class,
            () -> directory.resolve("bad\u0000name", "radius"));
        assertEquals(DirectoryException.Kind.INVALID, ex.kind());
        assertEquals("login 'bad\\u0000name' contains a control character", ex.getMessage());
        assertTrue(directory.users(null).isEmpty());
    }

    @Test
    void shouldListASubTreeAndGiveAUsersCostCentreChain()
    {
        tree();
        directory.addUser("ann", "Ann", "ann@uni.example", "eng.cs", "cli");
        directory.addUser("ben", null, null, "eng.ee", "cli");
        directory.addUser("cat", null, null, "eng", "cli");
        directory.addUser("dan", null, null, "law", "cli");

        assertEquals(List.of("ann", "ben", "cat"), logins(directory.users("eng")));
        assertEquals(List.of("ann"), logins(directory.users("eng.cs")));
        assertEquals(List.of("ann", "ben", "cat", "dan"), logins(directory.users(null)));
        assertEquals(List.of("eng.cs", "eng"), ids(directory.costCentreChain(directory.user("ann").numericId())));
        assertEquals(List.of("eng", "eng.cs", "eng.ee", "law"), ids(directory.costCentres()), "tree order");
        final DirectoryException unknown = assertThrows(DirectoryException.class, () -> directory.users("med"));
        assertEquals(DirectoryException.Kind.NOT_FOUND, unknown.kind());
    }

    @Test
    void shouldRefuseBadChangesWithTheRightKind()
    {
        tree();
        directory.addUser("ann", null, null, "eng.cs", "cli");

        assertKind(DirectoryException.Kind.CONFLICT, "user 'ann' already exists",
            () -> directory.addUser("ann", null, null, "law", "cli"));
        assertKind(DirectoryException.Kind.NOT_FOUND, "cost centre 'med' does not exist",
            () -> directory.addUser("bob", null, null, "med", "cli"));
        assertKind(DirectoryException.Kind.CONFLICT, "cost centre 'eng' already exists",
            () -> directory.addCostCentre("eng", "Again", null, "cli"));
        assertKind(DirectoryException.Kind.NOT_FOUND, "parent cost centre 'med' does not exist",
            () -> directory.addCostCentre("med.x", "X", "med", "cli"));
        assertKind(DirectoryException.Kind.INVALID, "cost centre id 'Eng CS' is not valid (1 to 64 of a-z 0-9 . _ -)",
            () -> directory.addCostCentre("Eng CS", "X", null, "cli"));
        assertKind(DirectoryException.Kind.INVALID, "e-mail address 'nope' is not valid (expected NAME@DOMAIN)",
            () -> directory.addUser("bob", null, "nope", "law", "cli"));
        assertKind(DirectoryException.Kind.NOT_FOUND, "no user 'zed'",
            () -> directory.updateUser("zed", "Zed", null, null, "cli"));
        assertNull(directory.user("bob"));
    }

    @Test
    void shouldMoveAUserAndAuditWhatChanged()
    {
        tree();
        final long id = directory.resolve("guest", "radius");

        final User moved = directory.updateUser("guest", "Guest Person", null, "eng.cs", "cli:ops");

        assertEquals(id, moved.numericId(), "a move keeps the numeric id");
        assertEquals("eng.cs", moved.costCentre());
        assertEquals("Guest Person", moved.name());
        final AuditEntry last = last(audit.read(0, 100));
        assertEquals("user.update", last.action());
        assertEquals("cli:ops", last.actor());
        assertEquals("unassigned", last.details().get("cost_centre").get("from").asText());
        assertEquals("eng.cs", last.details().get("cost_centre").get("to").asText());
        reopen();
        assertEquals(List.of("eng.cs", "eng"), ids(directory.costCentreChain(id)));
        assertNull(directory.updateUser("guest", "", null, null, "cli").name(), "an empty name clears it");
    }

    @Test
    void shouldNeverReuseNumericIds()
    {
        tree();
        final long first = directory.addUser("a", null, null, "law", "cli").numericId();
        final long engId = directory.costCentre("eng").numericId();
        reopen();
        final long second = directory.addUser("b", null, null, "law", "cli").numericId();
        final long medId = directory.addCostCentre("med", "Medicine", null, "cli").numericId();

        assertTrue(first >= 1);
        assertEquals(first + 1, second);
        assertTrue(medId > directory.costCentre("law").numericId() && medId > engId, "ids only grow");
        assertNotEquals(directory.user("a").numericId(), directory.user("b").numericId());
    }

    @Test
    void shouldImportNothingAndReportEveryBadRow()
    {
        tree();
        final String csv = String.join("\n",
            "login,name,email,cost_centre",
            "ann,Ann,ann@uni.example,eng.cs",
            "ben,Ben,not-an-address,eng",
            "cat,Cat,,med",
            "ann,Ann again,,law",
            "dan,Dan",
            ",Nobody,,law",
            "eve,Eve,,law",
            "");

        final ImportRejected ex = assertThrows(ImportRejected.class,
            () -> directory.importCsv("users.csv", new StringReader(csv), "cli"));

        assertEquals("5 bad row(s) in users.csv, nothing imported", ex.getMessage());
        assertEquals(List.of(
            "users.csv:3: e-mail address 'not-an-address' is not valid (expected NAME@DOMAIN)",
            "users.csv:4: cost centre 'med' does not exist (add it first: jet costcentres add med --name ...)",
            "users.csv:5: login 'ann' is already on line 2",
            "users.csv:6: expected 4 fields like the header, found 2",
            "users.csv:7: a login is needed"), ex.problems());
        assertTrue(directory.users(null).isEmpty(), "nothing written");
        assertEquals(List.of("cost_centre.add", "cost_centre.add", "cost_centre.add", "cost_centre.add"),
            actions(audit.read(0, 100)), "no audit entry either");
    }

    @Test
    void shouldReportAHeaderThatDoesNotFit()
    {
        final ImportRejected ex = assertThrows(ImportRejected.class,
            () -> directory.importCsv("u.csv", new StringReader("user,costcentre\nann,eng\n"), "cli"));
        assertEquals(List.of(
            "u.csv:1: unknown column 'user' in the header (known: login, name, email, cost_centre)",
            "u.csv:1: unknown column 'costcentre' in the header (known: login, name, email, cost_centre)",
            "u.csv:1: the header has no 'login' column (expected login,name,email,cost_centre)",
            "u.csv:1: the header has no 'cost_centre' column (expected login,name,email,cost_centre)"),
            ex.problems());
    }

    @Test
    void shouldImportIdempotentlyAndUpdateExistingLogins() throws Exception
    {
        tree();
        final long guest = directory.resolve("guest", "radius");
        final String csv = "login,name,email,cost_centre\n" +
            "ann,\"Smith, Ann\",ann@uni.example,eng.cs\n" +
            "guest,Guest,,law\n";

        assertEquals(new ImportResult(1, 1, 0), directory.importCsv("u.csv", new StringReader(csv), "cli"));
        assertEquals(new ImportResult(0, 0, 2), directory.importCsv("u.csv", new StringReader(csv), "cli"));
        assertEquals("law", directory.user("guest").costCentre());
        assertEquals(guest, directory.user("guest").numericId(), "an update keeps the numeric id");
        assertEquals("Smith, Ann", directory.user("ann").name());

        // A file without the email column leaves e-mail addresses alone.
        assertEquals(new ImportResult(0, 1, 0), directory.importCsv("moves.csv",
            new StringReader("login,cost_centre\nann,eng.ee\n"), "cli"));
        reopen();
        final User ann = directory.user("ann");
        assertEquals("eng.ee", ann.costCentre());
        assertEquals("ann@uni.example", ann.email());
        final AuditEntry last = last(audit.read(0, 100));
        assertEquals("users.import", last.action());
        assertEquals("moves.csv", last.subject());
    }

    private void tree()
    {
        directory.addCostCentre("eng", "Faculty of Engineering", null, "cli");
        directory.addCostCentre("eng.cs", "Computer Science", "eng", "cli");
        directory.addCostCentre("eng.ee", "Electrical Engineering", "eng", "cli");
        directory.addCostCentre("law", "Faculty of Law", null, "cli");
    }

    private static void assertKind(final DirectoryException.Kind kind, final String message, final Runnable change)
    {
        final DirectoryException ex = assertThrows(DirectoryException.class, change::run);
        assertEquals(kind, ex.kind());
        assertEquals(message, ex.getMessage());
    }

    private static List<String> logins(final List<User> users)
    {
        final List<String> logins = new ArrayList<>();
        users.forEach(user -> logins.add(user.login()));
        return logins;
    }

    private static List<String> ids(final List<CostCentre> costCentres)
    {
        final List<String> ids = new ArrayList<>();
        costCentres.forEach(costCentre -> ids.add(costCentre.id()));
        return ids;
    }

    private static List<String> actions(final List<AuditEntry> entries)
    {
        final List<String> actions = new ArrayList<>();
        entries.forEach(entry -> actions.add(entry.action()));
        return actions;
    }

    private static AuditEntry last(final List<AuditEntry> entries)
    {
        return entries.get(entries.size() - 1);
    }
}
