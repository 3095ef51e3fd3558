package org.jet.engine.accounting;

import java.util.List;
import java.util.function.ToLongFunction;

import org.jet.engine.config.AccountingConfig.StaticAssignment;
import org.jet.engine.session.SessionTable;

/**
 * Networks charged to an account with no login: asked for an internal address that no session held at the time.
 * First matching network wins, as in the config.
 */
final class StaticAssignments
{
    private final PrefixSet[] networks;
    private final long[] users;

    /**
     * @param userIds the directory's numeric id of a login.
     */
    StaticAssignments(final List<StaticAssignment> assignments, final ToLongFunction<String> userIds)
    {
        networks = new PrefixSet[assignments.size()];
        users = new long[assignments.size()];
        for (int i = 0; i < networks.length; i++)
        {
            networks[i] = new PrefixSet(List.of(assignments.get(i).network()));
            users[i] = userIds.applyAsLong(assignments.get(i).user());
        }
    }

    /** @return the account charged for an address, or {@link SessionTable#NO_USER}. */
    long userOf(final long addrHi, final long addrLo)
    {
        for (int i = 0; i < networks.length; i++)
        {
            if (networks[i].contains(addrHi, addrLo))
            {
                return users[i];
            }
        }
        return SessionTable.NO_USER;
    }
}
