package org.jet.collector.decode.ipfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.decode.template.CollectingSink;
import org.jet.collector.decode.template.PacketBuilder;
import org.jet.collector.decode.template.RecordingListener;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;
import org.junit.jupiter.api.Test;

class IpfixDecoderTest
{
    private static final long EXPORT_TIME = 1_700_000_000L;
    private static final long PEN_REVERSE = 29305;

    private final long[] now = {EXPORT_TIME * 1000};
    private final DecoderConfig config = new DecoderConfig().clock(() -> now[0]);
    private final RecordingListener listener = new RecordingListener();
    private final CollectingSink sink = new CollectingSink();
    private final ExporterTable exporters = new ExporterTable(16);
    private final Exporter exporter = exporters.lookup(0, IpAddress.mappedLo(0xc0000201), 4739);
    private IpfixDecoder decoder = new IpfixDecoder(config, listener);

    @Test
    void shouldDecodeTemplateAndDataInOneMessage()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 7);
        message.set(2).u16(300).u16(8).u16(27).u16(16).u16(28).u16(16).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1)
            .u16(1).u16(8).u16(152).u16(8).u16(153).u16(8).endSet();
        message.set(300).ip("2001:db8::1").ip("2001:db8::2").u16(443).u16(50000).u8(6).u64(123_456_789_012L)
            .u64(1_699_999_990_000L).u64(1_699_999_999_500L).endSet();

        assertEquals(1, decode(message));
        final FlowRecord record = sink.get(0);
        assertEquals(10, record.version());
        assertEquals(7, record.observationDomain());
        assertEquals("2001:db8::1", IpAddress.toString(record.srcAddrHi(), record.srcAddrLo()));
        assertEquals("2001:db8::2", IpAddress.toString(record.dstAddrHi(), record.dstAddrLo()));
        assertEquals(443, record.srcPort());
        assertEquals(50000, record.dstPort());
        assertEquals(6, record.protocol());
        assertEquals(123_456_789_012L, record.bytes());
        assertEquals(1_699_999_990_000L, record.startMs());
        assertEquals(1_699_999_999_500L, record.endMs());
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldDecodeVariableLengthFieldsInShortAndLongForm()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(4).u16(8).u16(4).u16(82).u16(65535).u16(1).u16(4).u16(83).u16(65535).endSet();
        message.set(300);
        message.ip("10.0.0.1").u8(4).bytes("eth0".getBytes()).u32(1000).u8(0);
        message.ip("10.0.0.2").u8(255).u16(300).zeros(300).u32(2000).u8(1).u8('x');
        message.endSet(4);

        assertEquals(2, decode(message));
        assertEquals(1000, sink.get(0).bytes());
        assertEquals(2000, sink.get(1).bytes());
        assertEquals("10.0.0.2", IpAddress.toString(sink.get(1).srcAddrHi(), sink.get(1).srcAddrLo()));
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldReportAVariableLengthFieldRunningPastItsSet()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(2).u16(1).u16(4).u16(82).u16(65535).endSet();
        message.set(300).u32(5).u8(1).u8('a').u32(6).u8(200).zeros(10).endSet();
        assertEquals(1, decode(message));
        assertEquals(5, sink.get(0).bytes());
        assertEquals(Malformation.BAD_VARIABLE_LENGTH, listener.malformations.get(0));
    }

    @Test
    void shouldMapReverseBiflowCountersAndSkipOtherEnterpriseElements()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(5).u16(8).u16(4)
            .u16(0x8000 | 1).u16(8).u32(9)
            .u16(1).u16(8)
            .u16(0x8000 | 1).u16(8).u32(PEN_REVERSE)
            .u16(0x8000 | 2).u16(4).u32(PEN_REVERSE).endSet();
        message.set(300).ip("10.0.0.1").u64(999).u64(24268).u64(1674).u32(26).endSet();

        decode(message);
        final FlowRecord record = sink.get(0);
        assertEquals(24268, record.bytes());
        assertEquals(1674, record.reverseBytes());
        assertEquals(26, record.reversePackets());
        assertFalse(record.has(Field.PACKETS));
    }

    @Test
    void shouldLearnPsampSamplingFromOptionsDataAndApplyItBySelectorId()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 33312);
        // Cisco IOS XR: scope selectorId 302; samplingPacketInterval 305, samplingSize 309, samplingPopulation 310
        message.set(3).u16(257).u16(4).u16(1).u16(302).u16(4).u16(305).u16(4).u16(309).u16(4).u16(310).u16(4)
            .endSet();
        message.set(257).u32(1).u32(1).u32(1).u32(256).u32(2).u32(1).u32(1).u32(1024).endSet();
        message.set(2).u16(300).u16(3).u16(8).u16(4).u16(1).u16(4).u16(302).u16(4).endSet();
        message.set(300).ip("10.0.0.1").u32(100).u32(2).ip("10.0.0.2").u32(100).u32(1).endSet();

        assertEquals(4, decode(message));
        assertEquals(RecordKind.OPTIONS, sink.get(0).kind());
        assertEquals(256, sink.get(0).samplingRate());
        assertEquals(1024, sink.get(2).samplingRate());
        assertEquals(2, sink.get(2).samplerId());
        assertEquals(256, sink.get(3).samplingRate());
    }

    @Test
    void shouldApplyADomainWideSamplingIntervalToRecordsWithoutSamplerId()
    {
        final PacketBuilder options = PacketBuilder.ipfix(EXPORT_TIME, 0, 1);
        // Juniper: scope exportingProcessId 144, samplingInterval 34
        options.set(3).u16(512).u16(2).u16(1).u16(144).u16(4).u16(34).u16(4).endSet();
        options.set(512).u32(1).u32(1000).endSet();
        decode(options);

        final PacketBuilder data = PacketBuilder.ipfix(EXPORT_TIME, 1, 1);
        data.set(2).u16(300).u16(2).u16(8).u16(4).u16(1).u16(4).endSet();
        data.set(300).ip("10.0.0.1").u32(100).endSet();
        decode(data);
        assertEquals(1000, sink.get(1).samplingRate());
        assertFalse(sink.get(1).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldComputeSamplingRateFromPacketIntervalAndSpace()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(3).u16(256).u16(3).u16(1).u16(143).u16(4).u16(305).u16(2).u16(306).u16(4).endSet();
        message.set(256).u32(1).u16(1).u32(99).endSet(4);
        decode(message);
        assertEquals(100, sink.get(0).samplingRate());
    }

    @Test
    void shouldWithdrawOneTemplateOrAllTemplatesOfAKind()
    {
        final PacketBuilder define = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        define.set(2).u16(300).u16(1).u16(1).u16(4).u16(301).u16(1).u16(2).u16(4).u16(302).u16(1).u16(8).u16(4)
            .endSet();
        define.set(3).u16(400).u16(1).u16(1).u16(34).u16(4).endSet();
        decode(define);
        assertEquals(4, decoder.templates().templateCount());

        final PacketBuilder withdrawOne = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        withdrawOne.set(2).u16(300).u16(0).endSet();
        decode(withdrawOne);
        assertEquals(3, decoder.templates().templateCount());

        final PacketBuilder withdrawAllData = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        withdrawAllData.set(2).u16(2).u16(0).endSet();
        decode(withdrawAllData);
        assertEquals(1, decoder.templates().templateCount(), "the options template stays");

        final PacketBuilder data = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        data.set(301).u32(5).endSet();
        assertEquals(0, decode(data));
        assertEquals(1, listener.buffered);

        final PacketBuilder withdrawAllOptions = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        withdrawAllOptions.set(3).u16(3).u16(0).endSet();
        decode(withdrawAllOptions);
        assertEquals(0, decoder.templates().templateCount());
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldDecodeSeveralSetsWithPaddingAndSeveralMessagesInOneDatagram()
    {
        final PacketBuilder datagram = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        datagram.set(2).u16(300).u16(2).u16(8).u16(4).u16(4).u16(1).endSet(4);
        datagram.set(300).ip("10.0.0.1").u8(6).ip("10.0.0.2").u8(17).endSet(8);
        datagram.set(300).ip("10.0.0.3").u8(1).endSet(4);
        datagram.ipfixMessage(EXPORT_TIME, 3, 0);
        datagram.set(300).ip("10.0.0.4").u8(6).endSet();

        assertEquals(4, decode(datagram));
        assertEquals(17, sink.get(1).protocol());
        assertEquals("10.0.0.4", IpAddress.toString(sink.get(3).srcAddrHi(), sink.get(3).srcAddrLo()));
        assertEquals(0, listener.gaps);
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldRejectAMessageLongerThanItsDatagramButKeepItsWholeSets()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(1).u16(1).u16(4).endSet();
        message.set(300).u32(10).u32(20).endSet();
        message.set(300).u32(30).u32(40).endSet();
        final byte[] bytes = message.build();
        final int cut = bytes.length - 3;
        assertEquals(2, decoder.decode(exporter, new UnsafeBuffer(bytes), 0, cut, sink));
        assertEquals(Malformation.LENGTH_MISMATCH, listener.malformations.get(0));
        assertEquals(1, listener.malformations.size());
    }

    @Test
    void shouldRejectAMessageLengthShorterThanItsHeader()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(1).u16(1).u16(4).endSet();
        final byte[] bytes = message.build();
        bytes[2] = 0;
        bytes[3] = 8;
        assertEquals(0, decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, sink));
        assertEquals(Malformation.LENGTH_MISMATCH, listener.malformations.get(0));
    }

    @Test
    void shouldReadSetsPastAMessageLengthThatFallsShort()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(1).u16(1).u16(4).endSet();
        message.set(300).u32(10).endSet();
        message.set(300).u32(20).endSet();
        final byte[] bytes = message.build();
        bytes[3] -= 2;
        assertEquals(2, decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, sink));
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldCountSequenceNumbersInDataRecords()
    {
        final PacketBuilder template = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        template.set(2).u16(300).u16(1).u16(1).u16(4).endSet();
        template.set(300).u32(1).u32(2).u32(3).endSet();
        decode(template);
        final PacketBuilder next = PacketBuilder.ipfix(EXPORT_TIME, 3, 0);
        next.set(300).u32(1).u32(2).endSet();
        decode(next);
        assertEquals(0, listener.gaps);

        final PacketBuilder afterLoss = PacketBuilder.ipfix(EXPORT_TIME, 15, 0);
        afterLoss.set(300).u32(1).endSet();
        decode(afterLoss);
        assertEquals(1, listener.gaps);
        assertEquals(10, listener.missing);

        final PacketBuilder late = PacketBuilder.ipfix(EXPORT_TIME, 8, 0);
        late.set(300).u32(1).endSet();
        decode(late);
        final PacketBuilder onTime = PacketBuilder.ipfix(EXPORT_TIME, 16, 0);
        onTime.set(300).u32(1).endSet();
        decode(onTime);
        assertEquals(1, listener.gaps);
    }

    @Test
    void shouldSuspendSequenceTrackingAfterDataWithoutTemplate()
    {
        final PacketBuilder unknown = PacketBuilder.ipfix(EXPORT_TIME, 100, 0);
        unknown.set(300).u32(1).u32(2).endSet();
        decode(unknown);
        final PacketBuilder next = PacketBuilder.ipfix(EXPORT_TIME, 102, 0);
        next.set(2).u16(300).u16(1).u16(1).u16(4).endSet();
        decode(next);
        assertEquals(0, listener.gaps);
        assertEquals(2, sink.size(), "held data decoded when its template came");
    }

    @Test
    void shouldComputeTimesFromEveryKindOfTimeElement()
    {
        final long exportMs = EXPORT_TIME * 1000;
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2)
            .u16(301).u16(2).u16(150).u16(4).u16(151).u16(4)
            .u16(302).u16(2).u16(154).u16(8).u16(155).u16(8)
            .u16(303).u16(2).u16(158).u16(4).u16(159).u16(4)
            .u16(304).u16(3).u16(22).u16(4).u16(21).u16(4).u16(160).u16(8)
            .u16(305).u16(2).u16(22).u16(4).u16(21).u16(4)
            .u16(306).u16(1).u16(8).u16(4)
            .endSet();
        message.set(301).u32(EXPORT_TIME - 60).u32(EXPORT_TIME - 1).endSet();
        message.set(302).u64(ntp(exportMs - 2500)).u64(ntp(exportMs - 500)).endSet();
        message.set(303).u32(3_000_000).u32(1_000_000).endSet();
        message.set(304).u32(1000).u32(5000).u64(exportMs - 100_000).endSet();
        message.set(305).u32(1000).u32(5000).endSet();
        message.set(306).ip("10.0.0.1").endSet();
        decode(message);

        assertEquals(exportMs - 60_000, sink.get(0).startMs());
        assertEquals(exportMs - 1000, sink.get(0).endMs());
        assertEquals(exportMs - 2500, sink.get(1).startMs());
        assertEquals(exportMs - 500, sink.get(1).endMs());
        assertEquals(exportMs - 3000, sink.get(2).startMs());
        assertEquals(exportMs - 1000, sink.get(2).endMs());
        assertEquals(exportMs - 99_000, sink.get(3).startMs());
        assertEquals(exportMs - 95_000, sink.get(3).endMs());
        // the domain learned systemInitTimeMilliseconds from the record before
        assertEquals(exportMs - 99_000, sink.get(4).startMs());
        assertEquals(exportMs, sink.get(5).startMs());
        assertEquals(exportMs, sink.get(5).endMs());
    }

    @Test
    void shouldEndAtTheExportTimeWhenUptimeTimesHaveNoAnchor()
    {
        final long exportMs = EXPORT_TIME * 1000;
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(2).u16(22).u16(4).u16(21).u16(4).endSet();
        message.set(300).u32(1000).u32(5000).endSet();
        decode(message);
        assertEquals(exportMs - 4000, sink.get(0).startMs());
        assertEquals(exportMs, sink.get(0).endMs());
    }

    @Test
    void shouldRejectOptionsTemplatesWithoutScopeAndReservedSetIds()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(3).u16(300).u16(1).u16(0).u16(34).u16(4).endSet();
        message.set(5).u32(0).endSet();
        message.set(2).u16(301).u16(1).u16(1).u16(4).endSet();
        message.set(301).u32(5).endSet();
        assertEquals(1, decode(message));
        assertEquals(Malformation.BAD_TEMPLATE, listener.malformations.get(0));
        assertEquals(Malformation.BAD_SET_ID, listener.malformations.get(1));
    }

    @Test
    void shouldPreferTheLogicalInterfaceOverThePhysicalOne()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(3).u16(252).u16(4).u16(10).u16(4).u16(253).u16(4).endSet();
        message.set(300).u32(1).u32(2).u32(3).endSet();
        decode(message);
        assertEquals(2, sink.get(0).inputIf());
        assertEquals(3, sink.get(0).outputIf());
    }

    @Test
    void shouldBoundTheWorkOfTemplatesMadeOfEmptyFields()
    {
        // 500 zero-length fields and one variable-length field: every record is a single length byte
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(501);
        for (int i = 0; i < 500; i++)
        {
            message.u16(1).u16(0);
        }
        message.u16(82).u16(65535).endSet();
        message.set(300).zeros(60_000).endSet();
        final long start = System.nanoTime();
        assertEquals(60_000, decode(message));
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void shouldNeverThrowOnMutatedMessages()
    {
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).u16(300).u16(4).u16(8).u16(4).u16(82).u16(65535).u16(0x8000 | 1).u16(8).u32(PEN_REVERSE)
            .u16(152).u16(8).endSet();
        message.set(3).u16(257).u16(2).u16(1).u16(302).u16(4).u16(305).u16(4).endSet();
        message.set(257).u32(1).u32(100).endSet();
        message.set(300).ip("10.0.0.1").u8(2).u16(0x6162).u64(5).u64(1).ip("10.0.0.2").u8(0).u64(5).u64(1)
            .endSet(4);
        final byte[] valid = message.build();
        final Random random = new Random(7);
        for (int round = 0; round < 20_000; round++)
        {
            final byte[] bytes = valid.clone();
            final int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++)
            {
                bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
            }
            final int length = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            decoder.decode(exporter, new UnsafeBuffer(bytes), 0, length, sink);
            sink.clear();
        }
    }

    private static long ntp(final long epochMs)
    {
        final long seconds = epochMs / 1000 + 2_208_988_800L;
        final long fraction = ((epochMs % 1000) << 32) / 1000 + 1;
        return (seconds << 32) | fraction;
    }

    @Test
    void shouldReadIntegersOfEveryLengthFromOneToEightBytesInPlaceAndWhenHeldForTheirTemplate()
    {
        // reduced-size encoding (RFC 7011, 6.2): an integer element in fewer bytes than its type; the data held for
        // its template is decoded from the start of the holding area, where no header precedes it
        final int[] elementsAndLengths = {1, 3, 2, 5, 10, 7, 14, 6, 16, 1, 17, 2, 85, 8, 86, 4};
        final long[] values = {0xabcdefL, 0x01_2345_6789L, 0x01_0203_0405_0607L, 0xa1a2_a3a4_a5a6L, 0xfeL, 0xfedcL,
            0x8000_0000_0000_0001L, 0xffff_ffffL};

        final PacketBuilder inPlace = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        inPlace.set(2).template(300, elementsAndLengths).endSet();
        integers(inPlace.set(300), elementsAndLengths, values).endSet();
        assertEquals(1, decode(inPlace));

        decoder = new IpfixDecoder(config, listener);
        final PacketBuilder dataFirst = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        integers(dataFirst.set(300), elementsAndLengths, values).endSet();
        assertEquals(0, decode(dataFirst));
        final PacketBuilder templateLater = PacketBuilder.ipfix(EXPORT_TIME, 1, 0);
        templateLater.set(2).template(300, elementsAndLengths).endSet();
        assertEquals(1, decode(templateLater));

        for (final FlowRecord record : new FlowRecord[]{sink.get(0), sink.get(1)})
        {
            assertEquals(values[0], record.bytes());
            assertEquals(values[1], record.packets());
            assertEquals(values[2], record.inputIf());
            assertEquals(values[3], record.outputIf());
            assertEquals(values[4], record.srcAs());
            assertEquals(values[5], record.dstAs());
            assertEquals(values[6], record.bytesTotal());
            assertEquals(values[7], record.packetsTotal());
        }
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldTakeTheMostPreciseOfSeveralStartAndEndTimesWhateverTheirOrder()
    {
        // flowStartMilliseconds before flowStartSeconds; flowEndSeconds with a flowEndMilliseconds not filled in (0)
        final PacketBuilder message = PacketBuilder.ipfix(EXPORT_TIME, 0, 0);
        message.set(2).template(300, 152, 8, 150, 4, 151, 4, 153, 8, 1, 4).endSet();
        message.set(300).u64(1_699_999_990_123L).u32(1_699_999_990L).u32(1_699_999_999L).u64(0).u32(1500).endSet();

        assertEquals(1, decode(message));
        assertEquals(1_699_999_990_123L, sink.get(0).startMs());
        assertEquals(1_699_999_999_000L, sink.get(0).endMs());
        assertEquals(1500, sink.get(0).bytes());
    }

    /** Writes each value big-endian in the length its template gives it. */
    private static PacketBuilder integers(final PacketBuilder set, final int[] elementsAndLengths, final long[] values)
    {
        for (int i = 0; i < values.length; i++)
        {
            final int length = elementsAndLengths[2 * i + 1];
            for (int b = length - 1; b >= 0; b--)
            {
                set.u8((int)(values[i] >>> (8 * b)) & 0xff);
            }
        }
        return set;
    }

    private int decode(final PacketBuilder packet)
    {
        final byte[] bytes = packet.build();
        return decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, sink);
    }
}
