package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;

import org.jet.engine.directory.Directory;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCentreChainsTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldGiveEachUserTheirCostCentreAndItsAncestorsAndSeeChangesAfterARefresh()
    {
        try (JetStore store = JetStore.open(dataDir))
        {
            final Directory directory = Directory.open(store, AuditLog.open(store));
            final long science = directory.addCostCentre("science", "Science", null, "test").numericId();
            final long physics = directory.addCostCentre("physics", "Physics", "science", "test").numericId();
            final long arts = directory.addCostCentre("arts", "Arts", null, "test").numericId();
            final long ada = directory.addUser("ada", null, null, "physics", "test").numericId();
            final long bob = directory.addUser("bob", null, null, "physics", "test").numericId();
            final long cy = directory.addUser("cy", null, null, "arts", "test").numericId();
            // Numbers past the first array's end make it grow.
            for (int u = 0; u < 1500; u++)
            {
                directory.addUser("filler" + u, null, null, "arts", "test");
            }
            final long last = directory.user("filler1499").numericId();

            final CostCentreChains chains = new CostCentreChains(directory);
            chains.refresh();
            assertArrayEquals(new long[]{physics, science}, chains.apply(ada), "the department, then its faculty");
            assertSame(chains.apply(ada), chains.apply(bob), "one array per cost centre, shared by its users");
            assertArrayEquals(new long[]{arts}, chains.apply(cy));
            assertArrayEquals(new long[]{arts}, chains.apply(last));
            assertEquals(0, chains.apply(last + 1_000).length, "an unknown user has no cost centre");
            assertEquals(0, chains.apply(-1).length);

            directory.updateUser("ada", null, null, "arts", "test");
            assertArrayEquals(new long[]{physics, science}, chains.apply(ada), "kept until the next batch");
            chains.refresh();
            assertArrayEquals(new long[]{arts}, chains.apply(ada), "the new cost centre from the next batch on");
            assertArrayEquals(new long[]{physics, science}, chains.apply(bob));
        }
    }
}
