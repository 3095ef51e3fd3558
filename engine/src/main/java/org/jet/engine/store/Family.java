package org.jet.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The column families of {@link JetStore}: one per kind of state, so each has its own key space, options and
 * compaction. Their names in RocksDB are the lower-case enum names; the order here is irrelevant to RocksDB (families
 * are found by name), so a new family may go anywhere.
 */
public enum Family
{
    /** login → user (JSON). */
    USERS,
    /** cost centre id → cost centre (JSON). */
    COST_CENTRES,
    /** usage counters: 8-byte little-endian unsigned values summed by RocksDB's {@code uint64add} merge operator. */
    USAGE,
    /** small named values: id sequences, checkpoints. */
    METADATA,
    /** sessions (address → user) as the engine last saw them. */
    SESSIONS,
    /** the audit log: big-endian (time ms, sequence) → JSON, see {@link AuditLog}. */
    AUDIT,
    /** quota buckets and balances. */
    QUOTA,
    /** events waiting for their actions (notifications, shaping). */
    OUTBOX,
    /** every event ever emitted, by outbox sequence: what {@code jet events list} shows. */
    EVENTS;

    private final byte[] rocksName = name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);

    /** @return the family's name in RocksDB. */
    byte[] rocksName()
    {
        return rocksName;
    }
}
