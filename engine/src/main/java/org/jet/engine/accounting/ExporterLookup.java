package org.jet.engine.accounting;

import org.jet.collector.exporter.Exporter;

/**
 * Finds an exporter by the ids a ring slot carries: the reader that decoded the flow and the exporter's id in that
 * reader's table.
 */
@FunctionalInterface
public interface ExporterLookup
{
    /** @return the exporter, or null when unknown. */
    Exporter exporter(int readerId, int exporterId);
}
