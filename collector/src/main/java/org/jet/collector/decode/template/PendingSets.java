package org.jet.collector.decode.template;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.exporter.Exporter;

/**
 * Data sets of one exporter host that arrived before their template, held in one pre-allocated byte area until the
 * template comes, they time out, or newer ones push them out (oldest first). Each dropped set is counted on its
 * exporter ({@code recordsWithoutTemplate}, one per set: without the template its record count is unknown) and
 * reported to the listener.
 *
 * <p>Entries stay in arrival order; consumed ones are marked dead and squeezed out when room is needed.
 */
final class PendingSets
{
    private static final int DEAD = -1;

    private final DecodeListener listener;
    private final byte[] bytes;
    private final UnsafeBuffer area;
    private final Exporter[] exporters;
    private final long[] domains;
    private final int[] templateIds;
    private final int[] offsets;
    private final int[] lengths;
    private final long[] arrivalMs;
    private final long[] exportMs;
    private final long[] sysUptimeMs;
    private int count;
    private int live;
    private int used;

    PendingSets(final int capacityBytes, final int capacitySets, final DecodeListener listener)
    {
        this.listener = listener;
        this.bytes = new byte[capacityBytes];
        this.area = new UnsafeBuffer(bytes);
        this.exporters = new Exporter[capacitySets];
        this.domains = new long[capacitySets];
        this.templateIds = new int[capacitySets];
        this.offsets = new int[capacitySets];
        this.lengths = new int[capacitySets];
        this.arrivalMs = new long[capacitySets];
        this.exportMs = new long[capacitySets];
        this.sysUptimeMs = new long[capacitySets];
    }

    int size()
    {
        return live;
    }

    /**
     * Copies a data set (records only, without the set header) into the area, dropping the oldest sets when full.
     *
     * @return false when the set is larger than the whole area (the caller drops it).
     */
    boolean add(
        final Exporter exporter,
        final long domain,
        final int templateId,
        final long exportTimeMs,
        final long sysUptime,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long nowMs)
    {
        if (length > bytes.length || exporters.length == 0)
        {
            return false;
        }
        if (count == exporters.length || used + length > bytes.length)
        {
            compact();
        }
        while (count == exporters.length || used + length > bytes.length)
        {
            drop(0);
            compact();
        }

        final int i = count++;
        exporters[i] = exporter;
        domains[i] = domain;
        templateIds[i] = templateId;
        offsets[i] = used;
        lengths[i] = length;
        arrivalMs[i] = nowMs;
        exportMs[i] = exportTimeMs;
        sysUptimeMs[i] = sysUptime;
        buffer.getBytes(offset, bytes, used, length);
        used += length;
        live++;
        return true;
    }

    /**
     * @return true when some live set waits for this template.
     */
    boolean waitsFor(final long domain, final int templateId)
    {
        for (int i = 0; i < count; i++)
        {
            if (templateIds[i] == templateId && domains[i] == domain && lengths[i] != DEAD)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands every set waiting for the template to {@code decoder}, oldest first, and forgets them.
     *
     * @return the number of records decoded.
     */
    int drain(final long domain, final int templateId, final PendingDecoder decoder)
    {
        int records = 0;
        for (int i = 0; i < count; i++)
        {
            if (templateIds[i] == templateId && domains[i] == domain && lengths[i] != DEAD)
            {
                final int offset = offsets[i];
                final int length = lengths[i];
                lengths[i] = DEAD;
                live--;
                records += decoder.decodePending(
                    exporters[i], exportMs[i], sysUptimeMs[i], area, offset, offset + length);
            }
        }
        compact();
        return records;
    }

    /**
     * Drops sets older than {@code timeoutMs}.
     *
     * @return how many were dropped.
     */
    int expire(final long nowMs, final long timeoutMs)
    {
        int dropped = 0;
        for (int i = 0; i < count; i++)
        {
            if (lengths[i] != DEAD && nowMs - arrivalMs[i] > timeoutMs)
            {
                drop(i);
                dropped++;
            }
        }
        if (dropped > 0)
        {
            compact();
        }
        return dropped;
    }

    private void drop(final int i)
    {
        if (lengths[i] == DEAD)
        {
            return;
        }
        lengths[i] = DEAD;
        live--;
        final Exporter exporter = exporters[i];
        exporter.counters().onSetWithoutTemplate();
        listener.onMissingTemplate(exporter, domains[i], templateIds[i], false);
    }

    private void compact()
    {
        int j = 0;
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = lengths[i];
            if (length == DEAD)
            {
                continue;
            }
            if (offsets[i] != at)
            {
                System.arraycopy(bytes, offsets[i], bytes, at, length);
            }
            exporters[j] = exporters[i];
            domains[j] = domains[i];
            templateIds[j] = templateIds[i];
            offsets[j] = at;
            lengths[j] = length;
            arrivalMs[j] = arrivalMs[i];
            exportMs[j] = exportMs[i];
            sysUptimeMs[j] = sysUptimeMs[i];
            at += length;
            j++;
        }
        for (int i = j; i < count; i++)
        {
            exporters[i] = null;
        }
        count = j;
        used = at;
    }

    /**
     * Decodes a held-back set once its template is known.
     */
    interface PendingDecoder
    {
        int decodePending(
            Exporter exporter, long exportTimeMs, long sysUptimeMs, DirectBuffer buffer, int start, int end);
    }
}
