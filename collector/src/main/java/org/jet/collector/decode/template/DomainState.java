package org.jet.collector.decode.template;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * What is known about one observation domain (NetFlow v9 source id) of one exporter host: its templates, the
 * sampling rates its options data announced, its system init time and its sequence numbers.
 */
public final class DomainState
{
    /** Bound on samplers remembered per domain: options data from a hostile exporter must not grow memory. */
    static final int MAX_SAMPLERS = 256;

    /** Sequence numbers further apart than this are a restart, not loss (2^20 datagrams or records). */
    static final int SEQUENCE_RESYNC_DISTANCE = 1 << 20;

    private final long domain;
    final Int2ObjectHashMap<Template> templates = new Int2ObjectHashMap<>();
    final Long2LongHashMap samplerRates = new Long2LongHashMap(8, 0.65f, 0);
    long anyRate;
    long systemInitMs;

    /** Datagrams behind the expected sequence number in a row that mean the exporter restarted its count. */
    static final int SEQUENCE_BEHIND_RESTART = 4;

    private int sequenceExporterId = -1;
    private long expectedSequence;
    private int behindInARow;

    DomainState(final long domain)
    {
        this.domain = domain;
    }

    /** @return the observation domain id / source id. */
    public long domain()
    {
        return domain;
    }

    /**
     * @return the rate announced for {@code samplerId}, 0 when unknown.
     */
    public long samplerRate(final long samplerId)
    {
        return samplerRates.get(samplerId);
    }

    /**
     * @return the rate announced last by any sampler of this domain, 0 when none.
     */
    public long anyRate()
    {
        return anyRate;
    }

    /**
     * @return the exporter's systemInitTimeMilliseconds (IE 160) as last announced, 0 when unknown.
     */
    public long systemInitMs()
    {
        return systemInitMs;
    }

    public int templateCount()
    {
        return templates.size();
    }

    /**
     * Compares a sequence number with the one expected and remembers where the next one should be.
     *
     * <p>Sequence numbers run per transport session, so a new exporter port restarts tracking silently. A number
     * behind the expected one (reordering, duplicate) changes nothing, unless several in a row are (the exporter
     * restarted its count); one too far off either way is a restart.
     *
     * @param exporterId the exporter (address and port) the datagram came from.
     * @param sequence   the header's sequence number (unsigned 32-bit).
     * @return how many units went missing before this datagram, 0 when none or unknown.
     */
    public long checkSequence(final int exporterId, final long sequence)
    {
        if (exporterId != sequenceExporterId)
        {
            return 0;
        }
        final int distance = (int)(sequence - expectedSequence);
        if (distance > 0 && distance <= SEQUENCE_RESYNC_DISTANCE)
        {
            return distance;
        }
        return 0;
    }

    /**
     * Sets where the next sequence number should be.
     *
     * @param exporterId the exporter whose datagram was just decoded.
     * @param sequence   the header's sequence number.
     * @param units      datagrams (NetFlow v9: 1) or data records (IPFIX) the datagram carried; negative when
     *                   unknown (data without template), which suspends tracking until the next datagram.
     */
    public void advanceSequence(final int exporterId, final long sequence, final long units)
    {
        if (units < 0)
        {
            sequenceExporterId = -1;
            return;
        }
        final long next = (sequence + units) & 0xffff_ffffL;
        if (exporterId == sequenceExporterId)
        {
            final int behind = (int)(next - expectedSequence);
            if (behind < 0 && behind >= -SEQUENCE_RESYNC_DISTANCE && ++behindInARow < SEQUENCE_BEHIND_RESTART)
            {
                return; // a late datagram: keep waiting for the newest position
            }
        }
        behindInARow = 0;
        sequenceExporterId = exporterId;
        expectedSequence = next;
    }
}
