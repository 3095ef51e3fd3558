package org.jet.collector.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl collector test -Dtest=DecoderFuzzTest#netflow9} (one method
 * at a time; the corpus it grows goes to {@code .cifuzz-corpus/}, which git ignores).
 *
 * <p>Each input is cut into a few datagrams from one exporter, so templates learned from one datagram are used to
 * decode the next (the stateful paths are where collectors break), and sequence numbers are compared across them.
 * The input format keeps seeds easy to write by hand:
 * <pre>
 *   +-------+------------+---------------+------------+---------------+-- ... --+------------------------+
 *   | count | length 1   | datagram 1    | length 2   | datagram 2    |         | last datagram: the rest |
 *   | 1 B   | 2 B (BE)   | length 1 B    | 2 B (BE)   | length 2 B    |         |                         |
 *   +-------+------------+---------------+------------+---------------+-- ... --+------------------------+
 * </pre>
 * There are {@code 1 + (count & 3)} datagrams; a length beyond what is left takes what is left. A method's fixed
 * version bytes (e.g. {@code 00 05} for NetFlow v5) are put in front of each datagram, so its inputs leave them out;
 * {@link #anyDatagram} adds nothing. A single datagram is thus {@code 00} followed by the datagram.
 *
 * <p>The properties: no exception escapes (with every read bounds-checked, as the tests run, a read past the
 * datagram throws: each datagram is in a buffer of its own length), every datagram ends, and the count returned is
 * the count delivered.
 */
class DecoderFuzzTest
{
    private static final int MAX_DATAGRAMS = 4;

    @FuzzTest(maxDuration = "30s")
    void netflow5(final byte[] data)
    {
        decodeWithVersion(data, 0, 5);
    }

    @FuzzTest(maxDuration = "30s")
    void netflow9(final byte[] data)
    {
        decodeWithVersion(data, 0, 9);
    }

    @FuzzTest(maxDuration = "30s")
    void ipfix(final byte[] data)
    {
        decodeWithVersion(data, 0, 10);
    }

    @FuzzTest(maxDuration = "30s")
    void sflow(final byte[] data)
    {
        decodeWithVersion(data, 0, 0, 0, 5);
    }

    /**
     * Any bytes at all, as an unknown exporter would send them: the dispatcher must route or reject each.
     */
    @FuzzTest(maxDuration = "30s")
    void anyDatagram(final byte[] data)
    {
        decodeWithVersion(data);
    }

    private static void decodeWithVersion(final byte[] data, final int... prefix)
    {
        final DecoderConfig config = new DecoderConfig()
            .maxTemplatesPerExporter(32)
            .pendingDatagramsPerExporter(4)
            .pendingBytesPerExporter(16 * 1024);
        final DatagramDecoder decoder = new DatagramDecoder(config, DecodeListener.NONE);
        final Exporter exporter = new ExporterTable(1).lookup(0, 0x0000_ffff_c000_0201L, 2055);
        final RecordCounter counter = new RecordCounter();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);

        final int datagrams = data.length == 0 ? 1 : 1 + (data[0] & (MAX_DATAGRAMS - 1));
        int cursor = Math.min(1, data.length);
        for (int i = 0; i < datagrams; i++)
        {
            int length = data.length - cursor;
            if (i < datagrams - 1 && length >= 2)
            {
                length = Math.min(((data[cursor] & 0xff) << 8) | (data[cursor + 1] & 0xff), length - 2);
                cursor += 2;
            }
            final byte[] datagram = new byte[prefix.length + length];
            for (int p = 0; p < prefix.length; p++)
            {
                datagram[p] = (byte)prefix[p];
            }
            System.arraycopy(data, cursor, datagram, prefix.length, length);
            cursor += length;

            // A buffer of the datagram's own length: a read past the datagram is a read past the buffer.
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
