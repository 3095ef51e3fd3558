package org.jet.collector.decode.netflow5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Netflow5DecoderTest
{
    private static final long UNIX_SECS = 1_500_000_000L;
    private static final long EXPORT_MS = UNIX_SECS * 1000 + 250;

    private final List<FlowRecord> records = new ArrayList<>();
    private final List<Malformation> malformed = new ArrayList<>();
    private final List<Long> gaps = new ArrayList<>();
    private final DecodeListener listener = new DecodeListener()
    {
        @Override
        public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
        {
            malformed.add(reason);
        }

        @Override
        public void onSequenceGap(final Exporter exporter, final long observationDomain, final long missing)
        {
            gaps.add(missing);
        }
    };
    private final DecoderConfig config = new DecoderConfig().defaultSamplingRate(7);
    private Netflow5Decoder decoder;
    private Exporter exporter;

    @BeforeEach
    void setUp()
    {
        decoder = new Netflow5Decoder(config, listener);
        exporter = new ExporterTable(8).lookup(0, IpAddress.mappedLo(0xc000_0201), 2055);
    }

    @Test
    void shouldDecodeEveryFieldOfARecord()
    {
        final ByteBuffer datagram = header(1, 100_000, 42, 7, 9);
        record(datagram, 0);

        assertEquals(1, decode(datagram));
        final FlowRecord r = records.get(0);
        assertEquals(RecordKind.FLOW, r.kind());
        assertEquals(5, r.version());
        assertEquals("10.0.0.1", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
        assertEquals("192.168.1.2", IpAddress.toString(r.dstAddrHi(), r.dstAddrLo()));
        assertEquals("10.0.0.254", IpAddress.toString(r.nextHopHi(), r.nextHopLo()));
        assertEquals(3, r.inputIf());
        assertEquals(65535, r.outputIf());
        assertEquals(4_000_000_000L, r.packets());
        assertEquals(4_100_000_000L, r.bytes());
        assertEquals(EXPORT_MS - (100_000 - 90_000), r.startMs());
        assertEquals(EXPORT_MS - (100_000 - 95_000), r.endMs());
        assertEquals(443, r.srcPort());
        assertEquals(65000, r.dstPort());
        assertEquals(0x1b, r.tcpFlags());
        assertEquals(6, r.protocol());
        assertEquals(0xb8, r.tos());
        assertEquals(64512, r.srcAs());
        assertEquals(65535, r.dstAs());
        assertEquals(24, r.srcMask());
        assertEquals(32, r.dstMask());
        assertEquals(4, r.ipVersion());
        assertEquals((7 << 8) | 9, r.observationDomain());
        assertTrue(r.has(Field.SAMPLING_RATE | Field.SAMPLING_UNKNOWN));
        assertEquals(7, r.samplingRate());
        assertTrue(malformed.isEmpty());
    }

    @Test
    void shouldConvertUptimeAcrossTheThirtyTwoBitWrap()
    {
        final ByteBuffer datagram = header(1, 1000, 0, 0, 0);
        record(datagram, 0);
        datagram.putInt(24 + Netflow5Record.FIRST_OFFSET, 0xffff_f000);
        datagram.putInt(24 + Netflow5Record.LAST_OFFSET, 500);

        decode(datagram);

        assertEquals(EXPORT_MS - (1000 + 4096), records.get(0).startMs());
        assertEquals(EXPORT_MS - 500, records.get(0).endMs());
    }

    @Test
    void shouldKeepAStampJustAfterTheExportTimeNearTheExportTime()
    {
        final ByteBuffer datagram = header(1, 1000, 0, 0, 0);
        record(datagram, 0);
        datagram.putInt(24 + Netflow5Record.LAST_OFFSET, 1005);

        decode(datagram);

        assertEquals(EXPORT_MS + 5, records.get(0).endMs());
    }

    @Test
    void shouldIgnoreANanosecondResidualOfASecondOrMore()
    {
        final ByteBuffer datagram = header(1, 1000, 0, 0, 0);
        datagram.putInt(Netflow5Header.UNIX_NSECS_OFFSET, 2_000_000_000);
        record(datagram, 0);
        datagram.putInt(24 + Netflow5Record.LAST_OFFSET, 1000);

        decode(datagram);

        assertEquals(UNIX_SECS * 1000, records.get(0).endMs());
    }

    @Test
    void shouldTakeTheSamplingIntervalFromTheHeader()
    {
        assertEquals(100, samplingOf(1, 100));
        assertEquals(1000, samplingOf(0, 1000));
        assertEquals(1, samplingOf(2, 1));
        assertFalse(records.get(records.size() - 1).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldMarkAnIntervalOfZeroAsUnknownWithTheConfiguredDefault()
    {
        assertEquals(7, samplingOf(0, 0));
        assertTrue(records.get(0).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldLetTheExporterOverrideWin()
    {
        exporter.samplingOverride(512);
        assertEquals(512, samplingOf(1, 100));
        assertEquals(512, samplingOf(0, 0));
        assertFalse(records.get(1).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldRejectADatagramWhoseCountExceedsIt()
    {
        final ByteBuffer datagram = ByteBuffer.allocate(24 + 2 * 48);
        fillHeader(datagram, 3, 1000, 0, 0, 0);
        record(datagram, 0);
        record(datagram, 1);

        assertEquals(0, decode(datagram));
        assertTrue(records.isEmpty());
        assertEquals(List.of(Malformation.COUNT_EXCEEDS_DATAGRAM), malformed);
        assertEquals(1, exporter.counters().malformed(Malformation.COUNT_EXCEEDS_DATAGRAM));
    }

    @Test
    void shouldRejectAHugeCountWithoutLooping()
    {
        final ByteBuffer datagram = header(0xffff, 1000, 0, 0, 0);
        record(datagram, 0);

        assertEquals(0, decode(datagram));
        assertEquals(List.of(Malformation.COUNT_EXCEEDS_DATAGRAM), malformed);
    }

    @Test
    void shouldRejectATruncatedHeader()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[23]);
        buffer.putShort(0, (short)5);
        assertEquals(0, decoder.decode(exporter, buffer, 0, 23, (e, r) -> records.add(r)));
        assertEquals(List.of(Malformation.TRUNCATED_HEADER), malformed);
    }

    @Test
    void shouldRejectALengthBeyondTheBufferWithoutReadingPastIt()
    {
        final ByteBuffer datagram = withRecords(header(1, 1000, 0, 0, 0), 1);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram.array());

        assertEquals(0, decoder.decode(exporter, buffer, 0, datagram.capacity() + 48, (e, r) -> records.add(r)));
        assertEquals(0, decoder.decode(exporter, buffer, -1, datagram.capacity(), (e, r) -> records.add(r)));
        assertEquals(List.of(Malformation.TRUNCATED_HEADER, Malformation.TRUNCATED_HEADER), malformed);
        assertTrue(records.isEmpty());
    }

    @Test
    void shouldRejectAnotherVersion()
    {
        final ByteBuffer datagram = withRecords(header(1, 1000, 0, 0, 0), 1);
        datagram.putShort(0, (short)7);
        assertEquals(0, decode(datagram));
        assertEquals(List.of(Malformation.UNKNOWN_VERSION), malformed);
    }

    @Test
    void shouldIgnoreBytesAfterTheLastRecord()
    {
        final ByteBuffer datagram = ByteBuffer.allocate(24 + 48 + 10);
        fillHeader(datagram, 1, 1000, 0, 0, 0);
        record(datagram, 0);

        assertEquals(1, decode(datagram));
        assertTrue(malformed.isEmpty());
    }

    @Test
    void shouldDecodeACountAboveThirtyWhenTheRecordsFit()
    {
        final ByteBuffer datagram = header(31, 1000, 0, 0, 0);
        for (int i = 0; i < 31; i++)
        {
            record(datagram, i);
        }
        assertEquals(31, decode(datagram));
    }

    @Test
    void shouldAcceptAnEmptyDatagram()
    {
        assertEquals(0, decode(header(0, 1000, 0, 0, 0)));
        assertTrue(malformed.isEmpty());
    }

    @Test
    void shouldReportLostFlowsFromTheFlowSequence()
    {
        decode(withRecords(header(2, 1000, 0, 0, 0), 2));
        decode(withRecords(header(2, 1000, 2, 0, 0), 2));
        assertTrue(gaps.isEmpty());

        decode(withRecords(header(1, 1000, 10, 0, 0), 1));

        assertEquals(List.of(6L), gaps);
        assertEquals(1, exporter.counters().sequenceGaps());
        assertEquals(6, exporter.counters().lostRecords());
    }

    @Test
    void shouldTrackEachEngineSeparately()
    {
        decode(withRecords(header(1, 1000, 100, 1, 0), 1));
        decode(withRecords(header(1, 1000, 5000, 2, 0), 1));
        decode(withRecords(header(1, 1000, 101, 1, 0), 1));
        decode(withRecords(header(1, 1000, 5001, 2, 0), 1));
        assertTrue(gaps.isEmpty());
    }

    @Test
    void shouldNotCountAReorderedDatagramTwice()
    {
        decode(withRecords(header(1, 1000, 0, 0, 0), 1));
        decode(withRecords(header(1, 1000, 2, 0, 0), 1));
        decode(withRecords(header(1, 1000, 1, 0, 0), 1));
        decode(withRecords(header(1, 1000, 3, 0, 0), 1));
        assertEquals(List.of(1L), gaps);
    }

    @Test
    void shouldStartAfreshAfterAnExporterRestart()
    {
        decode(withRecords(header(1, 1000, 1_000_000, 0, 0), 1));
        decode(withRecords(header(1, 1000, 0, 0, 0), 1));
        decode(withRecords(header(1, 1000, 1, 0, 0), 1));
        assertTrue(gaps.isEmpty());
    }

    @Test
    void shouldFollowTheSequenceAcrossItsWrap()
    {
        decode(withRecords(header(2, 1000, 0xffff_ffffL, 0, 0), 2));
        decode(withRecords(header(1, 1000, 1, 0, 0), 1));
        assertTrue(gaps.isEmpty());
    }

    @Test
    void shouldBeReachedThroughTheDatagramDecoder()
    {
        final DatagramDecoder dispatcher = new DatagramDecoder(config, listener);
        final ByteBuffer datagram = withRecords(header(2, 1000, 0, 0, 0), 2);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram.array());
        assertEquals(2, dispatcher.decode(exporter, buffer, 0, datagram.capacity(), (e, r) -> records.add(copy(r))));
        assertEquals(2, exporter.counters().records());
    }

    @Test
    void shouldNeverThrowOnTruncatedOrCorruptedDatagrams()
    {
        final ByteBuffer valid = withRecords(header(3, 1000, 0, 0, 0), 3);
        final byte[] bytes = valid.array();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length]);
        for (int length = 0; length <= bytes.length; length++)
        {
            buffer.putBytes(0, bytes, 0, length);
            decoder.decode(exporter, buffer, 0, length, (e, r) -> { });
        }
        final Random random = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            buffer.putBytes(0, bytes);
            buffer.putByte(random.nextInt(bytes.length), (byte)random.nextInt());
            buffer.putByte(random.nextInt(4), (byte)random.nextInt());
            decoder.decode(exporter, buffer, 0, random.nextInt(bytes.length + 1), (e, r) -> { });
        }
    }

    @Test
    void shouldNotAllocateWhileDecoding()
    {
        final ByteBuffer datagram = withRecords(header(30, 1000, 0, 0, 0), 30);
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram.array());
        final long[] sum = new long[1];
        final FlowSink sink = (e, r) -> sum[0] += r.bytes();
        for (int i = 0; i < 200_000; i++)
        {
            buffer.putInt(Netflow5Header.FLOW_SEQUENCE_OFFSET, i * 30, ByteOrder.BIG_ENDIAN);
            decoder.decode(exporter, buffer, 0, datagram.capacity(), sink);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++)
        {
            buffer.putInt(Netflow5Header.FLOW_SEQUENCE_OFFSET, (200_000 + i) * 30, ByteOrder.BIG_ENDIAN);
            decoder.decode(exporter, buffer, 0, datagram.capacity(), sink);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 600k records");
        assertTrue(sum[0] > 0);
        assertTrue(gaps.isEmpty());
    }

    private long samplingOf(final int mode, final int interval)
    {
        final ByteBuffer datagram = header(1, 1000, 0, 0, 0);
        datagram.putShort(Netflow5Header.SAMPLING_OFFSET, (short)((mode << 14) | interval));
        record(datagram, 0);
        decode(datagram);
        return records.get(records.size() - 1).samplingRate();
    }

    private int decode(final ByteBuffer datagram)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram.array());
        return decoder.decode(exporter, buffer, 0, datagram.capacity(), (e, r) -> records.add(copy(r)));
    }

    private static FlowRecord copy(final FlowRecord record)
    {
        final FlowRecord copy = new FlowRecord();
        copy.copyFrom(record);
        return copy;
    }

    private static ByteBuffer header(
        final int count, final long sysUptime, final long sequence, final int engineType, final int engineId)
    {
        final ByteBuffer datagram = ByteBuffer.allocate(24 + Math.min(count, 40) * 48);
        fillHeader(datagram, count, sysUptime, sequence, engineType, engineId);
        return datagram;
    }

    private static void fillHeader(
        final ByteBuffer datagram,
        final int count,
        final long sysUptime,
        final long sequence,
        final int engineType,
        final int engineId)
    {
        datagram.putShort(0, (short)5);
        datagram.putShort(2, (short)count);
        datagram.putInt(4, (int)sysUptime);
        datagram.putInt(8, (int)UNIX_SECS);
        datagram.putInt(12, 250_000_000);
        datagram.putInt(16, (int)sequence);
        datagram.put(20, (byte)engineType);
        datagram.put(21, (byte)engineId);
    }

    private static ByteBuffer withRecords(final ByteBuffer datagram, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            record(datagram, i);
        }
        return datagram;
    }

    private static void record(final ByteBuffer datagram, final int index)
    {
        final int at = 24 + index * 48;
        datagram.putInt(at, 0x0a00_0001);
        datagram.putInt(at + 4, 0xc0a8_0102);
        datagram.putInt(at + 8, 0x0a00_00fe);
        datagram.putShort(at + 12, (short)3);
        datagram.putShort(at + 14, (short)65535);
        datagram.putInt(at + 16, (int)4_000_000_000L);
        datagram.putInt(at + 20, (int)4_100_000_000L);
        datagram.putInt(at + 24, 90_000);
        datagram.putInt(at + 28, 95_000);
        datagram.putShort(at + 32, (short)443);
        datagram.putShort(at + 34, (short)65000);
        datagram.put(at + 37, (byte)0x1b);
        datagram.put(at + 38, (byte)6);
        datagram.put(at + 39, (byte)0xb8);
        datagram.putShort(at + 40, (short)64512);
        datagram.putShort(at + 42, (short)65535);
        datagram.put(at + 44, (byte)24);
        datagram.put(at + 45, (byte)32);
    }
}
