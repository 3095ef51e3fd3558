package org.jet.collector.exporter;

import org.jet.collector.decode.Malformation;

/**
 * What one exporter sent and what was lost of it. Written only by the thread decoding the exporter; other threads
 * read the values as plain (possibly slightly stale) longs.
 */
public final class ExporterCounters
{
    private long datagrams;
    private long records;
    private long malformedDatagrams;
    private long recordsWithoutTemplate;
    private long sequenceGaps;
    private long lostRecords;
    private final long[] malformedByReason = new long[Malformation.values().length];

    public void onDatagram()
    {
        datagrams++;
    }

    public void onRecords(final int count)
    {
        records += count;
    }

    public void onMalformed(final Malformation reason)
    {
        malformedDatagrams++;
        malformedByReason[reason.ordinal()]++;
    }

    public void onRecordsWithoutTemplate(final int count)
    {
        recordsWithoutTemplate += count;
    }

    /**
     * @param missing how many records (NetFlow v9: datagrams, sFlow: samples) the sequence numbers say were lost.
     */
    public void onSequenceGap(final long missing)
    {
        sequenceGaps++;
        lostRecords += missing;
    }

    public long datagrams()
    {
        return datagrams;
    }

    public long records()
    {
        return records;
    }

    public long malformedDatagrams()
    {
        return malformedDatagrams;
    }

    public long malformed(final Malformation reason)
    {
        return malformedByReason[reason.ordinal()];
    }

    public long recordsWithoutTemplate()
    {
        return recordsWithoutTemplate;
    }

    public long sequenceGaps()
    {
        return sequenceGaps;
    }

    /** @return how many units the sequence numbers say went missing (records for IPFIX, datagrams for v9). */
    public long lostRecords()
    {
        return lostRecords;
    }
}
