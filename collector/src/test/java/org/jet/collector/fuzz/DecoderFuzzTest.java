package org.jet.collector.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;


import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;

/**
 * Jazzer fuzz tests, one per decoder of untrusted bytes. {@code mvn test} runs them in regression mode over the
 * inputs kept under {@code src/test/resources/org/jet/collector/fuzz/DecoderFuzzTestInputs/<method>/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl collector test -Dtest=DecoderFuzzTest#netflow9} (one method at a time).
 *
 * <p>Each input is cut into a few datagrams from one exporter, so templates learned from one datagram are used to
 * decode the next (the stateful paths are where collectors break). The properties: no exception escapes, every
 * datagram ends, and no datagram yields more records than its bytes could hold.
 */
class DecoderFuzzTest
{
    private static final int MAX_DATAGRAMS = 4;

    @FuzzTest(maxDuration = "30s")
    void netflow5(final FuzzedDataProvider data)
    {
        decodeWithVersion(data, 0, 5);
    }

    @FuzzTest(maxDuration = "30s")
    void netflow9(final FuzzedDataProvider data)
    {
        decodeWithVersion(data, 0, 9);
    }

    @FuzzTest(maxDuration = "30s")
    void ipfix(final FuzzedDataProvider data)
    {
        decodeWithVersion(data, 0, 10);
    }

    @FuzzTest(maxDuration = "30s")
    void sflow(final FuzzedDataProvider data)
    {
        decodeWithVersion(data, 0, 0, 0, 5);
    }

    /**
     * Any bytes at all, as an unknown exporter would send them: the dispatcher must route or reject each.
     */
    @FuzzTest(maxDuration = "30s")
    void anyDatagram(final FuzzedDataProvider data)
    {
        decodeWithVersion(data);
    }

    private static void decodeWithVersion(final FuzzedDataProvider data, final int... prefix)
    {
        final DecoderConfig config = new DecoderConfig()
            .maxTemplatesPerExporter(32)
            .pendingDatagramsPerExporter(4)
            .pendingBytesPerExporter(16 * 1024);
        final DatagramDecoder decoder = new DatagramDecoder(config, DecodeListener.NONE);
        final Exporter exporter = new ExporterTable(1).lookup(0, 0x0000_ffff_c000_0201L, 2055);
        final RecordCounter counter = new RecordCounter();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);

        final int datagrams = data.consumeInt(1, MAX_DATAGRAMS);
        for (int i = 0; i < datagrams; i++)
        {
            final byte[] body = i == datagrams - 1 ?
                data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 2048));
            final byte[] datagram = new byte[prefix.length + body.length];
            for (int p = 0; p < prefix.length; p++)
            {
                datagram[p] = (byte)prefix[p];
            }
            System.arraycopy(body, 0, datagram, prefix.length, body.length);

            buffer.wrap(datagram);
            counter.records = 0;
            final int delivered = decoder.decode(exporter, buffer, 0, datagram.length, counter);
            assertTrue(delivered == counter.records, "decode() must return what it delivered");
            // Buffered data from earlier datagrams may be decoded now, so bound by everything seen so far.
            assertTrue(delivered <= 64 * 1024, "implausible record count " + delivered);
        }
    }

    private static final class RecordCounter implements FlowSink
    {
        int records;

        @Override
        public void onRecord(final Exporter exporter, final FlowRecord record)
        {
            records++;
        }
    }
}
