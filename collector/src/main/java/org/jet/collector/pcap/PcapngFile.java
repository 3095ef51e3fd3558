package org.jet.collector.pcap;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a pcapng file (draft-ietf-opsawg-pcapng): sections of blocks, each section in its own byte order, each
 * interface with its own link type and timestamp resolution. Enhanced, simple and (obsolete) packet blocks are
 * read; every other block is skipped.
 *
 * <pre>
 *  block:   type (4) | total length (4) | body ... | total length (4)
 *  SHB 0x0A0D0D0A: byte-order magic 0x1A2B3C4D (4) | major (2) | minor (2) | section length (8) | options
 *  IDB 1:   link type (2) | reserved (2) | snaplen (4) | options (if_tsresol 9, if_tsoffset 14)
 *  EPB 6:   interface (4) | ts high (4) | ts low (4) | captured length (4) | original length (4) | data | options
 *  SPB 3:   original length (4) | data (interface 0, no timestamp)
 *  PB 2:    interface (2) | drops (2) | ts high (4) | ts low (4) | captured length (4) | original length (4) | data
 * </pre>
 */
final class PcapngFile
{
    static final int SECTION_HEADER_BLOCK = 0x0a0d0d0a;
    static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    static final int PACKET_BLOCK = 2;
    static final int SIMPLE_PACKET_BLOCK = 3;
    static final int ENHANCED_PACKET_BLOCK = 6;

    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
    private static final int OPTION_END = 0;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_TSOFFSET = 14;
    /** Wireshark refuses blocks over 16 MiB; anything near this is a corrupt length. */
    private static final long MAX_BLOCK_LENGTH = 64L * 1024 * 1024;
    /** Interfaces per section: a handful in practice; ids beyond are counted as unknown. */
    private static final int MAX_INTERFACES = 1024;
    private static final int BODY_OFFSET = 8;

    private final CaptureReader reader;
    private final CaptureInput in;
    private final byte[] bytes;
    private final UnsafeBuffer buffer;
    private final int[] linkTypes = new int[MAX_INTERFACES];
    private final int[] snapLengths = new int[MAX_INTERFACES];
    private final boolean[] binaryResolution = new boolean[MAX_INTERFACES];
    private final int[] resolutionExponent = new int[MAX_INTERFACES];
    private final long[] offsetSeconds = new long[MAX_INTERFACES];
    private int interfaces;
    private ByteOrder order;
    private long frame;

    private PcapngFile(final CaptureReader reader, final CaptureInput in, final byte[] bytes)
    {
        this.reader = reader;
        this.in = in;
        this.bytes = bytes;
        this.buffer = reader.buffer();
    }

    /**
     * Reads the rest of the file; the first 4 bytes (a section header block type) are already in {@code bytes}.
     */
    static void read(final CaptureReader reader, final CaptureInput in, final byte[] bytes) throws CaptureException
    {
        new PcapngFile(reader, in, bytes).readBlocks();
    }

    private void readBlocks() throws CaptureException
    {
        boolean typeRead = true;
        while (!reader.stopped())
        {
            final long blockOffset = in.position() - (typeRead ? 4 : 0);
            if (!typeRead && !in.readRecord(bytes, 0, 4, "block header"))
            {
                return;
            }
            typeRead = false;

            if (buffer.getInt(0, ByteOrder.BIG_ENDIAN) == SECTION_HEADER_BLOCK)
            {
                sectionHeader(blockOffset);
                continue;
            }

            in.readFully(bytes, 4, 4, "block header");
            final int type = buffer.getInt(0, order);
            final long length = blockLength(blockOffset);
            final int bodyLength = (int)(length - 12);
            if (BODY_OFFSET + bodyLength + 4 > bytes.length)
            {
                tooLarge(type, bodyLength, blockOffset);
                continue;
            }

            in.readFully(bytes, BODY_OFFSET, bodyLength + 4, "block of type " + type);
            checkTrailer(BODY_OFFSET + bodyLength, length, blockOffset);
            switch (type)
            {
                case INTERFACE_DESCRIPTION_BLOCK:
                    interfaceDescription(bodyLength, blockOffset);
                    break;
                case ENHANCED_PACKET_BLOCK:
                    packet(buffer.getInt(BODY_OFFSET, order) & 0xffff_ffffL, BODY_OFFSET + 4, 20, bodyLength,
                        blockOffset);
                    break;
                case PACKET_BLOCK:
                    packet(buffer.getShort(BODY_OFFSET, order) & 0xffff, BODY_OFFSET + 4, 20, bodyLength,
                        blockOffset);
                    break;
                case SIMPLE_PACKET_BLOCK:
                    simplePacket(bodyLength, blockOffset);
                    break;
                default:
                    break;
            }
        }
    }

    private void sectionHeader(final long blockOffset) throws CaptureException
    {
        in.readFully(bytes, 4, 12, "section header block");
        final int magic = buffer.getInt(8, ByteOrder.BIG_ENDIAN);
        if (magic == BYTE_ORDER_MAGIC)
        {
            order = ByteOrder.BIG_ENDIAN;
        }
        else if (magic == BYTE_ORDER_MAGIC_SWAPPED)
        {
            order = ByteOrder.LITTLE_ENDIAN;
        }
        else
        {
            throw in.corrupt(String.format("pcapng section header has a bad byte-order magic 0x%08x", magic),
                blockOffset + 8);
        }
        final long length = blockLength(blockOffset);
        if (length < 28)
        {
            throw in.corrupt("pcapng section header block too short (" + length + " bytes)", blockOffset);
        }
        final int major = buffer.getShort(12, order) & 0xffff;
        if (major != 1)
        {
            throw in.corrupt("unsupported pcapng version " + major + "." + (buffer.getShort(14, order) & 0xffff),
                blockOffset + 12);
        }
        in.skip(length - 16, "section header block");
        interfaces = 0;
    }

    private long blockLength(final long blockOffset) throws CaptureException
    {
        final long length = buffer.getInt(4, order) & 0xffff_ffffL;
        if (length < 12 || (length & 3) != 0 || length > MAX_BLOCK_LENGTH)
        {
            throw in.corrupt("pcapng block length " + length + " is impossible: corrupt file", blockOffset + 4);
        }
        return length;
    }

    private void checkTrailer(final int index, final long length, final long blockOffset) throws CaptureException
    {
        final long trailer = buffer.getInt(index, order) & 0xffff_ffffL;
        if (trailer != length)
        {
            throw in.corrupt("pcapng block length " + length + " and trailing length " + trailer + " differ: " +
                "corrupt file", blockOffset);
        }
    }

    private void tooLarge(final int type, final int bodyLength, final long blockOffset) throws CaptureException
    {
        switch (type)
        {
            case ENHANCED_PACKET_BLOCK:
            case PACKET_BLOCK:
            case SIMPLE_PACKET_BLOCK:
                frame++;
                reader.stats().frames++;
                reader.stats().oversizedPackets++;
                break;
            case INTERFACE_DESCRIPTION_BLOCK:
                throw in.corrupt("pcapng interface description block of " + bodyLength + " bytes: corrupt file",
                    blockOffset);
            default:
                break;
        }
        in.skip(bodyLength + 4L, "block of type " + type);
    }

    private void interfaceDescription(final int bodyLength, final long blockOffset) throws CaptureException
    {
        if (bodyLength < 8)
        {
            throw in.corrupt("pcapng interface description block too short", blockOffset);
        }
        if (interfaces == MAX_INTERFACES)
        {
            return;
        }
        final int id = interfaces++;
        linkTypes[id] = buffer.getShort(BODY_OFFSET, order) & 0xffff;
        snapLengths[id] = buffer.getInt(BODY_OFFSET + 4, order);
        binaryResolution[id] = false;
        resolutionExponent[id] = 6;
        offsetSeconds[id] = 0;

        final int end = BODY_OFFSET + bodyLength;
        int position = BODY_OFFSET + 8;
        while (end - position >= 4)
        {
            final int code = buffer.getShort(position, order) & 0xffff;
            final int length = buffer.getShort(position + 2, order) & 0xffff;
            if (code == OPTION_END)
            {
                break;
            }
            if (length > end - position - 4)
            {
                throw in.corrupt("pcapng interface option " + code + " runs past its block", blockOffset);
            }
            if (code == OPTION_IF_TSRESOL && length >= 1)
            {
                final int value = buffer.getByte(position + 4) & 0xff;
                final boolean binary = (value & 0x80) != 0;
                final int exponent = value & 0x7f;
                // Resolutions finer than 10^-18 s or 2^-62 s do not fit a long: keep the default.
                if ((binary && exponent <= 62) || (!binary && exponent <= 18))
                {
                    binaryResolution[id] = binary;
                    resolutionExponent[id] = exponent;
                }
            }
            else if (code == OPTION_IF_TSOFFSET && length >= 8)
            {
                offsetSeconds[id] = buffer.getLong(position + 4, order);
            }
            position += 4 + ((length + 3) & ~3);
        }
    }

    private void packet(
        final long interfaceId,
        final int timestampIndex,
        final int headerLength,
        final int bodyLength,
        final long blockOffset)
        throws CaptureException
    {
        if (bodyLength < headerLength)
        {
            throw in.corrupt("pcapng packet block too short", blockOffset);
        }
        frame++;
        final long captured = buffer.getInt(timestampIndex + 8, order) & 0xffff_ffffL;
        if (captured > bodyLength - headerLength)
        {
            throw in.corrupt("pcapng packet " + frame + " claims " + captured + " captured bytes, its block holds " +
                (bodyLength - headerLength) + ": corrupt file", blockOffset);
        }
        if (interfaceId >= interfaces)
        {
            reader.stats().frames++;
            reader.stats().unknownInterface++;
            return;
        }
        final int id = (int)interfaceId;
        final long timestamp = ((buffer.getInt(timestampIndex, order) & 0xffff_ffffL) << 32) |
            (buffer.getInt(timestampIndex + 4, order) & 0xffff_ffffL);
        reader.onFrame(linkTypes[id], BODY_OFFSET + headerLength, (int)captured, frame, toNanos(timestamp, id));
    }

    private void simplePacket(final int bodyLength, final long blockOffset) throws CaptureException
    {
        if (bodyLength < 4)
        {
            throw in.corrupt("pcapng simple packet block too short", blockOffset);
        }
        frame++;
        if (interfaces == 0)
        {
            reader.stats().frames++;
            reader.stats().unknownInterface++;
            return;
        }
        long captured = Math.min(buffer.getInt(BODY_OFFSET, order) & 0xffff_ffffL, bodyLength - 4);
        if (snapLengths[0] > 0)
        {
            captured = Math.min(captured, snapLengths[0]);
        }
        reader.onFrame(linkTypes[0], BODY_OFFSET + 4, (int)captured, frame, 0);
    }

    private long toNanos(final long timestamp, final int id)
    {
        final int exponent = resolutionExponent[id];
        final long nanos;
        if (binaryResolution[id])
        {
            final long seconds = timestamp >>> exponent;
            final long fraction = timestamp & ((1L << exponent) - 1);
            nanos = seconds * 1_000_000_000L + (long)(fraction * 1e9 / (double)(1L << exponent));
        }
        else if (exponent <= 9)
        {
            nanos = timestamp * pow10(9 - exponent);
        }
        else
        {
            nanos = Long.divideUnsigned(timestamp, pow10(exponent - 9));
        }
        return nanos + offsetSeconds[id] * 1_000_000_000L;
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
