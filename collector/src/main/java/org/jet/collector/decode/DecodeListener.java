package org.jet.collector.decode;

import org.jet.collector.exporter.Exporter;

/**
 * Told about problems while decoding, on the decoding thread. Implementations must not throw; the exporter's
 * counters are already updated when they are called.
 */
public interface DecodeListener
{
    /** Ignores every report. */
    DecodeListener NONE = new DecodeListener()
    {
    };

    /**
     * A datagram (or part of it, from {@code offset} on) was rejected.
     *
     * @param exporter where the datagram came from.
     * @param reason   why.
     * @param offset   byte offset in the datagram where decoding gave up.
     */
    default void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
    {
    }

    /**
     * Data records arrived for a template that is not (yet) known; they were buffered or dropped.
     *
     * @param exporter          where the data came from.
     * @param observationDomain source id / observation domain.
     * @param templateId        the unknown template.
     * @param buffered          true when held back until the template arrives, false when dropped.
     */
    default void onMissingTemplate(
        final Exporter exporter, final long observationDomain, final int templateId, final boolean buffered)
    {
    }

    /**
     * Sequence numbers show that datagrams, records or samples were lost between exporter and collector.
     *
     * @param missing  how many are missing.
     */
    default void onSequenceGap(final Exporter exporter, final long observationDomain, final long missing)
    {
    }
}
