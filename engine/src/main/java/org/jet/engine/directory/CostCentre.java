package org.jet.engine.directory;

/**
 * A node of the cost-centre tree (faculty → department...). Usage of a cost centre includes its sub-tree's. Stored
 * as JSON (snake_case) in {@code Family.COST_CENTRES} under its id.
 *
 * @param id        short code, {@code [a-z0-9._-]+}, for example {@code eng} or {@code eng.cs}.
 * @param numericId assigned once, never reused: counters and buckets are keyed by it.
 * @param name      what people call it.
 * @param parent    id of the parent, or null for a top-level cost centre.
 */
public record CostCentre(String id, long numericId, String name, String parent)
{
}
