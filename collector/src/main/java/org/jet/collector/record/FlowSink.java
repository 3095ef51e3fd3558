package org.jet.collector.record;

import org.jet.collector.exporter.Exporter;

/**
 * Receives decoded records. The record is only valid during the call: copy what must be kept.
 */
@FunctionalInterface
public interface FlowSink
{
    /**
     * @param exporter the exporter the record came from.
     * @param record   the decoded record, reused after the call returns.
     */
    void onRecord(Exporter exporter, FlowRecord record);
}
