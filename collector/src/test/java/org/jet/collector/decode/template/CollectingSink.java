package org.jet.collector.decode.template;

import java.util.ArrayList;
import java.util.List;

import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;

/**
 * Copies every record it is handed.
 */
public final class CollectingSink implements FlowSink
{
    public final List<FlowRecord> records = new ArrayList<>();
    public final List<Exporter> exporters = new ArrayList<>();

    @Override
    public void onRecord(final Exporter exporter, final FlowRecord record)
    {
        final FlowRecord copy = new FlowRecord();
        copy.copyFrom(record);
        records.add(copy);
        exporters.add(exporter);
    }

    public FlowRecord get(final int index)
    {
        return records.get(index);
    }

    public int size()
    {
        return records.size();
    }

    public void clear()
    {
        records.clear();
        exporters.clear();
    }
}
