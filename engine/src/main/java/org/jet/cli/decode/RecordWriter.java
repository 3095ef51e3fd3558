package org.jet.cli.decode;

import java.io.IOException;

import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;

/**
 * Writes decoded records in one output format.
 */
interface RecordWriter
{
    /**
     * @param packet the 0-based index of the datagram that delivered the record.
     */
    void write(Exporter exporter, FlowRecord record, long packet) throws IOException;

    void flush() throws IOException;
}
