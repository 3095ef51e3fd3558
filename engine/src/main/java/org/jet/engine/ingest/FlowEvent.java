package org.jet.engine.ingest;

import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.engine.session.SessionChange;

/**
 * A slot of the ingest ring: either the billing facts of one flow record, or a session change. Pre-allocated once
 * per slot and overwritten in place, so flows travel without allocating.
 *
 * <p>A slot carries only what accounting reads (about 200 bytes), not the whole {@link FlowRecord} (about 70
 * fields): the reader's main cost was storing records into ring memory, so fewer bytes per slot is more records per
 * second. Most flows touch only the first 128 ({@link FlowEventHead}); the rest is written and read only for the
 * records that carry it. The choice of counters is made here, once: delta counters when the record has them, else
 * the NSEL initiator/responder counters as forward/reverse, else the total counters (flagged
 * {@link #COUNTERS_ARE_TOTALS}, for the engine to turn into deltas).
 *
 * <p>Session changes are rare, so a slot refers to the immutable {@link SessionChange} instead of copying it.
 */
public final class FlowEvent extends FlowEventHead
{
    /** The slot holds a flow. */
    public static final int TYPE_FLOW = 0;
    /** The slot holds a {@link SessionChange}. */
    public static final int TYPE_SESSION = 1;
    /** The slot only wakes the engine so it ticks while no flows come. */
    public static final int TYPE_TICK = 2;

    /** The exporter never told its sampling rate; {@link #samplingRate()} is the configured default. */
    public static final int SAMPLING_UNKNOWN = 1;
    /** {@link #bytes()} and {@link #packets()} are running totals for the flow, not deltas. */
    public static final int COUNTERS_ARE_TOTALS = 1 << 1;
    /** The record carries counters of the reverse direction (RFC 5103 biflow or NSEL responder counters). */
    public static final int HAS_REVERSE = 1 << 2;
    /** The record carries post-NAT addresses ({@link #postNatSrcAddrHi()} and the like). */
    public static final int HAS_POST_NAT = 1 << 3;
    /** The record carries a Cisco NSEL firewall event ({@link #firewallEvent()}). */
    public static final int HAS_FIREWALL_EVENT = 1 << 4;
    /** The record says whether it was observed on ingress or egress ({@link #direction()}). */
    public static final int HAS_DIRECTION = 1 << 5;
    /** The record has no byte counter at all (nothing to bill). */
    public static final int NO_COUNTERS = 1 << 6;

    // Only some records carry these, so they follow the fields every flow reads (FlowEventHead), and are written
    // only when the record has them: each getter says under which flag (or type) it is valid.
    private long postNatSrcAddrHi;
    private long postNatSrcAddrLo;
    private long postNatDstAddrHi;
    private long postNatDstAddrLo;
    private long reverseBytes;
    private long reversePackets;
    private long sessionUserId;
    private int direction;
    private int firewallEvent;
    private int observationDomain;
    private SessionChange session;

    /**
     * Fills the slot with the billing facts of a decoded flow record.
     */
    public void setFlow(final FlowRecord record, final int readerId, final int exporterId, final long receivedNanos)
    {
        type = TYPE_FLOW;
        this.readerId = readerId;
        this.exporterId = exporterId;
        this.receivedNanos = receivedNanos;

        final long present = record.presentFields();
        int flags = 0;
        srcAddrHi = record.srcAddrHi();
        srcAddrLo = record.srcAddrLo();
        dstAddrHi = record.dstAddrHi();
        dstAddrLo = record.dstAddrLo();
        srcPort = record.srcPort();
        dstPort = record.dstPort();
        protocol = record.protocol();
        inputIf = (int)record.inputIf();
        outputIf = (int)record.outputIf();
        samplingRate = record.samplingRate();
        startMs = record.startMs();
        endMs = record.endMs();
        if ((present & Field.SAMPLING_UNKNOWN) != 0)
        {
            flags |= SAMPLING_UNKNOWN;
        }
        if ((present & Field.DIRECTION) != 0)
        {
            flags |= HAS_DIRECTION;
            direction = record.direction();
        }

        if ((present & Field.BYTES) != 0)
        {
            bytes = record.bytes();
            packets = record.packets();
            if ((present & Field.REVERSE_BYTES) != 0)
            {
                flags |= HAS_REVERSE;
                reverseBytes = record.reverseBytes();
                reversePackets = record.reversePackets();
            }
        }
        else if ((present & Field.INITIATOR_OCTETS) != 0)
        {
            flags |= HAS_REVERSE;
            bytes = record.initiatorOctets();
            packets = record.initiatorPackets();
            reverseBytes = record.responderOctets();
            reversePackets = record.responderPackets();
        }
        else if ((present & Field.BYTES_TOTAL) != 0)
        {
            flags |= COUNTERS_ARE_TOTALS;
            bytes = record.bytesTotal();
            packets = record.packetsTotal();
        }
        else
        {
            flags |= NO_COUNTERS;
            bytes = 0;
            packets = 0;
        }

        if ((present & (Field.POST_NAT_SRC_ADDR | Field.POST_NAT_DST_ADDR | Field.FIREWALL_EVENT)) != 0)
        {
            flags |= natAndFirewall(record, present);
        }
        if ((flags & (COUNTERS_ARE_TOTALS | HAS_FIREWALL_EVENT)) != 0)
        {
            // Part of the identity of a flow whose counters are running totals; no other flow needs it.
            observationDomain = (int)record.observationDomain();
        }
        this.flags = flags;
    }

    private int natAndFirewall(final FlowRecord record, final long present)
    {
        int flags = 0;
        if ((present & (Field.POST_NAT_SRC_ADDR | Field.POST_NAT_DST_ADDR)) != 0)
        {
            flags |= HAS_POST_NAT;
            // An absent half of the pair means "not translated": the pre-NAT address stands for itself.
            final boolean src = (present & Field.POST_NAT_SRC_ADDR) != 0;
            final boolean dst = (present & Field.POST_NAT_DST_ADDR) != 0;
            postNatSrcAddrHi = src ? record.postNatSrcAddrHi() : srcAddrHi;
            postNatSrcAddrLo = src ? record.postNatSrcAddrLo() : srcAddrLo;
            postNatDstAddrHi = dst ? record.postNatDstAddrHi() : dstAddrHi;
            postNatDstAddrLo = dst ? record.postNatDstAddrLo() : dstAddrLo;
        }
        if ((present & Field.FIREWALL_EVENT) != 0)
        {
            flags |= HAS_FIREWALL_EVENT;
            firewallEvent = record.firewallEvent();
        }
        return flags;
    }

    /**
     * Fills the slot with a session change.
     */
    public void setSession(final SessionChange change, final long userId, final long receivedNanos)
    {
        sessionUserId = userId;
        type = TYPE_SESSION;
        flags = 0;
        readerId = -1;
        exporterId = -1;
        this.receivedNanos = receivedNanos;
        session = change;
    }

    /**
     * Reads a field on each cache line of the head, so that a write to the slot soon after finds the lines in cache.
     *
     * @return a value of no meaning, to be kept so the reads are not optimised away.
     */
    long touchHead()
    {
        // type, packets and outputIf lie at the head's start, middle and end (FlowEventHead): at most 60 bytes apart,
        // so whatever line the slot begins on, every line of its head is read.
        return type + packets + outputIf;
    }

    /**
     * Copies a staged event into this slot: the fields every flow has, and the others only where the staged event's
     * flags (or type) say they are valid, as the getters read them only then.
     */
    void copyFrom(final FlowEvent other)
    {
        final int flags = other.flags;
        type = other.type;
        this.flags = flags;
        readerId = other.readerId;
        exporterId = other.exporterId;
        receivedNanos = other.receivedNanos;
        srcAddrHi = other.srcAddrHi;
        srcAddrLo = other.srcAddrLo;
        dstAddrHi = other.dstAddrHi;
        dstAddrLo = other.dstAddrLo;
        srcPort = other.srcPort;
        dstPort = other.dstPort;
        protocol = other.protocol;
        inputIf = other.inputIf;
        outputIf = other.outputIf;
        bytes = other.bytes;
        packets = other.packets;
        samplingRate = other.samplingRate;
        startMs = other.startMs;
        endMs = other.endMs;
        if (flags != 0)
        {
            copyRareFrom(other, flags);
        }
        if (other.type == TYPE_SESSION)
        {
            session = other.session;
            sessionUserId = other.sessionUserId;
        }
    }

    private void copyRareFrom(final FlowEvent other, final int flags)
    {
        if ((flags & HAS_POST_NAT) != 0)
        {
            postNatSrcAddrHi = other.postNatSrcAddrHi;
            postNatSrcAddrLo = other.postNatSrcAddrLo;
            postNatDstAddrHi = other.postNatDstAddrHi;
            postNatDstAddrLo = other.postNatDstAddrLo;
        }
        if ((flags & HAS_REVERSE) != 0)
        {
            reverseBytes = other.reverseBytes;
            reversePackets = other.reversePackets;
        }
        if ((flags & HAS_DIRECTION) != 0)
        {
            direction = other.direction;
        }
        if ((flags & HAS_FIREWALL_EVENT) != 0)
        {
            firewallEvent = other.firewallEvent;
        }
        if ((flags & (COUNTERS_ARE_TOTALS | HAS_FIREWALL_EVENT)) != 0)
        {
            observationDomain = other.observationDomain;
        }
    }

    /**
     * Makes the slot a tick.
     */
    public void setTick(final long receivedNanos)
    {
        type = TYPE_TICK;
        flags = 0;
        readerId = -1;
        exporterId = -1;
        this.receivedNanos = receivedNanos;
    }

    /** @return {@link #TYPE_FLOW}, {@link #TYPE_SESSION} or {@link #TYPE_TICK}. */
    public int type()
    {
        return type;
    }

    /** @return the session change of a {@link #TYPE_SESSION} slot, else null. */
    public SessionChange session()
    {
        // Not cleared when the slot is reused for a flow (a write to a line flows never touch): the type decides.
        return type == TYPE_SESSION ? session : null;
    }

    /**
     * @return the directory's numeric id of the session change's user (-1 for a source reset); valid in a
     * {@link #TYPE_SESSION} slot.
     */
    public long sessionUserId()
    {
        return sessionUserId;
    }

    /** @return the flag bits ({@link #SAMPLING_UNKNOWN} and the like). */
    public int flags()
    {
        return flags;
    }

    public boolean hasFlag(final int flag)
    {
        return (flags & flag) != 0;
    }

    /** @return which reader decoded the record (exporter ids are per reader). */
    public int readerId()
    {
        return readerId;
    }

    /** @return {@link org.jet.collector.exporter.Exporter#id()} within the reader's exporter table. */
    public int exporterId()
    {
        return exporterId;
    }

    /** @return {@link System#nanoTime()} when the datagram was taken from the socket. */
    public long receivedNanos()
    {
        return receivedNanos;
    }

    public long srcAddrHi()
    {
        return srcAddrHi;
    }

    public long srcAddrLo()
    {
        return srcAddrLo;
    }

    public long dstAddrHi()
    {
        return dstAddrHi;
    }

    public long dstAddrLo()
    {
        return dstAddrLo;
    }

    /**
     * @return the post-NAT source address (the source itself when only the destination was translated), as are the
     * other three post-NAT getters; valid with {@link #HAS_POST_NAT}.
     */
    public long postNatSrcAddrHi()
    {
        return postNatSrcAddrHi;
    }

    public long postNatSrcAddrLo()
    {
        return postNatSrcAddrLo;
    }

    public long postNatDstAddrHi()
    {
        return postNatDstAddrHi;
    }

    public long postNatDstAddrLo()
    {
        return postNatDstAddrLo;
    }

    public int srcPort()
    {
        return srcPort;
    }

    public int dstPort()
    {
        return dstPort;
    }

    public int protocol()
    {
        return protocol;
    }

    /** @return 0 ingress, 1 egress; valid with {@link #HAS_DIRECTION}. */
    public int direction()
    {
        return direction;
    }

    /** @return the NSEL firewall event; valid with {@link #HAS_FIREWALL_EVENT}. */
    public int firewallEvent()
    {
        return firewallEvent;
    }

    /** @return the input interface index (unsigned 32-bit), 0 when unknown. */
    public int inputIf()
    {
        return inputIf;
    }

    /** @return the output interface index (unsigned 32-bit), 0 when unknown. */
    public int outputIf()
    {
        return outputIf;
    }

    /**
     * @return the observation domain or source id (unsigned 32-bit); valid with {@link #COUNTERS_ARE_TOTALS} or
     * {@link #HAS_FIREWALL_EVENT} (it is part of such a flow's identity).
     */
    public int observationDomain()
    {
        return observationDomain;
    }

    /** @return bytes in the flow's direction as encoded, unscaled, unsigned 64-bit. */
    public long bytes()
    {
        return bytes;
    }

    public long packets()
    {
        return packets;
    }

    /** @return bytes in the reverse direction; valid with {@link #HAS_REVERSE}. */
    public long reverseBytes()
    {
        return reverseBytes;
    }

    /** @return packets in the reverse direction; valid with {@link #HAS_REVERSE}. */
    public long reversePackets()
    {
        return reversePackets;
    }

    /** @return the sampling rate to scale by (1 for unsampled). */
    public long samplingRate()
    {
        return samplingRate;
    }

    /** @return flow start, epoch ms, 0 when the record has none. */
    public long startMs()
    {
        return startMs;
    }

    /** @return flow end, epoch ms, 0 when the record has none. */
    public long endMs()
    {
        return endMs;
    }
}
