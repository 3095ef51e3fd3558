package org.jet.collector.decode.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;

class ZeroAllocationTest
{
    private static final int RECORDS_PER_DATAGRAM = 25;
    private static final int DATAGRAMS = 20_000;

    private static final class Sum implements FlowSink
    {
        long bytes;
        long records;

        @Override
        public void onRecord(final Exporter exporter, final FlowRecord record)
        {
            bytes += record.bytes();
            records++;
        }
    }

    @Test
    void shouldNotAllocateWhileDecodingNetflow9()
    {
        assertNoAllocation(DecodeFixtures.netflow9Template(), DecodeFixtures.netflow9Datagram(RECORDS_PER_DATAGRAM));
    }

    @Test
    void shouldNotAllocateWhileDecodingIpfix()
    {
        assertNoAllocation(DecodeFixtures.ipfixTemplate(), DecodeFixtures.ipfixDatagram(RECORDS_PER_DATAGRAM));
    }

    private static void assertNoAllocation(final byte[] template, final byte[] data)
    {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final DatagramDecoder decoder = new DatagramDecoder(new DecoderConfig(), DecodeListener.NONE);
        final Exporter exporter = new ExporterTable(4).lookup(0, IpAddress.mappedLo(0x0a000001), 2055);
        final Sum sink = new Sum();
        decoder.decode(exporter, new UnsafeBuffer(template), 0, template.length, sink);
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        for (int i = 0; i < DATAGRAMS; i++)
        {
            decoder.decode(exporter, buffer, 0, data.length, sink);
        }

        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < DATAGRAMS; i++)
        {
            decoder.decode(exporter, buffer, 0, data.length, sink);
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(2L * DATAGRAMS * RECORDS_PER_DATAGRAM + 1, sink.records);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for " + DATAGRAMS + " datagrams");
    }
}
