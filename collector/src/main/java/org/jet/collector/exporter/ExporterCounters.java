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
    private long setsWithoutTemplate;
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

    /**
     * A data set was dropped because its template never came (held sets decoded later are not counted). Sets, not
     * records: without the template the number of records in it is unknown.
     */
    public void onSetWithoutTemplate()
    {
        setsWithoutTemplate++;
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

    public long setsWithoutTemplate()
    {
        return setsWithoutTemplate;
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
