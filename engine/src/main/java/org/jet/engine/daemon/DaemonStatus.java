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
    List<String> listening,
    int readers,
    Rates rates,
    Totals totals,
    Loss loss,
    Ring ring,
    Accounting accounting,
    Actions actions,
    Quota quota,
    List<ExporterStatus> exporters)
{
    /**
     * @param openSessions      sessions open now.
     * @param flows             flows counted.
     * @param unattributedBytes bytes of internal addresses no session held.
     * @param ledgerBatches     batches written to the ledger.
     * @param ledgerFailures    batches the store refused (kept and retried).
     * @param lastBatchMs       how long the last batch took to write and fold.
     */
    public record Accounting(int openSessions, long flows, long unattributedBytes, long ledgerBatches,
        long ledgerFailures, long lastBatchMs)
    {
    }

    /**
     * @param enabled  the extensions acting on events.
     * @param waiting  events in the outbox.
     * @param outcomes attempts by extension, then outcome (done, failed, refused, gave_up).
     */
    public record Actions(List<String> enabled, long waiting, Map<String, Map<String, Long>> outcomes)
    {
    }

    /**
     * @param users users with a quota (a plan, a top-up or a pool), by state: NORMAL, WARNED, SHAPED, SUSPENDED.
     */
    public record Quota(Map<String, Long> users)
    {
    }

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
     * @param decoderFailures    datagrams the decoder failed on (a bug, logged): their records were dropped.
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
        long decoderFailures,
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
