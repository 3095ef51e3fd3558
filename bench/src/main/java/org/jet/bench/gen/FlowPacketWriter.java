package org.jet.bench.gen;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;

/**
 * Writes synthetic but realistic export datagrams (NetFlow v5, NetFlow v9, IPFIX, sFlow v5) into a buffer, for
 * benchmarks and the load generator. Records cycle through {@code internalHosts} inside addresses (10.0.0.0/8 from
 * its base up, or the network {@link #internalNetwork(int)} says) and
 * {@code externalHosts} outside addresses (198.18.0.0/15, the benchmarking range), half downloads, half uploads.
 *
 * <p>The v9 and IPFIX templates are those of a typical edge router export (Cisco/Juniper style): 5-tuple, tos,
 * tcp flags, 64-bit byte and packet counters, interfaces, AS numbers, masks, next hop and timestamps.
 *
 * <p>One writer stands for one exporter: it keeps that exporter's sequence numbers (v5 flow sequence, v9 package
 * sequence, IPFIX data record sequence, sFlow datagram and sample sequences). After each call,
 * {@link #records()}, {@link #flowBytes()} and {@link #flowPackets()} give what the datagram just written carries,
 * so a sender can add them to its totals only once the datagram really left. Writing allocates nothing.
 */
public final class FlowPacketWriter
{
    /** Template id of the data template in v9 and IPFIX datagrams. */
    public static final int TEMPLATE_ID = 256;

    // (element id, length) of the v9/IPFIX data template: 53 bytes, plus 8 (v9) or 16 (IPFIX) of timestamps.
    private static final int[][] TEMPLATE = {
        {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {5, 1}, {6, 1},
        {1, 8}, {2, 8}, {10, 4}, {14, 4}, {16, 4}, {17, 4}, {9, 1}, {13, 1}, {15, 4},
    };
    private static final int[][] V9_TIMES = {{22, 4}, {21, 4}};
    private static final int[][] IPFIX_TIMES = {{152, 8}, {153, 8}};
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final int V9_RECORD_LENGTH = recordLength(V9_TIMES);
    private static final int IPFIX_RECORD_LENGTH = recordLength(IPFIX_TIMES);

    /** First inside address unless {@link #internalNetwork(int)} says otherwise: 10.0.0.0. */
    public static final int DEFAULT_INTERNAL_BASE = 0x0a00_0000;

    /** sFlow agent address written unless {@link #sflowAgent(int, int)} says otherwise: 192.0.2.1. */
    public static final int DEFAULT_SFLOW_AGENT = 0xc000_0201;

    private final int internalHosts;
    private int internalBase = DEFAULT_INTERNAL_BASE;
    private final int externalHosts;
    private long flowIndex;
    private int sflowAgent = DEFAULT_SFLOW_AGENT;
    private int sflowSubAgent;
    private int engineType;
    private int ipProtocol = 6;
    private int engineId;
    private int records;
    private long flowBytes;
    private long flowPackets;
    private long v5Sequence;
    private long v9Sequence;
    private long ipfixSequence;
    private long sflowSequence;
    private long sampleSequence;
    private final long bootMs = System.currentTimeMillis() - 864_000_000L;

    public FlowPacketWriter(final int internalHosts, final int externalHosts)
    {
        this(internalHosts, externalHosts, 0);
    }

    /**
     * @param firstFlow index of the first flow written: exporters given different starting points export different
     *                  address and counter sequences.
     */
    public FlowPacketWriter(final int internalHosts, final int externalHosts, final long firstFlow)
    {
        this.internalHosts = Math.max(1, internalHosts);
        this.externalHosts = Math.min(Math.max(1, externalHosts), 1 << 17);
        this.flowIndex = firstFlow;
    }

    /**
     * Sets the agent address and sub-agent id of the sFlow datagrams, which identify an sFlow exporter.
     *
     * @return this.
     */
    public FlowPacketWriter sflowAgent(final int agentAddress, final int subAgentId)
    {
        this.sflowAgent = agentAddress;
        this.sflowSubAgent = subAgentId;
        return this;
    }

    /**
     * Sets the first inside address: inside addresses are {@code base} + [0, internalHosts). A benchmark population
     * of sessions covers the same addresses, so that every flow has a user.
     *
     * @param base a big-endian IPv4 address.
     * @return this.
     */
    public FlowPacketWriter internalNetwork(final int base)
    {
        this.internalBase = base;
        return this;
    }

    /**
     * Sets the engine type and id of the NetFlow v5 header, which tell exporters behind one address apart.
     *
     * @return this.
     */
    public FlowPacketWriter netflow5Engine(final int engineType, final int engineId)
    {
        this.engineType = engineType & 0xff;
        this.engineId = engineId & 0xff;
        return this;
    }

    /**
     * Sets the IP protocol number of the flows written (default 6, TCP; ports and TCP flags stay as they are). A run
     * can mark records apart, e.g. a trailer of UDP records that pushes buffered TCP records through a collector.
     *
     * @return this.
     */
    public FlowPacketWriter ipProtocol(final int ipProtocol)
    {
        this.ipProtocol = ipProtocol & 0xff;
        return this;
    }

    /** @return flow records (sFlow: flow samples) in the datagram written last; 0 for a template datagram. */
    public int records()
    {
        return records;
    }

    /** @return sum of the byte counters of the datagram written last (sFlow: sampled frame lengths, unscaled). */
    public long flowBytes()
    {
        return flowBytes;
    }

    /** @return sum of the packet counters of the datagram written last (sFlow: one per sample, unscaled). */
    public long flowPackets()
    {
        return flowPackets;
    }

    /** @return the index of the next flow to be written. */
    public long flowIndex()
    {
        return flowIndex;
    }

    /** @return the bytes one v9 data record takes. */
    public static int v9RecordLength()
    {
        return V9_RECORD_LENGTH;
    }

    /** @return the bytes one IPFIX data record takes. */
    public static int ipfixRecordLength()
    {
        return IPFIX_RECORD_LENGTH;
    }

    /**
     * NetFlow v5: 24-byte header plus {@code records} (at most 30) 48-byte records.
     *
     * @return the datagram length.
     */
    public int netflow5(final MutableDirectBuffer buffer, final int records, final long nowMs)
    {
        final int count = Math.min(30, records);
        startDatagram();
        buffer.putShort(0, (short)5, NETWORK);
        buffer.putShort(2, (short)count, NETWORK);
        final int uptime = (int)uptime(nowMs);
        buffer.putInt(4, uptime, NETWORK);
        buffer.putInt(8, (int)(nowMs / 1000), NETWORK);
        buffer.putInt(12, (int)(nowMs % 1000) * 1_000_000, NETWORK);
        buffer.putInt(16, (int)v5Sequence, NETWORK);
        buffer.putByte(20, (byte)engineType);
        buffer.putByte(21, (byte)engineId);
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
            buffer.putInt(offset + 16, (int)countPackets(), NETWORK);
            buffer.putInt(offset + 20, (int)countBytes(), NETWORK);
            buffer.putInt(offset + 24, uptime - 60_000, NETWORK);
            buffer.putInt(offset + 28, uptime - 1_000, NETWORK);
            buffer.putShort(offset + 32, (short)(download ? 443 : 40_000 + (flowIndex & 0x3ff)), NETWORK);
            buffer.putShort(offset + 34, (short)(download ? 40_000 + (flowIndex & 0x3ff) : 443), NETWORK);
            buffer.putByte(offset + 36, (byte)0);
            buffer.putByte(offset + 37, (byte)0x1b);
            buffer.putByte(offset + 38, (byte)ipProtocol);
            buffer.putByte(offset + 39, (byte)0);
            buffer.putShort(offset + 40, (short)64_500, NETWORK);
            buffer.putShort(offset + 42, (short)64_501, NETWORK);
            buffer.putByte(offset + 44, (byte)24);
            buffer.putByte(offset + 45, (byte)16);
            buffer.putShort(offset + 46, (short)0, NETWORK);
            offset += 48;
        }
        this.records = count;
        return offset;
    }

    /**
     * NetFlow v9 datagram with the template flowset only.
     */
    public int netflow9Template(final MutableDirectBuffer buffer, final long nowMs, final int sourceId)
    {
        startDatagram();
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
        startDatagram();
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
        startDatagram();
        buffer.putInt(0, 5, NETWORK);
        buffer.putInt(4, 1, NETWORK);
        buffer.putInt(8, sflowAgent, NETWORK);
        buffer.putInt(12, sflowSubAgent, NETWORK);
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
            // 132..1518 bytes: every frame is longer than the 128-byte header sampled from it, FCS included.
            final int frameLength = (int)(132 + (flowIndex * 37) % 1387);
            flowBytes += frameLength;
            flowPackets++;
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
            buffer.putByte(ip + 9, (byte)ipProtocol);
            buffer.putInt(ip + 12, download ? outside : inside, NETWORK);
            buffer.putInt(ip + 16, download ? inside : outside, NETWORK);
            final int tcp = ip + 20;
            buffer.putShort(tcp, (short)(download ? 443 : 40_000 + (flowIndex & 0x3ff)), NETWORK);
            buffer.putShort(tcp + 2, (short)(download ? 40_000 + (flowIndex & 0x3ff) : 443), NETWORK);
            buffer.putByte(tcp + 12, (byte)0x50);
            buffer.putByte(tcp + 13, (byte)0x18);
            offset += 8 + sampleLength;
        }
        this.records = samples;
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
        startDatagram();
        final int recordLength = ipfix ? ipfixRecordLength() : v9RecordLength();
        final int uptime = (int)uptime(nowMs);
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
            buffer.putByte(offset + 12, (byte)ipProtocol);
            buffer.putByte(offset + 13, (byte)0);
            buffer.putByte(offset + 14, (byte)0x1b);
            buffer.putLong(offset + 15, countBytes(), NETWORK);
            buffer.putLong(offset + 23, countPackets(), NETWORK);
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
                buffer.putInt(offset + 53, uptime - 60_000, NETWORK);
                buffer.putInt(offset + 57, uptime - 1_000, NETWORK);
            }
            offset += recordLength;
        }
        buffer.putShort(start, (short)TEMPLATE_ID, NETWORK);
        buffer.putShort(start + 2, (short)(offset - start), NETWORK);
        this.records = records;
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
        // A multiplicative hash of the flow index mapped onto [0, hosts) by multiply-and-shift, not a division: the
        // load generator writes millions of records a second and a 64-bit division per address showed.
        return internalBase + (int)(((flowIndex * 0x9e37_79b9_7f4a_7c15L) >>> 32) * internalHosts >>> 32);
    }

    private int outsideAddress()
    {
        return 0xc612_0000 | (int)(((flowIndex * 0xc2b2_ae3d_27d4_eb4fL) >>> 32) * externalHosts >>> 32);
    }

    private void startDatagram()
    {
        records = 0;
        flowBytes = 0;
        flowPackets = 0;
    }

    private long countBytes()
    {
        final long bytes = 40 + (flowIndex * 7919) % 150_000;
        flowBytes += bytes;
        return bytes;
    }

    private long countPackets()
    {
        final long packets = 1 + (flowIndex * 31) % 100;
        flowPackets += packets;
        return packets;
    }

    private long uptime(final long nowMs)
    {
        // The router booted ten days before this writer was made: well inside the 32-bit millisecond range.
        return nowMs - bootMs;
    }
}
