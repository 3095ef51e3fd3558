package org.jet.collector.decode.sflow;

import static org.jet.collector.decode.sflow.Bytes.bytes;
import static org.jet.collector.decode.sflow.Bytes.ethernet;
import static org.jet.collector.decode.sflow.Bytes.ipv4;
import static org.jet.collector.decode.sflow.Bytes.tag;
import static org.jet.collector.decode.sflow.Bytes.tcp;
import static org.jet.collector.decode.sflow.Bytes.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

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

class SflowDecoderTest
{
    private static final long SUB_AGENT = 3;
    private static final byte[] TCP_FRAME =
        ethernet(0x0800, ipv4(6, "10.1.2.3", "192.0.2.7", tcp(443, 51000, 0x18)));

    private final List<FlowRecord> records = new ArrayList<>();
    private final List<Malformation> malformed = new ArrayList<>();
    private final List<Integer> malformedOffsets = new ArrayList<>();
    private final List<Long> gaps = new ArrayList<>();
    private final List<Long> gapDomains = new ArrayList<>();
    private final DecodeListener listener = new DecodeListener()
    {
        @Override
        public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
        {
            malformed.add(reason);
            malformedOffsets.add(offset);
        }

        @Override
        public void onSequenceGap(final Exporter exporter, final long observationDomain, final long missing)
        {
            gapDomains.add(observationDomain);
            gaps.add(missing);
        }
    };
    private final DecoderConfig config = new DecoderConfig().defaultSamplingRate(9);
    private SflowDecoder decoder;
    private Exporter exporter;

    @BeforeEach
    void setUp()
    {
        decoder = new SflowDecoder(config, listener);
        exporter = new ExporterTable(8).lookup(0, IpAddress.mappedLo(0xc000_0201), 6343);
    }

    @Test
    void shouldDecodeACompactFlowSampleWithARawEthernetHeader()
    {
        assertEquals(1, decode(datagram(1, flowSample(7, 0x0100_0021L, 1024, 27, 28, rawHeader(1, 1518, TCP_FRAME)))));

        final FlowRecord r = records.get(0);
        assertEquals(RecordKind.FLOW, r.kind());
        assertEquals(RecordKind.SFLOW_VERSION, r.version());
        assertEquals(SUB_AGENT, r.observationDomain());
        assertEquals((1L << 32) | 0x21, r.samplerId());
        assertEquals(1024, r.samplingRate());
        assertFalse(r.has(Field.SAMPLING_UNKNOWN));
        assertEquals(1518, r.bytes());
        assertEquals(1, r.packets());
        assertEquals(27, r.inputIf());
        assertEquals(28, r.outputIf());
        assertEquals("10.1.2.3", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
        assertEquals("192.0.2.7", IpAddress.toString(r.dstAddrHi(), r.dstAddrLo()));
        assertEquals(6, r.protocol());
        assertEquals(443, r.srcPort());
        assertEquals(51000, r.dstPort());
        assertEquals(0x18, r.tcpFlags());
        assertEquals(0x0050_56c0_0001L, r.srcMac());
        assertTrue(malformed.isEmpty());
    }

    @Test
    void shouldKeepCompactInterfaceFormatsAsSent()
    {
        decode(datagram(1, flowSample(1, 1, 1024, 27, 0x4000_0001L, rawHeader(1, 100, TCP_FRAME))));
        decode(datagram(2, flowSample(2, 1, 1024, 27, 0x8000_0007L, rawHeader(1, 100, TCP_FRAME))));

        assertEquals(0x4000_0001L, records.get(0).outputIf());
        assertEquals(0x8000_0007L, records.get(1).outputIf());
    }

    @Test
    void shouldDecodeAnExpandedFlowSample()
    {
        final byte[] sample = expandedFlowSample(791, 0, 369098852L, 4096, 0, 369098852L, 1, 258,
            rawHeader(1, 106, TCP_FRAME));
        decode(datagram(1, sample));

        final FlowRecord r = records.get(0);
        assertEquals(369098852L, r.samplerId());
        assertEquals(4096, r.samplingRate());
        assertEquals(369098852L, r.inputIf());
        assertEquals((1L << 30) | 258, r.outputIf());
        assertEquals(106, r.bytes());
    }

    @Test
    void shouldLetTheExporterOverrideTheSamplingRate()
    {
        exporter.samplingOverride(2048);
        decode(datagram(1, flowSample(1, 1, 1024, 1, 2, rawHeader(1, 100, TCP_FRAME))));
        assertEquals(2048, records.get(0).samplingRate());
        assertFalse(records.get(0).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldMarkASamplingRateOfZeroAsUnknown()
    {
        decode(datagram(1, flowSample(1, 1, 0, 1, 2, rawHeader(1, 100, TCP_FRAME))));
        assertEquals(9, records.get(0).samplingRate());
        assertTrue(records.get(0).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldDecodeAHeaderOfProtocolIpv4()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 2, rawHeader(11, 50, ipv4(17, "69.58.92.107", "92.222.186.1",
            udp(53, 5353))))));

        final FlowRecord r = records.get(0);
        assertEquals("69.58.92.107", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
        assertEquals(5353, r.dstPort());
        assertEquals(50, r.bytes());
        assertFalse(r.has(Field.SRC_MAC));
    }

    @Test
    void shouldCountTheFrameOfAnUnknownHeaderProtocol()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 2, rawHeader(4, 77, TCP_FRAME))));
        assertEquals(77, records.get(0).bytes());
        assertFalse(records.get(0).has(Field.SRC_ADDR));
    }

    @Test
    void shouldDecodeASampledIpv4RecordAlone()
    {
        decode(datagram(1, flowSample(1, 1, 1000, 0, 0,
            sampledIpv4(40, 6, "3.3.3.3", "4.4.4.4", 53032, 25562, 0x02, 0x10))));

        final FlowRecord r = records.get(0);
        assertEquals(40, r.bytes());
        assertEquals(4, r.ipVersion());
        assertEquals("3.3.3.3", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
        assertEquals("4.4.4.4", IpAddress.toString(r.dstAddrHi(), r.dstAddrLo()));
        assertEquals(6, r.protocol());
        assertEquals(53032, r.srcPort());
        assertEquals(25562, r.dstPort());
        assertEquals(0x02, r.tcpFlags());
        assertEquals(0x10, r.tos());
    }

    @Test
    void shouldDecodeASampledIpv6RecordAlone()
    {
        decode(datagram(1, flowSample(1, 1, 1000, 0, 0,
            sampledIpv6(60, 17, "2001:db8::1", "2001:db8::2", 5000, 53))));

        final FlowRecord r = records.get(0);
        assertEquals(60, r.bytes());
        assertEquals(6, r.ipVersion());
        assertEquals("2001:db8::1", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
        assertEquals("2001:db8::2", IpAddress.toString(r.dstAddrHi(), r.dstAddrLo()));
        assertEquals(53, r.dstPort());
    }

    @Test
    void shouldPreferTheRawHeaderOverSampledSummariesInAnyOrder()
    {
        final byte[] header = rawHeader(1, 1390, TCP_FRAME);
        final byte[] ip = sampledIpv4(1344, 17, "50.50.50.50", "51.51.51.51", 1, 2, 0, 0);
        final byte[] eth = sampledEthernet(1386, "00:00:00:00:00:aa", "00:00:00:00:00:bb");
        decode(datagram(1, flowSample(1, 1, 256, 0, 182, header, ip, eth)));
        decode(datagram(2, flowSample(2, 1, 256, 0, 182, ip, eth, header)));

        for (final FlowRecord r : records)
        {
            assertEquals(1390, r.bytes());
            assertEquals("10.1.2.3", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
            assertEquals(443, r.srcPort());
            assertEquals(0x0050_56c0_0001L, r.srcMac());
        }
    }

    @Test
    void shouldTakeTheEthernetLengthOverTheIpLength()
    {
        final byte[] ip = sampledIpv4(1344, 17, "50.50.50.50", "51.51.51.51", 1, 2, 0, 0);
        final byte[] eth = sampledEthernet(1386, "00:00:00:00:00:aa", "00:00:00:00:00:bb");
        decode(datagram(1, flowSample(1, 1, 256, 0, 182, ip, eth)));

        final FlowRecord r = records.get(0);
        assertEquals(1386, r.bytes());
        assertEquals(0xaa, r.srcMac());
        assertEquals(0xbb, r.dstMac());
        assertEquals("50.50.50.50", IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()));
    }

    @Test
    void shouldDecodeTheExtendedSwitchRecord()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 0, extendedSwitch(100, 200), rawHeader(1, 100, TCP_FRAME))));
        assertEquals(100, records.get(0).vlanId());
        assertEquals(200, records.get(0).postVlanId());
    }

    @Test
    void shouldPreferTheTagOnTheWireOverTheExtendedSwitchVlan()
    {
        final byte[] tagged = ethernet(0x8100, tag(809, 0x0800, ipv4(6, "10.0.0.1", "10.0.0.2", tcp(1, 2, 0))));
        decode(datagram(1, flowSample(1, 1, 1, 0, 0, extendedSwitch(100, 200), rawHeader(1, 100, tagged))));
        decode(datagram(2, flowSample(2, 1, 1, 0, 0, rawHeader(1, 100, tagged), extendedSwitch(100, 200))));

        assertEquals(809, records.get(0).vlanId());
        assertEquals(809, records.get(1).vlanId());
    }

    @Test
    void shouldIgnoreExtendedSwitchValuesThatAreNotVlans()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 0, extendedSwitch(0xffff_ffffL, 0))));
        assertFalse(records.get(0).has(Field.VLAN_ID));
        assertFalse(records.get(0).has(Field.POST_VLAN_ID));
    }

    @Test
    void shouldDecodeTheExtendedRouterRecord()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 0, extendedRouter("45.90.161.46", 20, 27))));
        decode(datagram(2, flowSample(2, 1, 1, 0, 0, extendedRouter("2001:db8::fe", 48, 64))));

        assertEquals("45.90.161.46", IpAddress.toString(records.get(0).nextHopHi(), records.get(0).nextHopLo()));
        assertEquals(20, records.get(0).srcMask());
        assertEquals(27, records.get(0).dstMask());
        assertEquals("2001:db8::fe", IpAddress.toString(records.get(1).nextHopHi(), records.get(1).nextHopLo()));
        assertEquals(64, records.get(1).dstMask());
    }

    @Test
    void shouldTakeTheDestinationAsFromTheEndOfThePath()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 0,
            extendedGateway("54.54.54.54", 203476, 203476, 203476, new long[][] {{8218, 29605}, {203361, 1911671290}}))));

        assertEquals(203476, records.get(0).srcAs());
        assertEquals(1911671290L, records.get(0).dstAs());
    }

    @Test
    void shouldUseTheRoutersAsForLocalSourcesAndDestinations()
    {
        decode(datagram(1, flowSample(1, 1, 1, 0, 0, extendedGateway("10.0.0.1", 65001, 0, 0, new long[0][]))));
        decode(datagram(2, flowSample(2, 1, 1, 0, 0, extendedGateway("10.0.0.1", 65001, 13335, 0,
            new long[][] {{}}))));

        assertEquals(65001, records.get(0).srcAs());
        assertEquals(65001, records.get(0).dstAs());
        assertEquals(13335, records.get(1).srcAs());
        assertEquals(65001, records.get(1).dstAs());
    }

    @Test
    void shouldRejectAnAsPathThatRunsPastItsRecord()
    {
        final byte[] gateway = extendedGateway("10.0.0.1", 65001, 1, 0, new long[][] {{1, 2, 3}});
        // The segment's AS count sits after: envelope 8, type 4, address 4, three AS 12, segment count 4, type 4.
        setU32(gateway, 8 + 4 + 4 + 12 + 4 + 4, 1_000_000);
        decode(datagram(1, flowSample(1, 1, 1, 0, 0, gateway), flowSample(2, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME))));

        assertEquals(1, records.size());
        assertEquals(64, records.get(0).bytes());
        assertEquals(List.of(Malformation.BAD_SAMPLE), malformed);
    }

    @Test
    void shouldDecodeGenericInterfaceCounters()
    {
        decode(datagram(1, counterSample(300415, 101, ethernetCounters(), genericCounters(101))));

        final FlowRecord r = records.get(0);
        assertEquals(RecordKind.COUNTER, r.kind());
        assertEquals(RecordKind.SFLOW_VERSION, r.version());
        assertEquals(SUB_AGENT, r.observationDomain());
        assertEquals(101, r.samplerId());
        assertTrue(r.has(Field.IF_COUNTERS));
        assertEquals(101, r.ifIndex());
        assertEquals(1_000_000_000L, r.ifSpeed());
        assertEquals(21_286_022_420_858L, r.ifInOctets());
        assertEquals(3_153_749_508L, r.ifInPackets());
        assertEquals(5, r.ifInErrors());
        assertEquals(8_929_238_553_590L, r.ifOutOctets());
        assertEquals(3_892_490_465L, r.ifOutPackets());
        assertEquals(6, r.ifOutErrors());
        assertFalse(r.has(Field.BYTES));
    }

    @Test
    void shouldDeliverACounterSampleWithoutGenericCounters()
    {
        decode(datagram(1, counterSample(2, 3, ethernetCounters())));

        assertEquals(1, records.size());
        assertEquals(RecordKind.COUNTER, records.get(0).kind());
        assertFalse(records.get(0).has(Field.IF_COUNTERS));
    }

    @Test
    void shouldDecodeAnExpandedCounterSample()
    {
        decode(datagram(1, expandedCounterSample(17628, 0, 1258293248L, genericCounters(1258293248L))));

        assertEquals(1258293248L, records.get(0).ifIndex());
        assertEquals(1258293248L, records.get(0).samplerId());
    }

    @Test
    void shouldSkipDiscardSamplesAndEnterpriseStructures()
    {
        final byte[] discard = envelope(5, bytes().u32(1).u32(1).u32(0).u32(0).u32(0).u32(7).u32(0).array());
        final byte[] enterpriseSample = envelope((4300 << 12) | 1, new byte[20]);
        final byte[] enterpriseRecord = envelope((4300 << 12) | 1, new byte[12]);
        assertEquals(2, decode(datagram(1,
            discard,
            enterpriseSample,
            flowSample(1, 1, 1, 0, 0, enterpriseRecord, rawHeader(1, 64, TCP_FRAME)),
            counterSample(1, 1, envelope(2001, new byte[16])))));

        assertEquals(64, records.get(0).bytes());
        assertTrue(malformed.isEmpty());
    }

    @Test
    void shouldDecodeADatagramFromAnIpv6Agent()
    {
        final byte[] datagram = bytes().u32(5).u32(2).addr("2001:db8::99").u32(SUB_AGENT).u32(1).u32(1000).u32(1)
            .put(flowSample(1, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME))).array();
        assertEquals(1, decode(datagram));
    }

    @Test
    void shouldBeReachedThroughTheDatagramDecoder()
    {
        final DatagramDecoder dispatcher = new DatagramDecoder(config, listener);
        final byte[] datagram = datagram(1, flowSample(1, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME)));
        assertEquals(1, dispatcher.decode(exporter, new UnsafeBuffer(datagram), 0, datagram.length, (e, r) -> { }));
        assertEquals(1, exporter.counters().records());
    }

    @Test
    void shouldReportSamplesLostPerSourceAndKind()
    {
        decode(datagram(1, flowSample(10, 1, 1, 0, 0), flowSample(500, 2, 1, 0, 0), counterSample(10, 1)));
        decode(datagram(2, flowSample(11, 1, 1, 0, 0), flowSample(501, 2, 1, 0, 0), counterSample(11, 1)));
        assertTrue(gaps.isEmpty());

        decode(datagram(4, flowSample(14, 1, 1, 0, 0), flowSample(502, 2, 1, 0, 0), counterSample(12, 1)));

        assertEquals(List.of(2L), gaps);
        assertEquals(List.of(SUB_AGENT), gapDomains);
        assertEquals(1, exporter.counters().sequenceGaps());
        assertEquals(2, exporter.counters().lostRecords());
    }

    @Test
    void shouldTrackSubAgentsSeparately()
    {
        decode(datagram(1, flowSample(10, 1, 1, 0, 0)));
        final byte[] otherSubAgent = datagram(1, flowSample(900, 1, 1, 0, 0));
        setU32(otherSubAgent, 12, 4);
        decode(otherSubAgent);
        decode(datagram(2, flowSample(11, 1, 1, 0, 0)));
        assertTrue(gaps.isEmpty());
    }

    @Test
    void shouldRejectTruncatedAndForeignHeaders()
    {
        assertEquals(0, decode(new byte[27]));
        assertEquals(0, decode(bytes().u32(4).u32(1).u32(0).u32(0).u32(0).u32(0).u32(0).array()));
        assertEquals(0, decode(bytes().u32(5).u32(3).u32(0).u32(0).u32(0).u32(0).u32(0).array()));
        assertEquals(0, decode(bytes().u32(5).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).array()));
        assertEquals(0, decode(bytes().u32(5).u32(2).addr("2001:db8::1").u32(0).array()));

        assertEquals(List.of(Malformation.TRUNCATED_HEADER, Malformation.UNKNOWN_VERSION,
            Malformation.UNSUPPORTED_ADDRESS_TYPE, Malformation.UNSUPPORTED_ADDRESS_TYPE,
            Malformation.TRUNCATED_HEADER), malformed);
        assertEquals(5, exporter.counters().malformedDatagrams());
    }

    @Test
    void shouldRejectALengthBeyondTheBufferWithoutReadingPastIt()
    {
        final byte[] datagram = datagram(1, flowSample(1, 1, 1024, 27, 28, rawHeader(1, 100, TCP_FRAME)));
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram);

        assertEquals(0, decoder.decode(exporter, buffer, 0, datagram.length + 1, (e, r) -> records.add(r)));
        assertEquals(0, decoder.decode(exporter, buffer, -4, datagram.length, (e, r) -> records.add(r)));
        assertEquals(List.of(Malformation.TRUNCATED_HEADER, Malformation.TRUNCATED_HEADER), malformed);
        assertTrue(records.isEmpty());
    }

    @Test
    void shouldKeepEarlierSamplesWhenASampleRunsPastTheDatagram()
    {
        final byte[] good = flowSample(1, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME));
        final byte[] bad = flowSample(2, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME));
        setU32(bad, 4, 10_000);

        assertEquals(1, decode(datagram(1, good, bad, good)));
        assertEquals(List.of(Malformation.BAD_SAMPLE), malformed);
        assertEquals(28 + good.length, malformedOffsets.get(0));
    }

    @Test
    void shouldDropOnlyTheSampleWhoseRecordsAreInconsistent()
    {
        final byte[] badRecord = flowSample(2, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME));
        setU32(badRecord, 8 + 32 + 4, 10_000); // the raw header record's length
        final byte[] badHeaderLength = flowSample(3, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME));
        setU32(badHeaderLength, 8 + 32 + 8 + 12, 10_000); // header length beyond the record
        final byte[] lyingCount = flowSample(4, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME));
        setU32(lyingCount, 8 + 28, 0xffff_ffffL); // number of records
        final byte[] shortFixedPart = envelope(1, new byte[20]);
        final byte[] badCounter = counterSample(5, 1, genericCounters(1));
        setU32(badCounter, 8 + 12 + 4, 40); // generic counters record too short

        assertEquals(2, decode(datagram(1,
            flowSample(1, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME)),
            badRecord, badHeaderLength, lyingCount, shortFixedPart, badCounter,
            flowSample(6, 1, 1, 0, 0, rawHeader(1, 65, TCP_FRAME)))));

        assertEquals(65, records.get(1).bytes());
        assertEquals(List.of(Malformation.BAD_SAMPLE, Malformation.BAD_SAMPLE, Malformation.BAD_SAMPLE,
            Malformation.BAD_SAMPLE, Malformation.BAD_SAMPLE), malformed);
    }

    @Test
    void shouldReportASampleCountBeyondTheDatagram()
    {
        final byte[] datagram = datagram(1, flowSample(1, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME)));
        setU32(datagram, 24, 3);

        assertEquals(1, decode(datagram));
        assertEquals(List.of(Malformation.COUNT_EXCEEDS_DATAGRAM), malformed);
    }

    @Test
    void shouldStopAtTheSampleLimit()
    {
        config.maxSamplesPerDatagram(2);
        final byte[] sample = flowSample(1, 1, 1, 0, 0, rawHeader(1, 64, TCP_FRAME));

        assertEquals(2, decode(datagram(1, sample, sample, sample)));
        assertEquals(List.of(Malformation.SAMPLE_LIMIT), malformed);
    }

    @Test
    void shouldNeverThrowOnTruncatedOrCorruptedDatagrams()
    {
        final byte[] valid = datagram(1,
            flowSample(1, 1, 1024, 1, 2, extendedSwitch(1, 2), rawHeader(1, 1518, TCP_FRAME),
                extendedRouter("10.0.0.1", 8, 16),
                extendedGateway("10.0.0.1", 1, 2, 3, new long[][] {{4, 5}}),
                sampledIpv6(60, 17, "2001:db8::1", "2001:db8::2", 5000, 53),
                sampledEthernet(100, "00:00:00:00:00:01", "00:00:00:00:00:02")),
            expandedFlowSample(2, 0, 5, 100, 0, 5, 2, 3, rawHeader(12, 80, Bytes.ipv6(6, "::1", "::2", tcp(1, 2, 3)))),
            counterSample(1, 1, genericCounters(1)),
            expandedCounterSample(1, 0, 1, genericCounters(1)));
        fuzz(valid, 30_000);
    }

    @Test
    void shouldNeverThrowOnCorruptedCorpusDatagrams() throws Exception
    {
        final Path corpus = Path.of(System.getProperty("jet.corpus", "../../shared/corpus"));
        if (!Files.isDirectory(corpus))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(corpus))
        {
            for (final Path file : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".bin") &&
                p.toString().contains("sflow-"))::iterator)
            {
                fuzz(Files.readAllBytes(file), 3_000);
            }
        }
    }

    @Test
    void shouldNotAllocateWhileDecoding()
    {
        final byte[] datagram = datagram(1,
            flowSample(1, 1, 1024, 1, 2, extendedSwitch(1, 2), rawHeader(1, 1518, TCP_FRAME),
                extendedGateway("10.0.0.1", 1, 2, 3, new long[][] {{4, 5}})),
            counterSample(1, 1, genericCounters(1)));
        final UnsafeBuffer buffer = new UnsafeBuffer(datagram);
        final long[] sum = new long[1];
        final FlowSink sink = (e, r) -> sum[0] += r.bytes();
        final int flowSequence = 28 + 8;
        final int counterSequence = datagram.length - (8 + 12 + 8 + 88) + 8;
        for (int i = 0; i < 100_000; i++)
        {
            buffer.putInt(flowSequence, i, java.nio.ByteOrder.BIG_ENDIAN);
            buffer.putInt(counterSequence, i, java.nio.ByteOrder.BIG_ENDIAN);
            decoder.decode(exporter, buffer, 0, datagram.length, sink);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 100_000; i < 120_000; i++)
        {
            buffer.putInt(flowSequence, i, java.nio.ByteOrder.BIG_ENDIAN);
            buffer.putInt(counterSequence, i, java.nio.ByteOrder.BIG_ENDIAN);
            decoder.decode(exporter, buffer, 0, datagram.length, sink);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 40k samples");
        assertTrue(gaps.isEmpty());
        assertTrue(malformed.isEmpty());
    }

    private void fuzz(final byte[] valid, final int rounds)
    {
        final FlowSink sink = (e, r) -> { };
        for (int length = 0; length <= valid.length; length++)
        {
            // The buffer ends with the datagram: a read past it throws.
            decoder.decode(exporter, new UnsafeBuffer(java.util.Arrays.copyOf(valid, length)), 0, length, sink);
        }
        final Random random = new Random(valid.length);
        for (int i = 0; i < rounds; i++)
        {
            final byte[] mutated = valid.clone();
            final int changes = 1 + random.nextInt(4);
            for (int j = 0; j < changes; j++)
            {
                mutated[random.nextInt(mutated.length)] = (byte)random.nextInt();
            }
            final int length = random.nextInt(4) == 0 ? random.nextInt(mutated.length + 1) : mutated.length;
            decoder.decode(exporter, new UnsafeBuffer(java.util.Arrays.copyOf(mutated, length)), 0, length, sink);
        }
    }

    private int decode(final byte[] datagram)
    {
        // Decode at an offset inside a larger buffer, as from a receive buffer; the datagram ends the buffer, so that
        // with bounds checks on (the tests' default) a read past the datagram throws.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[datagram.length + 16]);
        buffer.putBytes(16, datagram);
        return decoder.decode(exporter, buffer, 16, datagram.length, (e, r) -> records.add(copy(r)));
    }

    private static FlowRecord copy(final FlowRecord record)
    {
        final FlowRecord copy = new FlowRecord();
        copy.copyFrom(record);
        return copy;
    }

    private static void setU32(final byte[] bytes, final int index, final long value)
    {
        new UnsafeBuffer(bytes).putInt(index, (int)value, java.nio.ByteOrder.BIG_ENDIAN);
    }

    // ---- sFlow structures ---------------------------------------------------------------------------------------

    static byte[] datagram(final long sequence, final byte[]... samples)
    {
        final Bytes datagram = bytes().u32(5).u32(1).addr("192.0.2.10").u32(SUB_AGENT).u32(sequence).u32(123_456)
            .u32(samples.length);
        for (final byte[] sample : samples)
        {
            datagram.put(sample);
        }
        return datagram.array();
    }

    static byte[] envelope(final int format, final byte[] data)
    {
        return bytes().u32(format).u32(data.length).put(data).array();
    }

    static byte[] flowSample(
        final long sequence, final long sourceId, final long rate, final long input, final long output,
        final byte[]... records)
    {
        final Bytes sample = bytes().u32(sequence).u32(sourceId).u32(rate).u32(1_000_000).u32(0).u32(input)
            .u32(output).u32(records.length);
        for (final byte[] record : records)
        {
            sample.put(record);
        }
        return envelope(SflowFormat.SAMPLE_FLOW, sample.array());
    }

    static byte[] expandedFlowSample(
        final long sequence,
        final long sourceType,
        final long sourceIndex,
        final long rate,
        final long inputFormat,
        final long input,
        final long outputFormat,
        final long output,
        final byte[]... records)
    {
        final Bytes sample = bytes().u32(sequence).u32(sourceType).u32(sourceIndex).u32(rate).u32(12_237_120)
            .u32(30).u32(inputFormat).u32(input).u32(outputFormat).u32(output).u32(records.length);
        for (final byte[] record : records)
        {
            sample.put(record);
        }
        return envelope(SflowFormat.SAMPLE_EXPANDED_FLOW, sample.array());
    }

    static byte[] counterSample(final long sequence, final long sourceId, final byte[]... records)
    {
        final Bytes sample = bytes().u32(sequence).u32(sourceId).u32(records.length);
        for (final byte[] record : records)
        {
            sample.put(record);
        }
        return envelope(SflowFormat.SAMPLE_COUNTER, sample.array());
    }

    static byte[] expandedCounterSample(
        final long sequence, final long sourceType, final long sourceIndex, final byte[]... records)
    {
        final Bytes sample = bytes().u32(sequence).u32(sourceType).u32(sourceIndex).u32(records.length);
        for (final byte[] record : records)
        {
            sample.put(record);
        }
        return envelope(SflowFormat.SAMPLE_EXPANDED_COUNTER, sample.array());
    }

    static byte[] rawHeader(final int protocol, final long frameLength, final byte[] header)
    {
        return envelope(SflowFormat.FLOW_RAW_HEADER,
            bytes().u32(protocol).u32(frameLength).u32(4).u32(header.length).put(header).pad4().array());
    }

    static byte[] sampledEthernet(final long length, final String src, final String dst)
    {
        return envelope(SflowFormat.FLOW_ETHERNET,
            bytes().u32(length).mac(src).u16(0).mac(dst).u16(0).u32(0x0800).array());
    }

    static byte[] sampledIpv4(
        final long length, final int protocol, final String src, final String dst, final int srcPort,
        final int dstPort, final int tcpFlags, final int tos)
    {
        return envelope(SflowFormat.FLOW_IPV4, bytes().u32(length).u32(protocol).addr(src).addr(dst).u32(srcPort)
            .u32(dstPort).u32(tcpFlags).u32(tos).array());
    }

    static byte[] sampledIpv6(
        final long length, final int protocol, final String src, final String dst, final int srcPort,
        final int dstPort)
    {
        return envelope(SflowFormat.FLOW_IPV6, bytes().u32(length).u32(protocol).addr(src).addr(dst).u32(srcPort)
            .u32(dstPort).u32(0).u32(0).array());
    }

    static byte[] extendedSwitch(final long srcVlan, final long dstVlan)
    {
        return envelope(SflowFormat.FLOW_EXTENDED_SWITCH, bytes().u32(srcVlan).u32(0).u32(dstVlan).u32(0).array());
    }

    static byte[] extendedRouter(final String nextHop, final int srcMask, final int dstMask)
    {
        final byte[] address = Bytes.address(nextHop);
        return envelope(SflowFormat.FLOW_EXTENDED_ROUTER,
            bytes().u32(address.length == 4 ? 1 : 2).put(address).u32(srcMask).u32(dstMask).array());
    }

    static byte[] extendedGateway(
        final String nextHop, final long routerAs, final long srcAs, final long peerAs, final long[][] path)
    {
        final byte[] address = Bytes.address(nextHop);
        final Bytes record = bytes().u32(address.length == 4 ? 1 : 2).put(address).u32(routerAs).u32(srcAs)
            .u32(peerAs).u32(path.length);
        for (final long[] segment : path)
        {
            record.u32(2).u32(segment.length);
            for (final long as : segment)
            {
                record.u32(as);
            }
        }
        return envelope(SflowFormat.FLOW_EXTENDED_GATEWAY, record.u32(0).u32(100).array());
    }

    static byte[] genericCounters(final long ifIndex)
    {
        return envelope(SflowFormat.COUNTER_GENERIC_INTERFACE, bytes()
            .u32(ifIndex).u32(6).u64(1_000_000_000L).u32(1).u32(3)
            .u64(21_286_022_420_858L).u32(3_153_749_508L).u32(0).u32(0).u32(0).u32(5).u32(0)
            .u64(8_929_238_553_590L).u32(3_892_490_465L).u32(0).u32(0).u32(0).u32(6).u32(0)
            .array());
    }

    static byte[] ethernetCounters()
    {
        return envelope(2, new byte[52]);
    }
}
