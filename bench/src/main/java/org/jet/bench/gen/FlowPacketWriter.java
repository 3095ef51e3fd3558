package org.jet.bench.gen;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * Writes synthetic but realistic export datagrams (NetFlow v5, NetFlow v9, IPFIX, sFlow v5) into a buffer, for
 * benchmarks and the load generator. Records cycle through {@code internalHosts} inside addresses (10.0.0.0/8) and
 * {@code externalHosts} outside addresses (198.18.0.0/15, the benchmarking range), half downloads, half uploads.
 *
 * <p>The v9 and IPFIX templates are those of a typical edge router export (Cisco/Juniper style): 5-tuple, tos,
 * tcp flags, 64-bit byte and packet counters, interfaces, AS numbers, masks, next hop and timestamps.
 */
public final class FlowPacketWriter
{
    /** Template id of the data template in v9 and IPFIX datagrams. */
    public static final int TEMPLATE_ID = 256;

    // (element id, length) of the v9/IPFIX data template; 57 bytes per record.
    private static final int[][] TEMPLATE = {
        {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {5, 1}, {6, 1},
        {1, 8}, {2, 8}, {10, 4}, {14, 4}, {16, 4}, {17, 4}, {9, 1}, {13, 1}, {15, 4},
    };
    private static final int[][] V9_TIMES = {{22, 4}, {21, 4}};
    private static final int[][] IPFIX_TIMES = {{152, 8}, {153, 8}};
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private final int internalHosts;
    private final int externalHosts;
    private long flowIndex;
    private long v5Sequence;
    private long v9Sequence;
    private long ipfixSequence;
    private long sflowSequence;
    private long sampleSequence;
    private final long bootMs = System.currentTimeMillis() - 864_000_000L;

    public FlowPacketWriter(final int internalHosts, final int externalHosts)
    {
        this.internalHosts = Math.max(1, internalHosts);
        this.externalHosts = Math.max(1, externalHosts);
    }

    /** @return the bytes one v9 data record takes. */
    public static int v9RecordLength()
    {
        return recordLength(V9_TIMES);
    }

    /** @return the bytes one IPFIX data record takes. */
    public static int ipfixRecordLength()
    {
        return recordLength(IPFIX_TIMES);
    }

    /**
     * NetFlow v5: 24-byte header plus {@code records} (at most 30) 48-byte records.
     *
     * @return the datagram length.
     */
    public int netflow5(final MutableDirectBuffer buffer, final int records, final long nowMs)
    {
        final int count = Math.min(30, records);
        buffer.putShort(0, (short)5, NETWORK);
        buffer.putShort(2, (short)count, NETWORK);
        buffer.putInt(4, (int)uptime(nowMs), NETWORK);
        buffer.putInt(8, (int)(nowMs / 1000), NETWORK);
        buffer.putInt(12, (int)(nowMs % 1000) * 1_000_000, NETWORK);
        buffer.putInt(16, (int)v5Sequence, NETWORK);
        buffer.putByte(20, (byte)0);
        buffer.putByte(21, (byte)0);
        buffer.putShort(22, (short)0, NETWORK);
        v5Sequence += count;
        int offset = 24;
        for (int i = 0; i < count; i++, flowIndex++)
        {
            final boolean download = (flowIndex & 1) == 0;
            final int inside = insideAddress();
            final int outside = outsideAddress();
            buffer.putInt(offset, download ? outside : inside, NETWORK);
            buffer.putInt(offset + 4, download ? inside : outside, NETWORK);
            buffer.putInt(offset + 8, 0xc0a8_0001, NETWORK);
            buffer.putShort(offset + 12, (short)1, NETWORK);
            buffer.putShort(offset + 14, (short)2, NETWORK);
            buffer.putInt(offset + 16, (int)packets(), NETWORK);
            buffer.putInt(offset + 20, (int)bytes(), NETWORK);
            buffer.putInt(offset + 24, (int)uptime(nowMs) - 60_000, NETWORK);
            buffer.putInt(offset + 28, (int)uptime(nowMs) - 1_000, NETWORK);
            buffer.putShort(offset + 32, (short)(download ? 443 : 40_000 + (flowIndex & 0x3ff)), NETWORK);
            buffer.putShort(offset + 34, (short)(download ? 40_000 + (flowIndex & 0x3ff) : 443), NETWORK);
            buffer.putByte(offset + 36, (byte)0);
            buffer.putByte(offset + 37, (byte)0x1b);
            buffer.putByte(offset + 38, (byte)6);
            buffer.putByte(offset + 39, (byte)0);
            buffer.putShort(offset + 40, (short)64_500, NETWORK);
            buffer.putShort(offset + 42, (short)64_501, NETWORK);
            buffer.putByte(offset + 44, (byte)24);
            buffer.putByte(offset + 45, (byte)16);
            buffer.putShort(offset + 46, (short)0, NETWORK);
            offset += 48;
        }
        return offset;
    }

    /**
     * NetFlow v9 datagram with the template flowset only.
     */
    public int netflow9Template(final MutableDirectBuffer buffer, final long nowMs, final int sourceId)
    {
        int offset = netflow9Header(buffer, 1, nowMs, sourceId);
        offset = templateSet(buffer, offset, 0, V9_TIMES);
        return offset;
    }

    /**
     * NetFlow v9 datagram with one data flowset of {@code records} records (templates sent separately).
     */
    public int netflow9Data(final MutableDirectBuffer buffer, final int records, final long nowMs, final int sourceId)
    {
        final int header = netflow9Header(buffer, records, nowMs, sourceId);
        return dataSet(buffer, header, records, nowMs, false);
    }

    /**
     * IPFIX message with the template set only.
     */
    public int ipfixTemplate(final MutableDirectBuffer buffer, final long nowMs, final int domain)
    {
        final int end = templateSet(buffer, 16, 2, IPFIX_TIMES);
        ipfixHeader(buffer, end, nowMs, domain);
        return end;
    }

    /**
     * IPFIX message with one data set of {@code records} records.
     */
    public int ipfixData(final MutableDirectBuffer buffer, final int records, final long nowMs, final int domain)
    {
        final int end = dataSet(buffer, 16, records, nowMs, true);
        ipfixHeader(buffer, end, nowMs, domain);
        ipfixSequence += records;
        return end;
    }

    /**
     * sFlow v5 datagram with {@code samples} flow samples, each a 128-byte Ethernet/IPv4/TCP raw packet header.
     */
    public int sflow(final MutableDirectBuffer buffer, final int samples, final long nowMs, final int samplingRate)
    {
        buffer.putInt(0, 5, NETWORK);
        buffer.putInt(4, 1, NETWORK);
        buffer.putInt(8, 0xc000_0201, NETWORK);
        buffer.putInt(12, 0, NETWORK);
        buffer.putInt(16, (int)sflowSequence++, NETWORK);
        buffer.putInt(20, (int)uptime(nowMs), NETWORK);
        buffer.putInt(24, samples, NETWORK);
        int offset = 28;
        final int headerBytes = 128;
        for (int i = 0; i < samples; i++, flowIndex++)
        {
            final boolean download = (flowIndex & 1) == 0;
            final int inside = insideAddress();
            final int outside = outsideAddress();
            final int frameLength = (int)(64 + (flowIndex * 37) % 1400);
            final int recordLength = 16 + headerBytes;
            final int sampleLength = 32 + 8 + recordLength;
            buffer.putInt(offset, 1, NETWORK);
            buffer.putInt(offset + 4, sampleLength, NETWORK);
            buffer.putInt(offset + 8, (int)sampleSequence++, NETWORK);
            buffer.putInt(offset + 12, 3, NETWORK);
            buffer.putInt(offset + 16, samplingRate, NETWORK);
            buffer.putInt(offset + 20, (int)(sampleSequence * samplingRate), NETWORK);
            buffer.putInt(offset + 24, 0, NETWORK);
            buffer.putInt(offset + 28, 3, NETWORK);
            buffer.putInt(offset + 32, 4, NETWORK);
            buffer.putInt(offset + 36, 1, NETWORK);
            buffer.putInt(offset + 40, 1, NETWORK);
            buffer.putInt(offset + 44, recordLength, NETWORK);
            buffer.putInt(offset + 48, 1, NETWORK);
            buffer.putInt(offset + 52, frameLength, NETWORK);
            buffer.putInt(offset + 56, 4, NETWORK);
            buffer.putInt(offset + 60, headerBytes, NETWORK);
            final int frame = offset + 64;
            buffer.setMemory(frame, headerBytes, (byte)0);
            buffer.putInt(frame, 0x0050_56c0, NETWORK);
            buffer.putShort(frame + 4, (short)0x0001, NETWORK);
            buffer.putInt(frame + 6, 0x0050_56c0, NETWORK);
            buffer.putShort(frame + 10, (short)0x0002, NETWORK);
            buffer.putShort(frame + 12, (short)0x0800, NETWORK);
            final int ip = frame + 14;
            buffer.putByte(ip, (byte)0x45);
            buffer.putShort(ip + 2, (short)(frameLength - 18), NETWORK);
            buffer.putByte(ip + 8, (byte)64);
            buffer.putByte(ip + 9, (byte)6);
            buffer.putInt(ip + 12, download ? outside : inside, NETWORK);
            buffer.putInt(ip + 16, download ? inside : outside, NETWORK);
            final int tcp = ip + 20;
            buffer.putShort(tcp, (short)(download ? 443 : 40_000 + (flowIndex & 0x3ff)), NETWORK);
            buffer.putShort(tcp + 2, (short)(download ? 40_000 + (flowIndex & 0x3ff) : 443), NETWORK);
            buffer.putByte(tcp + 12, (byte)0x50);
            buffer.putByte(tcp + 13, (byte)0x18);
            offset += 8 + sampleLength;
        }
        return offset;
    }

    private int netflow9Header(final MutableDirectBuffer buffer, final int count, final long nowMs, final int sourceId)
    {
        buffer.putShort(0, (short)9, NETWORK);
        buffer.putShort(2, (short)count, NETWORK);
        buffer.putInt(4, (int)uptime(nowMs), NETWORK);
        buffer.putInt(8, (int)(nowMs / 1000), NETWORK);
        buffer.putInt(12, (int)v9Sequence++, NETWORK);
        buffer.putInt(16, sourceId, NETWORK);
        return 20;
    }

    private void ipfixHeader(final MutableDirectBuffer buffer, final int length, final long nowMs, final int domain)
    {
        buffer.putShort(0, (short)10, NETWORK);
        buffer.putShort(2, (short)length, NETWORK);
        buffer.putInt(4, (int)(nowMs / 1000), NETWORK);
        buffer.putInt(8, (int)ipfixSequence, NETWORK);
        buffer.putInt(12, domain, NETWORK);
    }

    private static int templateSet(
        final MutableDirectBuffer buffer, final int start, final int setId, final int[][] times)
    {
        final int fields = TEMPLATE.length + times.length;
        final int length = 4 + 4 + 4 * fields;
        buffer.putShort(start, (short)setId, NETWORK);
        buffer.putShort(start + 2, (short)length, NETWORK);
        buffer.putShort(start + 4, (short)TEMPLATE_ID, NETWORK);
        buffer.putShort(start + 6, (short)fields, NETWORK);
        int offset = start + 8;
        for (final int[] field : TEMPLATE)
        {
            buffer.putShort(offset, (short)field[0], NETWORK);
            buffer.putShort(offset + 2, (short)field[1], NETWORK);
            offset += 4;
        }
        for (final int[] field : times)
        {
            buffer.putShort(offset, (short)field[0], NETWORK);
            buffer.putShort(offset + 2, (short)field[1], NETWORK);
            offset += 4;
        }
        return offset;
    }

    private int dataSet(
        final MutableDirectBuffer buffer, final int start, final int records, final long nowMs, final boolean ipfix)
    {
        final int recordLength = ipfix ? ipfixRecordLength() : v9RecordLength();
        int offset = start + 4;
        for (int i = 0; i < records; i++, flowIndex++)
        {
            final boolean download = (flowIndex & 1) == 0;
            final int inside = insideAddress();
            final int outside = outsideAddress();
            buffer.putInt(offset, download ? outside : inside, NETWORK);
            buffer.putInt(offset + 4, download ? inside : outside, NETWORK);
            buffer.putShort(offset + 8, (short)(download ? 443 : 40_000 + (flowIndex & 0x3ff)), NETWORK);
            buffer.putShort(offset + 10, (short)(download ? 40_000 + (flowIndex & 0x3ff) : 443), NETWORK);
            buffer.putByte(offset + 12, (byte)6);
            buffer.putByte(offset + 13, (byte)0);
            buffer.putByte(offset + 14, (byte)0x1b);
            buffer.putLong(offset + 15, bytes(), NETWORK);
            buffer.putLong(offset + 23, packets(), NETWORK);
            buffer.putInt(offset + 31, 1, NETWORK);
            buffer.putInt(offset + 35, 2, NETWORK);
            buffer.putInt(offset + 39, 64_500, NETWORK);
            buffer.putInt(offset + 43, 64_501, NETWORK);
            buffer.putByte(offset + 47, (byte)24);
            buffer.putByte(offset + 48, (byte)16);
            buffer.putInt(offset + 49, 0xc0a8_0001, NETWORK);
            if (ipfix)
            {
                buffer.putLong(offset + 53, nowMs - 60_000, NETWORK);
                buffer.putLong(offset + 61, nowMs - 1_000, NETWORK);
            }
            else
            {
                buffer.putInt(offset + 53, (int)uptime(nowMs) - 60_000, NETWORK);
                buffer.putInt(offset + 57, (int)uptime(nowMs) - 1_000, NETWORK);
            }
            offset += recordLength;
        }
        buffer.putShort(start, (short)TEMPLATE_ID, NETWORK);
        buffer.putShort(start + 2, (short)(offset - start), NETWORK);
        return offset;
    }

    private static int recordLength(final int[][] times)
    {
        int length = 0;
        for (final int[] field : TEMPLATE)
        {
            length += field[1];
        }
        for (final int[] field : times)
        {
            length += field[1];
        }
        return length;
    }

    private int insideAddress()
    {
        return 0x0a00_0000 | (int)((flowIndex * 2_654_435_761L >>> 8) % internalHosts);
    }

    private int outsideAddress()
    {
        return 0xc612_0000 | (int)((flowIndex * 40_503L) % Math.min(externalHosts, 1 << 17));
    }

    private long bytes()
    {
        return 40 + (flowIndex * 7919) % 150_000;
    }

    private long packets()
    {
        return 1 + (flowIndex * 31) % 100;
    }

    private long uptime(final long nowMs)
    {
        // The router booted ten days before this writer was made: well inside the 32-bit millisecond range.
        return nowMs - bootMs;
    }
}
