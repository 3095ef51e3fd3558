package org.jet.engine.daemon;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/status} answers and {@code jet status} prints: health, rates and every loss counter.
 */
public record DaemonStatus(
    String status,
    String version,
    long uptimeSeconds,
    String transport,
    List<String> listening,
    int readers,
    Rates rates,
    Totals totals,
    Loss loss,
    Ring ring,
    List<ExporterStatus> exporters)
{
    /** Per second, over the last sampling interval. */
    public record Rates(double datagramsPerSecond, double recordsPerSecond, double consumedPerSecond)
    {
    }

    public record Totals(long datagrams, long records, long consumed, long bytes, long packets)
    {
    }

    /**
     * Everything lost or refused, by cause.
     *
     * @param kernelDrops        datagrams the kernel dropped (socket receive buffers full).
     * @param ringFullDrops      records dropped because the ring was full.
     * @param notAllowed         datagrams from exporters not on the allow-list.
     * @param exporterTableFull  datagrams from new exporters beyond decoder.max_exporters.
     * @param malformed          malformed datagrams (all exporters).
     * @param setsWithoutTemplate data sets (NetFlow v9/IPFIX) dropped because their template never came.
     * @param sequenceGaps       gaps seen in sequence numbers (all exporters).
     * @param lostPerSequence    datagrams/records the sequence numbers say never arrived.
     */
    public record Loss(
        long kernelDrops,
        long ringFullDrops,
        long notAllowed,
        long exporterTableFull,
        long malformed,
        long setsWithoutTemplate,
        long sequenceGaps,
        long lostPerSequence)
    {
    }

    public record Ring(int size, long backlog, String whenFull, double latencyP99Ms)
    {
    }

    public record ExporterStatus(
        String exporter,
        int reader,
        long datagrams,
        long records,
        long malformed,
        Map<String, Long> malformedByReason,
        long setsWithoutTemplate,
        long sequenceGaps,
        long lostPerSequence)
    {
    }
}
