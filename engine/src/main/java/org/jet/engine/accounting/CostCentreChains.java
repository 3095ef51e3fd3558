package org.jet.engine.accounting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.jet.engine.directory.CostCentre;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.User;

/**
 * Users' cost-centre chains (the user's cost centre and its ancestors, by numeric id) as the ledger's thread asks
 * for them, once per user row of every batch. Users are numbered densely from 1, so a user's chain is found
 * through an array indexed by that number; the chain itself is one shared array per cost centre, since a campus has
 * a hundred thousand users but a few hundred cost centres. A hash map of a copy per user missed the cache twice a
 * row. Kept while the directory stays as it was ({@link Directory#changes()}); single-threaded.
 */
final class CostCentreChains implements LongFunction<long[]>
{
    private static final long[] NONE = new long[0];
    /** Users numbered beyond this are not indexed by number (ids are dense: never, in practice). */
    private static final long MAX_INDEXED_USER = 1 << 26;

    private final Directory directory;
    /** User number → 1 + index into {@link #distinct}; 0 while not yet looked up. */
    private int[] chainOfUser = new int[1024];
    private final List<long[]> distinct = new ArrayList<>();
    private final Map<String, Integer> byCostCentre = new HashMap<>();
    private long ofChange = -1;

    CostCentreChains(final Directory directory)
    {
        this.directory = directory;
    }

    /** Forgets what the directory has changed since: called before each batch. */
    void refresh()
    {
        final long change = directory.changes();
        if (change != ofChange)
        {
            Arrays.fill(chainOfUser, 0);
            distinct.clear();
            byCostCentre.clear();
            ofChange = change;
        }
    }

    /** @return the chain of the user numbered {@code userId}; empty for an unknown user. Not to be changed. */
    @Override
    public long[] apply(final long userId)
    {
        if (userId < 0 || userId > MAX_INDEXED_USER)
        {
            return distinct.get(indexOf(userId));
        }
        final int index = (int)userId;
        if (index >= chainOfUser.length)
        {
            chainOfUser = Arrays.copyOf(chainOfUser, Math.max(index + 1, chainOfUser.length * 2));
        }
        int chain = chainOfUser[index];
        if (chain == 0)
        {
            chain = 1 + indexOf(userId);
            chainOfUser[index] = chain;
        }
        return distinct.get(chain - 1);
    }

    /** @return where in {@link #distinct} the chain of the user's cost centre is, added there when new. */
    private int indexOf(final long userId)
    {
        final User user = directory.user(userId);
        final String costCentre = user == null ? null : user.costCentre();
        final Integer known = byCostCentre.get(costCentre);
        if (known != null)
        {
            return known;
        }
        distinct.add(costCentre == null ? NONE : ids(directory.costCentreChain(costCentre)));
        byCostCentre.put(costCentre, distinct.size() - 1);
        return distinct.size() - 1;
    }

    private static long[] ids(final List<CostCentre> chain)
    {
        final long[] ids = new long[chain.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = chain.get(i).numericId();
        }
        return ids;
    }
}
