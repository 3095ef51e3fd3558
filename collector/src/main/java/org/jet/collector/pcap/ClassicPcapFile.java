package org.jet.collector.pcap;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a classic libpcap file: a global header, then packet records. Either byte order, microsecond or
 * nanosecond timestamps.
 *
 * <pre>
 *  global header (24):  magic (4) | major (2) | minor (2) | thiszone (4) | sigfigs (4) | snaplen (4) | linktype (4)
 *  record header (16):  ts seconds (4) | ts micro- or nanoseconds (4) | captured length (4) | original length (4)
 *  record data:         captured length bytes
 * </pre>
 *
 * The link type field carries FCS information in its top bits; only the low 16 bits name the link type.
 */
final class ClassicPcapFile
{
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int MAGIC_MICROS_SWAPPED = 0xd4c3b2a1;
    static final int MAGIC_NANOS_SWAPPED = 0x4d3cb2a1;

    private static final int GLOBAL_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int VERSION_MAJOR_OFFSET = 4;
    private static final int LINK_TYPE_OFFSET = 20;
    private static final int TS_SECONDS_OFFSET = 0;
    private static final int TS_FRACTION_OFFSET = 4;
    private static final int CAPTURED_LENGTH_OFFSET = 8;

    private ClassicPcapFile()
    {
    }

    static boolean isMagic(final int magic)
    {
        return magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == MAGIC_MICROS_SWAPPED ||
            magic == MAGIC_NANOS_SWAPPED;
    }

    /**
     * Reads the rest of the file; the 4 magic bytes are already in {@code bytes}.
     */
    static void read(final CaptureReader reader, final CaptureInput in, final byte[] bytes, final int magic)
        throws CaptureException
    {
        final UnsafeBuffer buffer = reader.buffer();
        final ByteOrder order = magic == MAGIC_MICROS || magic == MAGIC_NANOS ?
            ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        final boolean nanos = magic == MAGIC_NANOS || magic == MAGIC_NANOS_SWAPPED;

        in.readFully(bytes, 4, GLOBAL_HEADER_LENGTH - 4, "pcap file header");
        final int major = buffer.getShort(VERSION_MAJOR_OFFSET, order) & 0xffff;
        if (major != 2)
        {
            throw in.corrupt("unsupported pcap version " + major + "." +
                (buffer.getShort(VERSION_MAJOR_OFFSET + 2, order) & 0xffff), VERSION_MAJOR_OFFSET);
        }
        final int linkType = buffer.getInt(LINK_TYPE_OFFSET, order) & 0xffff;
        if (!LinkType.isSupported(linkType))
        {
            throw in.corrupt("link type " + linkType + " is not supported (Ethernet, Linux cooked SLL/SLL2, " +
                "raw IP and loopback are)", LINK_TYPE_OFFSET);
        }

        for (long frame = 1; !reader.stopped(); frame++)
        {
            final long recordOffset = in.position();
            if (!in.readRecord(bytes, 0, RECORD_HEADER_LENGTH, "header of packet " + frame))
            {
                return;
            }
            final long seconds = buffer.getInt(TS_SECONDS_OFFSET, order) & 0xffff_ffffL;
            final long fraction = buffer.getInt(TS_FRACTION_OFFSET, order) & 0xffff_ffffL;
            final long captured = buffer.getInt(CAPTURED_LENGTH_OFFSET, order) & 0xffff_ffffL;
            if (captured > CaptureReader.MAX_PACKET_LENGTH)
            {
                throw in.corrupt("packet " + frame + " claims " + captured + " captured bytes, more than the " +
                    CaptureReader.MAX_PACKET_LENGTH + "-byte limit: corrupt file", recordOffset);
            }
            in.readFully(bytes, 0, (int)captured, "packet " + frame);
            final long timestampNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
            reader.onFrame(linkType, 0, (int)captured, frame, timestampNanos);
        }
    }
}
