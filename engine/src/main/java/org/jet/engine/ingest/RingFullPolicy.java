package org.jet.engine.ingest;

/**
 * What a reader does when the ring has no free slot for a decoded record.
 */
public enum RingFullPolicy
{
    /** Drop the records and count them ({@code jet_ring_full_dropped_records_total}): readers never stall. */
    DROP,
    /** Wait for the engine to free slots: nothing decoded is dropped, the kernel socket buffer absorbs the wait. */
    BLOCK
}
