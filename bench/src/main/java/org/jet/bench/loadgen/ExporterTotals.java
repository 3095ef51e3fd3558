package org.jet.bench.loadgen;

/**
 * What one simulated exporter sent, or (from {@link #sum(ExporterTotals[])}) what a whole run sent.
 * Only datagrams the kernel accepted are counted; {@code flowBytes} and {@code flowPackets} are the sums of the
 * byte and packet counters encoded in the records sent (sFlow: frame lengths and one packet per sample, unscaled).
 */
public final class ExporterTotals
{
    private final String source;
    private final int sourceId;
    private final long datagrams;
    private final long records;
    private final long octets;
    private final long flowBytes;
    private final long flowPackets;
    private final long templateDatagrams;
    private final long templateOctets;
    private final long sendErrors;
    private final long sendRetries;
    private final String firstError;

    public ExporterTotals(
        final String source,
        final int sourceId,
        final long datagrams,
        final long records,
        final long octets,
        final long flowBytes,
        final long flowPackets,
        final long templateDatagrams,
        final long templateOctets,
        final long sendErrors,
        final long sendRetries,
        final String firstError)
    {
        this.source = source;
        this.sourceId = sourceId;
        this.datagrams = datagrams;
        this.records = records;
        this.octets = octets;
        this.flowBytes = flowBytes;
        this.flowPackets = flowPackets;
        this.templateDatagrams = templateDatagrams;
        this.templateOctets = templateOctets;
        this.sendErrors = sendErrors;
        this.sendRetries = sendRetries;
        this.firstError = firstError;
    }

    /**
     * @return the totals of all exporters, with source "all" and source id 0, and the first error any of them saw.
     */
    public static ExporterTotals sum(final ExporterTotals[] all)
    {
        long datagrams = 0;
        long records = 0;
        long octets = 0;
        long flowBytes = 0;
        long flowPackets = 0;
        long templateDatagrams = 0;
        long templateOctets = 0;
        long sendErrors = 0;
        long sendRetries = 0;
        String firstError = null;
        for (final ExporterTotals totals : all)
        {
            datagrams += totals.datagrams;
            records += totals.records;
            octets += totals.octets;
            flowBytes += totals.flowBytes;
            flowPackets += totals.flowPackets;
            templateDatagrams += totals.templateDatagrams;
            templateOctets += totals.templateOctets;
            sendErrors += totals.sendErrors;
            sendRetries += totals.sendRetries;
            if (firstError == null)
            {
                firstError = totals.firstError;
            }
        }
        return new ExporterTotals(
            "all", 0, datagrams, records, octets, flowBytes, flowPackets, templateDatagrams, templateOctets,
            sendErrors, sendRetries, firstError);
    }

    /** @return the exporter's local address and port, as the collector sees the source. */
    public String source()
    {
        return source;
    }

    /** @return the v9 source id, IPFIX observation domain or sFlow sub-agent id. */
    public int sourceId()
    {
        return sourceId;
    }

    /** @return data datagrams sent (template-only datagrams are counted in {@link #templateDatagrams()}). */
    public long datagrams()
    {
        return datagrams;
    }

    /** @return flow records sent (sFlow: flow samples). */
    public long records()
    {
        return records;
    }

    /** @return UDP payload bytes of the data datagrams sent. */
    public long octets()
    {
        return octets;
    }

    public long flowBytes()
    {
        return flowBytes;
    }

    public long flowPackets()
    {
        return flowPackets;
    }

    public long templateDatagrams()
    {
        return templateDatagrams;
    }

    public long templateOctets()
    {
        return templateOctets;
    }

    /** @return datagrams that were written but not sent: an error from the socket or a send buffer that stayed full. */
    public long sendErrors()
    {
        return sendErrors;
    }

    /** @return sends that returned 0 (socket buffer full) and were tried again. */
    public long sendRetries()
    {
        return sendRetries;
    }

    /** @return the first send error's description, or null. */
    public String firstError()
    {
        return firstError;
    }
}
