package org.jet.bench.gen;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Test-side reader of the datagrams {@link FlowPacketWriter} writes: counts records and sums their byte and packet
 * counters independently of the writer's own bookkeeping (and of the collector's decoders).
 */
public final class SyntheticDatagrams
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    public long templates;
    public long records;
    public long bytes;
    public long packets;

    /** Adds one datagram of the given protocol name (netflow5, netflow9, ipfix, sflow). */
    public void add(final String protocol, final DirectBuffer buffer, final int length)
    {
        switch (protocol)
        {
            case "netflow5":
                netflow5(buffer, length);
                break;
            case "netflow9":
                sets(buffer, 20, length, 9, 0, FlowPacketWriter.v9RecordLength());
                break;
            case "ipfix":
                sets(buffer, 16, length, 10, 2, FlowPacketWriter.ipfixRecordLength());
                break;
            case "sflow":
                sflow(buffer, length);
                break;
            default:
                throw new IllegalArgumentException(protocol);
        }
    }

    private void netflow5(final DirectBuffer buffer, final int length)
    {
        check(buffer.getShort(0, NETWORK) == 5, "v5 version");
        final int count = buffer.getShort(2, NETWORK) & 0xffff;
        check(24 + count * 48 == length, "v5 length");
        for (int i = 0; i < count; i++)
        {
            final int record = 24 + i * 48;
            packets += buffer.getInt(record + 16, NETWORK) & 0xffff_ffffL;
            bytes += buffer.getInt(record + 20, NETWORK) & 0xffff_ffffL;
            records++;
        }
    }

    private void sets(
        final DirectBuffer buffer,
        final int headerLength,
        final int length,
        final int version,
        final int templateSetId,
        final int recordLength)
    {
        check(buffer.getShort(0, NETWORK) == version, "version");
        if (version == 10)
        {
            check((buffer.getShort(2, NETWORK) & 0xffff) == length, "IPFIX message length");
        }
        int offset = headerLength;
        while (offset < length)
        {
            final int setId = buffer.getShort(offset, NETWORK) & 0xffff;
            final int setLength = buffer.getShort(offset + 2, NETWORK) & 0xffff;
            check(setLength >= 4 && offset + setLength <= length, "set length");
            if (setId == templateSetId)
            {
                templates++;
            }
            else
            {
                check(setId == FlowPacketWriter.TEMPLATE_ID, "data set id");
                check((setLength - 4) % recordLength == 0, "data set holds whole records");
                for (int record = offset + 4; record < offset + setLength; record += recordLength)
                {
                    bytes += buffer.getLong(record + 15, NETWORK);
                    packets += buffer.getLong(record + 23, NETWORK);
                    records++;
                }
            }
            offset += setLength;
        }
        check(offset == length, "sets fill the datagram");
    }

    private void sflow(final DirectBuffer buffer, final int length)
    {
        check(buffer.getInt(0, NETWORK) == 5, "sFlow version");
        final int samples = buffer.getInt(24, NETWORK);
        int offset = 28;
        for (int i = 0; i < samples; i++)
        {
            check(buffer.getInt(offset, NETWORK) == 1, "flow sample");
            final int sampleLength = buffer.getInt(offset + 4, NETWORK);
            bytes += buffer.getInt(offset + 52, NETWORK);
            packets++;
            records++;
            offset += 8 + sampleLength;
        }
        check(offset == length, "samples fill the datagram");
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError("bad synthetic datagram: " + what);
        }
    }
}
