package org.jet.engine.accounting;

import java.util.function.Consumer;

import org.rocksdb.WriteBatch;

/**
 * What debits usage as the ledger writes it (the quota ledger): its changes go into the ledger's own batch, so
 * usage and balances are written together or not at all.
 */
public interface UsageDebits
{
    /** Debits nothing. */
    UsageDebits NONE = new UsageDebits()
    {
        @Override
        public boolean active()
        {
            return false;
        }

        @Override
        public void writeWith(final UsageRows rows, final long nowMs, final Consumer<Consumer<WriteBatch>> write)
        {
            write.accept(batch -> { });
        }

        @Override
        public void tick(final long nowMs)
        {
        }
    };

    /** @return true when some usage is debited: users' usage then goes to the ledger every tick, not every second. */
    boolean active();

    /**
     * Runs {@code write}, the ledger's write of {@code rows}, handing it what to add to its batch; keeps the debits
     * only if the write succeeds (it throws otherwise).
     */
    void writeWith(UsageRows rows, long nowMs, Consumer<Consumer<WriteBatch>> write);

    /** Called on the ledger's thread about every 100 ms: periods end here. */
    void tick(long nowMs);
}
