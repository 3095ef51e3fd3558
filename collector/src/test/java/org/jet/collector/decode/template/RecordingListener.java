package org.jet.collector.decode.template;

import java.util.ArrayList;
import java.util.List;

import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;

/**
 * Remembers what a decoder reported, for assertions.
 */
public final class RecordingListener implements DecodeListener
{
    public final List<Malformation> malformations = new ArrayList<>();
    public final List<Integer> malformationOffsets = new ArrayList<>();
    public int buffered;
    public int dropped;
    public long missing;
    public int gaps;

    @Override
    public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
    {
        malformations.add(reason);
        malformationOffsets.add(offset);
    }

    @Override
    public void onMissingTemplate(
        final Exporter exporter, final long observationDomain, final int templateId, final boolean buffered)
    {
        if (buffered)
        {
            this.buffered++;
        }
        else
        {
            this.dropped++;
        }
    }

    @Override
    public void onSequenceGap(final Exporter exporter, final long observationDomain, final long missing)
    {
        this.missing += missing;
        gaps++;
    }
}
