package org.jet.bench.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowPacketWriterTest
{
    private static final long NOW_MS = 1_790_000_000_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[65_536]);

    @ParameterizedTest
    @ValueSource(strings = {"netflow5", "netflow9", "ipfix", "sflow"})
    void shouldReportTheSumsOfTheDatagramJustWritten(final String protocol)
    {
        final FlowPacketWriter writer = new FlowPacketWriter(100, 1_000);
        final SyntheticDatagrams read = new SyntheticDatagrams();
        long records = 0;
        long bytes = 0;
        long packets = 0;
        for (int i = 0; i < 50; i++)
        {
            final int count = 1 + i % 20;
            final int length = write(writer, protocol, count);
            read.add(protocol, buffer, length);
            assertEquals(count, writer.records());
            records += writer.records();
            bytes += writer.flowBytes();
            packets += writer.flowPackets();
        }
        assertEquals(read.records, records);
        assertEquals(read.bytes, bytes);
        assertEquals(read.packets, packets);
    }

    @Test
    void shouldCountNothingForATemplateDatagram()
    {
        final FlowPacketWriter writer = new FlowPacketWriter(10, 10);
        writer.netflow9Data(buffer, 5, NOW_MS, 1);
        writer.netflow9Template(buffer, NOW_MS, 1);
        assertEquals(0, writer.records());
        assertEquals(0, writer.flowBytes());
        final SyntheticDatagrams read = new SyntheticDatagrams();
        read.add("ipfix", buffer, writer.ipfixTemplate(buffer, NOW_MS, 1));
        assertEquals(1, read.templates);
        assertEquals(0, writer.flowPackets());
    }

    @Test
    void shouldKeepSequenceNumbersPerWriter()
    {
        final FlowPacketWriter first = new FlowPacketWriter(10, 10);
        final FlowPacketWriter second = new FlowPacketWriter(10, 10, 1_000_003);
        first.ipfixData(buffer, 10, NOW_MS, 1);
        first.ipfixData(buffer, 10, NOW_MS, 1);
        assertEquals(10, buffer.getInt(8, ByteOrder.BIG_ENDIAN), "IPFIX sequence counts data records before");
        second.ipfixData(buffer, 10, NOW_MS, 2);
        assertEquals(0, buffer.getInt(8, ByteOrder.BIG_ENDIAN));

        first.netflow5(buffer, 30, NOW_MS);
        first.netflow5(buffer, 30, NOW_MS);
        assertEquals(30, buffer.getInt(16, ByteOrder.BIG_ENDIAN), "v5 sequence counts flows before");
    }

    @Test
    void shouldWriteEngineIdAndSflowAgent()
    {
        final FlowPacketWriter writer = new FlowPacketWriter(10, 10).netflow5Engine(1, 7).sflowAgent(0x7f00_0002, 3);
        writer.netflow5(buffer, 1, NOW_MS);
        assertEquals(1, buffer.getByte(20));
        assertEquals(7, buffer.getByte(21));
        writer.sflow(buffer, 1, NOW_MS, 1);
        assertEquals(0x7f00_0002, buffer.getInt(8, ByteOrder.BIG_ENDIAN));
        assertEquals(3, buffer.getInt(12, ByteOrder.BIG_ENDIAN));
    }

    @Test
    void shouldStartDifferentWritersAtDifferentFlows()
    {
        new FlowPacketWriter(1_000, 1_000).netflow5(buffer, 1, NOW_MS);
        final int firstSource = buffer.getInt(24, ByteOrder.BIG_ENDIAN);
        new FlowPacketWriter(1_000, 1_000, 1_000_003).netflow5(buffer, 1, NOW_MS);
        assertNotEquals(firstSource, buffer.getInt(24, ByteOrder.BIG_ENDIAN));
    }

    @Test
    void shouldDrawInsideAddressesFromTheInternalNetworkItWasGiven()
    {
        final int base = 0x6440_0000; // 100.64.0.0
        final FlowPacketWriter writer = new FlowPacketWriter(1_000, 1_000).internalNetwork(base);
        int downloads = 0;
        for (int datagram = 0; datagram < 10; datagram++)
        {
            writer.netflow5(buffer, 30, NOW_MS);
            for (int i = 0; i < 30; i++)
            {
                final int src = buffer.getInt(24 + i * 48, ByteOrder.BIG_ENDIAN);
                final int dst = buffer.getInt(24 + i * 48 + 4, ByteOrder.BIG_ENDIAN);
                final boolean download = isInside(dst, base);
                downloads += download ? 1 : 0;
                assertTrue(download != isInside(src, base), "one end inside: " + src + " -> " + dst);
                assertEquals(0xc612_0000, (download ? src : dst) & 0xfffe_0000, "the other in 198.18.0.0/15");
            }
        }
        assertEquals(150, downloads, "half downloads");
    }

    private static boolean isInside(final int address, final int base)
    {
        return address - base >= 0 && address - base < 1_000;
    }

    private int write(final FlowPacketWriter writer, final String protocol, final int count)
    {
        switch (protocol)
        {
            case "netflow5":
                return writer.netflow5(buffer, count, NOW_MS);
            case "netflow9":
                return writer.netflow9Data(buffer, count, NOW_MS, 1);
            case "ipfix":
                return writer.ipfixData(buffer, count, NOW_MS, 1);
            default:
                return writer.sflow(buffer, count, NOW_MS, 10);
        }
    }
}
