package org.jet.collector.pcap;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts IPv4 and IPv6 fragments back together (RFC 791, RFC 8200 4.5), bounded: a fixed number of slots, each at
 * most 65535 bytes, the least recently used slot given up when a new datagram needs one. Big IPFIX and NetFlow v9
 * exports are routinely fragmented, so dropping fragments would lose templates.
 *
 * <p>Overlapping fragments overwrite earlier bytes; a datagram is complete when its last fragment has been seen and
 * every 8-byte unit before its end has arrived.
 */
final class FragmentReassembler
{
    static final int SLOTS = 16;
    static final int MAX_PAYLOAD = 65_535;
    private static final int UNITS = (MAX_PAYLOAD + 7) / 8;

    private final Slot[] slots = new Slot[SLOTS];
    private final CaptureStats stats;
    private final UnsafeBuffer completed = new UnsafeBuffer(new byte[0]);
    private long clock;

    FragmentReassembler(final CaptureStats stats)
    {
        this.stats = stats;
        for (int i = 0; i < SLOTS; i++)
        {
            slots[i] = new Slot();
        }
    }

    /**
     * Adds one fragment.
     *
     * @param offsetBytes where the fragment's data goes in the reassembled payload.
     * @param more        the more-fragments flag.
     * @return the length of the reassembled payload, now in {@link #completed()}, or -1 while incomplete.
     */
    int offer(
        final int ipVersion,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final long id,
        final int protocol,
        final int offsetBytes,
        final boolean more,
        final DirectBuffer buffer,
        final int index,
        final int length)
    {
        stats.fragments++;
        if ((more && (length & 7) != 0) || offsetBytes + length > MAX_PAYLOAD || (more && length == 0))
        {
            stats.fragmentsDropped++;
            return -1;
        }

        final Slot slot = find(ipVersion, srcHi, srcLo, dstHi, dstLo, id, protocol);
        slot.lastUse = ++clock;
        slot.fragments++;

        final int end = offsetBytes + length;
        if (!more)
        {
            if ((slot.totalLength >= 0 && slot.totalLength != end) || end < slot.highest)
            {
                drop(slot);
                return -1;
            }
            slot.totalLength = end;
        }
        else if (slot.totalLength >= 0 && end > slot.totalLength)
        {
            drop(slot);
            return -1;
        }

        buffer.getBytes(index, slot.data, offsetBytes, length);
        slot.highest = Math.max(slot.highest, end);
        final int lastUnit = (end + 7) >>> 3;
        for (int unit = offsetBytes >>> 3; unit < lastUnit; unit++)
        {
            slot.bitmap[unit >>> 6] |= 1L << (unit & 63);
        }

        if (slot.totalLength < 0 || !slot.complete())
        {
            return -1;
        }

        stats.reassembled++;
        slot.inUse = false;
        completed.wrap(slot.data, 0, slot.totalLength);
        return slot.totalLength;
    }

    /**
     * @return the payload of the datagram completed by the last {@link #offer}; valid until the next offer.
     */
    DirectBuffer completed()
    {
        return completed;
    }

    /**
     * Gives up on every incomplete datagram (end of file), counting its fragments as dropped.
     */
    void reset()
    {
        for (final Slot slot : slots)
        {
            if (slot.inUse)
            {
                drop(slot);
            }
        }
    }

    private Slot find(
        final int ipVersion,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final long id,
        final int protocol)
    {
        Slot free = null;
        Slot oldest = null;
        for (final Slot slot : slots)
        {
            if (slot.inUse)
            {
                if (slot.ipVersion == ipVersion && slot.id == id && slot.protocol == protocol &&
                    slot.srcHi == srcHi && slot.srcLo == srcLo && slot.dstHi == dstHi && slot.dstLo == dstLo)
                {
                    return slot;
                }
                if (oldest == null || slot.lastUse < oldest.lastUse)
                {
                    oldest = slot;
                }
            }
            else if (free == null)
            {
                free = slot;
            }
        }

        if (free == null)
        {
            drop(oldest);
            free = oldest;
        }
        free.start(ipVersion, srcHi, srcLo, dstHi, dstLo, id, protocol);
        return free;
    }

    private void drop(final Slot slot)
    {
        stats.fragmentsDropped += slot.fragments;
        slot.inUse = false;
        slot.fragments = 0;
    }

    private static final class Slot
    {
        private final long[] bitmap = new long[(UNITS + 63) / 64];
        private byte[] data;
        private boolean inUse;
        private int ipVersion;
        private long srcHi;
        private long srcLo;
        private long dstHi;
        private long dstLo;
        private long id;
        private int protocol;
        private int totalLength;
        private int highest;
        private int fragments;
        private long lastUse;

        void start(
            final int ipVersion,
            final long srcHi,
            final long srcLo,
            final long dstHi,
            final long dstLo,
            final long id,
            final int protocol)
        {
            if (data == null)
            {
                data = new byte[MAX_PAYLOAD];
            }
            Arrays.fill(bitmap, 0L);
            this.inUse = true;
            this.ipVersion = ipVersion;
            this.srcHi = srcHi;
            this.srcLo = srcLo;
            this.dstHi = dstHi;
            this.dstLo = dstLo;
            this.id = id;
            this.protocol = protocol;
            this.totalLength = -1;
            this.highest = 0;
            this.fragments = 0;
        }

        boolean complete()
        {
            final int units = (totalLength + 7) >>> 3;
            final int fullWords = units >>> 6;
            for (int i = 0; i < fullWords; i++)
            {
                if (bitmap[i] != -1L)
                {
                    return false;
                }
            }
            final int rest = units & 63;
            return rest == 0 || (bitmap[fullWords] & ((1L << rest) - 1)) == ((1L << rest) - 1);
        }
    }
}
