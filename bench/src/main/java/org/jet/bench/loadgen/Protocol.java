package org.jet.bench.loadgen;

import org.jet.bench.gen.FlowPacketWriter;

/**
 * Export protocols the load generator speaks, with the command line name and the datagram geometry of each.
 */
public enum Protocol
{
    NETFLOW5("netflow5", 24, 48, 30, false),
    NETFLOW9("netflow9", 24, FlowPacketWriter.v9RecordLength(), 1_000, true),
    IPFIX("ipfix", 20, FlowPacketWriter.ipfixRecordLength(), 900, true),
    SFLOW("sflow", 28, 192, 300, false);

    /** UDP payload that fits a 1500-byte Ethernet MTU without fragments: defaults are sized to fit it. */
    public static final int MTU_PAYLOAD = 1472;

    private final String cliName;
    private final int headerLength;
    private final int recordLength;
    private final int maxRecords;
    private final boolean templates;

    Protocol(
        final String cliName,
        final int headerLength,
        final int recordLength,
        final int maxRecords,
        final boolean templates)
    {
        this.cliName = cliName;
        this.headerLength = headerLength;
        this.recordLength = recordLength;
        this.maxRecords = maxRecords;
        this.templates = templates;
    }

    /** @return the name used on the command line and in reports. */
    public String cliName()
    {
        return cliName;
    }

    /** @return true when data needs a template datagram first (v9, IPFIX). */
    public boolean templates()
    {
        return templates;
    }

    /** @return the most records one datagram may carry (v5: 30 by the format; others: 16-bit lengths, 64 KiB). */
    public int maxRecords()
    {
        return maxRecords;
    }

    /** @return the bytes a datagram of {@code records} records takes, headers (and the data set header) included. */
    public int datagramLength(final int records)
    {
        return headerLength + records * recordLength;
    }

    /** @return the most records whose datagram still fits a 1500-byte MTU, at most 30. */
    public int defaultRecordsPerDatagram()
    {
        int records = Math.min(30, maxRecords);
        while (records > 1 && datagramLength(records) > MTU_PAYLOAD)
        {
            records--;
        }
        return records;
    }

    /**
     * @param name a command line name such as {@code netflow9}.
     * @return the protocol.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static Protocol parse(final String name)
    {
        for (final Protocol protocol : values())
        {
            if (protocol.cliName.equalsIgnoreCase(name) || protocol.name().equalsIgnoreCase(name))
            {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "': netflow5, netflow9, ipfix or sflow");
    }
}
