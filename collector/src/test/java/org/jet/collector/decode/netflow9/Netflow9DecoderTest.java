package org.jet.collector.decode.netflow9;

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

class Netflow9DecoderTest
{
    private static final long UNIX_SECS = 1_700_000_000L;
    private static final long UPTIME = 100_000;
    private static final int[] FLOW_TEMPLATE = {
        8, 4, 12, 4, 7, 2, 11, 2, 4, 1, 1, 4, 2, 4, 22, 4, 21, 4};

    private final long[] now = {UNIX_SECS * 1000};
    private final DecoderConfig config = new DecoderConfig().clock(() -> now[0]);
    private final RecordingListener listener = new RecordingListener();
    private final CollectingSink sink = new CollectingSink();
    private final ExporterTable exporters = new ExporterTable(16);
    private final Exporter exporter = exporter("192.0.2.1", 2055);
    private Netflow9Decoder decoder = new Netflow9Decoder(config, listener);

    @Test
    void shouldDecodeTemplateAndDataInOneDatagram()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 7, 42);
        packet.set(0).template(256, FLOW_TEMPLATE).endSet();
        packet.set(256);
        flow(packet, "10.0.0.1", "10.0.0.2", 1234, 80, 6, 1500, 3, UPTIME - 5000, UPTIME - 1000);
        flow(packet, "10.0.0.3", "10.0.0.4", 53, 5353, 17, 80, 1, UPTIME - 200, UPTIME - 200);
        packet.endSet(4);

        assertEquals(2, decode(packet));

        final FlowRecord first = sink.get(0);
        assertEquals(RecordKind.FLOW, first.kind());
        assertEquals(9, first.version());
        assertEquals(42, first.observationDomain());
        assertEquals(256, first.templateId());
        assertEquals("10.0.0.1", IpAddress.toString(first.srcAddrHi(), first.srcAddrLo()));
        assertEquals("10.0.0.2", IpAddress.toString(first.dstAddrHi(), first.dstAddrLo()));
        assertEquals(1234, first.srcPort());
        assertEquals(80, first.dstPort());
        assertEquals(6, first.protocol());
        assertEquals(1500, first.bytes());
        assertEquals(3, first.packets());
        assertEquals(UNIX_SECS * 1000 - 5000, first.startMs());
        assertEquals(UNIX_SECS * 1000 - 1000, first.endMs());
        assertTrue(first.has(Field.SAMPLING_UNKNOWN));
        assertEquals(1, first.samplingRate());
        assertEquals("10.0.0.3", IpAddress.toString(sink.get(1).srcAddrHi(), sink.get(1).srcAddrLo()));
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldHoldDataThatArrivesBeforeItsTemplateAndDecodeItWhenTheTemplateComes()
    {
        final PacketBuilder data = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        data.set(256);
        flow(data, "10.0.0.1", "10.0.0.2", 1, 2, 6, 100, 1, UPTIME - 10, UPTIME);
        flow(data, "10.0.0.5", "10.0.0.6", 3, 4, 17, 200, 2, UPTIME - 10, UPTIME);
        data.endSet();
        assertEquals(0, decode(data));
        assertEquals(1, listener.buffered);
        assertEquals(1, decoder.templates().pendingSets());

        final PacketBuilder template = PacketBuilder.netflow9(1, UPTIME + 1000, UNIX_SECS + 1, 2, 0);
        template.set(0).template(256, FLOW_TEMPLATE).endSet();
        assertEquals(2, decode(template));

        assertEquals(100, sink.get(0).bytes());
        assertEquals(200, sink.get(1).bytes());
        // times come from the held datagram's header, not the template's
        assertEquals(UNIX_SECS * 1000 - 10, sink.get(0).startMs());
        assertEquals(0, exporter.counters().setsWithoutTemplate());
        assertEquals(0, listener.dropped);
        assertEquals(0, decoder.templates().pendingSets());
    }

    @Test
    void shouldDropAndCountHeldDataWhoseTemplateNeverComes()
    {
        config.pendingTimeoutMs(60_000);
        decoder = new Netflow9Decoder(config, listener);
        final PacketBuilder data = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        data.set(300);
        data.zeros(40);
        assertEquals(0, decode(data));

        now[0] += 30_000;
        assertEquals(0, decoder.templates().expire(now[0]));
        now[0] += 31_000;
        assertEquals(1, decoder.templates().expire(now[0]));

        assertEquals(1, listener.buffered);
        assertEquals(1, listener.dropped);
        assertEquals(1, exporter.counters().setsWithoutTemplate());
    }

    @Test
    void shouldPushOutOldestHeldDataWhenTheAreaIsFull()
    {
        config.pendingBytesPerExporter(100).pendingDatagramsPerExporter(2);
        decoder = new Netflow9Decoder(config, listener);
        for (int i = 0; i < 3; i++)
        {
            final PacketBuilder data = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, i, 0);
            data.set(300 + i).zeros(40);
            decode(data);
        }
        final PacketBuilder tooBig = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 3, 0);
        tooBig.set(400).zeros(120);
        decode(tooBig);

        assertEquals(3, listener.buffered);
        assertEquals(2, listener.dropped);
        assertEquals(2, exporter.counters().setsWithoutTemplate());
    }

    @Test
    void shouldLearnSamplingRatesFromOptionsDataAndApplyThemBySamplerId()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(3, UPTIME, UNIX_SECS, 1, 5);
        // options template: scope system (type 1, 4 bytes), FLOW_SAMPLER_ID 48, FLOW_SAMPLER_RANDOM_INTERVAL 50
        packet.set(1).u16(257).u16(4).u16(8).u16(1).u16(4).u16(48).u16(1).u16(50).u16(4).endSet(4);
        packet.set(257).u32(0xc0000201L).u8(1).u32(2000).u32(0).u8(2).u32(4000).endSet(4);
        packet.set(0).template(256, 8, 4, 12, 4, 1, 4, 48, 1).endSet();
        packet.set(256);
        packet.ip("10.0.0.1").ip("10.0.0.2").u32(100).u8(2);
        packet.ip("10.0.0.1").ip("10.0.0.2").u32(100).u8(1);
        packet.ip("10.0.0.1").ip("10.0.0.2").u32(100).u8(9);
        packet.endSet();

        assertEquals(5, decode(packet));

        assertEquals(RecordKind.OPTIONS, sink.get(0).kind());
        assertEquals(2000, sink.get(0).samplingRate());
        assertFalse(sink.get(0).has(Field.BYTES), "a v9 scope field is a scope type, not element 1");
        assertEquals(4000, sink.get(2).samplingRate());
        assertEquals(2000, sink.get(3).samplingRate());
        assertFalse(sink.get(3).has(Field.SAMPLING_UNKNOWN));
        // unknown sampler id: the domain's last announced rate
        assertEquals(4000, sink.get(4).samplingRate());
    }

    @Test
    void shouldPreferTheRateCarriedInTheRecordAndTheExporterOverride()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 1, 4, 34, 4, 35, 1).endSet();
        packet.set(256).ip("10.0.0.1").u32(100).u32(2048).u8(2).endSet();
        decode(packet);
        assertEquals(2048, sink.get(0).samplingRate());
        assertEquals(2, sink.get(0).samplingAlgorithm());

        exporter.samplingOverride(10);
        final PacketBuilder again = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 2, 0);
        again.set(256).ip("10.0.0.1").u32(100).u32(2048).u8(2).endSet();
        decode(again);
        assertEquals(10, sink.get(1).samplingRate());
        exporter.samplingOverride(0);
    }

    @Test
    void shouldMarkTheConfiguredDefaultRateAsUnknown()
    {
        config.defaultSamplingRate(512);
        decoder = new Netflow9Decoder(config, listener);
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 1, 4).endSet();
        packet.set(256).ip("10.0.0.1").u32(100).endSet();
        decode(packet);
        assertEquals(512, sink.get(0).samplingRate());
        assertTrue(sink.get(0).has(Field.SAMPLING_UNKNOWN));
    }

    @Test
    void shouldDecodeReducedSizeEncoding()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 1, 3, 2, 1, 10, 2, 16, 2, 85, 5).endSet();
        packet.set(256).ip("10.0.0.1").u24(0xabcdef).u8(200).u16(7).u16(65000).u8(1).u32(0x02030405L).endSet();
        decode(packet);
        final FlowRecord record = sink.get(0);
        assertEquals(0xabcdef, record.bytes());
        assertEquals(200, record.packets());
        assertEquals(7, record.inputIf());
        assertEquals(65000, record.srcAs());
        assertEquals(0x0102030405L, record.bytesTotal());
    }

    @Test
    void shouldReadEveryFlowsetWhenTheHeaderCountIsTooSmall()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 1, 4).endSet();
        packet.set(256).ip("10.0.0.1").u32(1).endSet();
        packet.set(256).ip("10.0.0.2").u32(2).ip("10.0.0.3").u32(3).endSet();
        assertEquals(3, decode(packet));
    }

    @Test
    void shouldSkipPaddingZeroLengthFieldsAndTrailingZeroFill()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 0, 0, 150, 0, 1, 2).endSet(4);
        packet.set(256).ip("10.0.0.1").u16(77).ip("10.0.0.2").u16(88).endSet(8);
        packet.zeros(64);
        assertEquals(2, decode(packet));
        assertEquals(77, sink.get(0).bytes());
        assertEquals(88, sink.get(1).bytes());
        assertTrue(listener.malformations.isEmpty());
    }

    @Test
    void shouldKeepTheFirstOfDuplicateElements()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 1, 4, 8, 4, 27, 16).endSet();
        packet.set(256).ip("10.0.0.1").u32(5).ip("10.9.9.9").ip("2001:db8::1").endSet();
        decode(packet);
        assertEquals("10.0.0.1", IpAddress.toString(sink.get(0).srcAddrHi(), sink.get(0).srcAddrLo()));
    }

    @Test
    void shouldMapCiscoAsaNselElements()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 231, 4, 232, 4, 40001, 4, 40003, 2, 233, 1, 33002, 2, 323, 8, 152, 8)
            .endSet();
        packet.set(256).ip("192.168.0.2").u32(81).u32(763).ip("203.0.113.9").u16(40000).u8(2).u16(2030)
            .u64(1_469_109_033_015L).u64(1_469_109_032_955L).endSet();
        decode(packet);
        final FlowRecord record = sink.get(0);
        assertEquals(81, record.initiatorOctets());
        assertEquals(763, record.responderOctets());
        assertFalse(record.has(Field.BYTES));
        assertEquals("203.0.113.9", IpAddress.toString(record.postNatSrcAddrHi(), record.postNatSrcAddrLo()));
        assertEquals(40000, record.postNatSrcPort());
        assertEquals(2, record.firewallEvent());
        assertEquals(2030, record.fwExtEvent());
        assertEquals(1_469_109_032_955L, record.startMs());
        assertEquals(1_469_109_033_015L, record.endMs());
    }

    @Test
    void shouldMapMacAddressesIcmpAndNextHop()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 56, 6, 80, 6, 32, 2, 15, 4, 58, 2, 61, 1).endSet();
        packet.set(256).mac(0x000c29708609L).mac(0x005056c00001L).u16(0x0301).ip("10.0.0.254").u16(100).u8(1)
            .endSet();
        decode(packet);
        final FlowRecord record = sink.get(0);
        assertEquals("00:0c:29:70:86:09", IpAddress.macToString(record.srcMac()));
        assertEquals("00:50:56:c0:00:01", IpAddress.macToString(record.dstMac()));
        assertEquals(3, record.icmpType());
        assertEquals(1, record.icmpCode());
        assertEquals("10.0.0.254", IpAddress.toString(record.nextHopHi(), record.nextHopLo()));
        assertEquals(100, record.vlanId());
        assertEquals(1, record.direction());
    }

    @Test
    void shouldKeepUptimeArithmeticIn32BitsAcrossTheWrap()
    {
        // sysUptime wrapped 500 ms ago; the flow started 1500 ms before the wrap and ended 100 ms after it
        final long uptime = 500;
        final PacketBuilder packet = PacketBuilder.netflow9(2, uptime, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 22, 4, 21, 4).endSet();
        packet.set(256).ip("10.0.0.1").u32(0xffff_ffffL - 1499).u32(100);
        // a first switched slightly after sysUptime (exporter skew) stays at the export time
        packet.ip("10.0.0.2").u32(uptime + 20).u32(uptime + 30).endSet();
        decode(packet);
        final long exportMs = UNIX_SECS * 1000;
        assertEquals(exportMs - 2000, sink.get(0).startMs());
        assertEquals(exportMs - 400, sink.get(0).endMs());
        assertEquals(exportMs, sink.get(1).startMs());
        assertEquals(exportMs, sink.get(1).endMs());
    }

    @Test
    void shouldTreatZeroSwitchedTimesAsAbsent()
    {
        // PAN-OS fills first/last switched with 0: that is not the exporter's boot time, days ago
        final PacketBuilder packet = PacketBuilder.netflow9(2, 900_000_000L, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 22, 4, 21, 4).endSet();
        packet.set(256).ip("10.0.0.1").u32(0).u32(0).endSet();
        decode(packet);
        assertEquals(UNIX_SECS * 1000, sink.get(0).startMs());
        assertEquals(UNIX_SECS * 1000, sink.get(0).endMs());
    }

    @Test
    void shouldCountSequenceGapsAndTolerateReorderingAndRestarts()
    {
        final long[] sequences = {10, 11, 15, 14, 16, 5_000_000, 5_000_001};
        for (final long sequence : sequences)
        {
            decode(PacketBuilder.netflow9(0, UPTIME, UNIX_SECS, sequence, 0));
        }
        assertEquals(1, listener.gaps);
        assertEquals(3, listener.missing);
        assertEquals(3, exporter.counters().lostRecords());
    }

    @Test
    void shouldTrackSequencesPerSourceId()
    {
        decode(PacketBuilder.netflow9(0, UPTIME, UNIX_SECS, 100, 1));
        decode(PacketBuilder.netflow9(0, UPTIME, UNIX_SECS, 7, 2));
        decode(PacketBuilder.netflow9(0, UPTIME, UNIX_SECS, 101, 1));
        decode(PacketBuilder.netflow9(0, UPTIME, UNIX_SECS, 8, 2));
        assertEquals(0, listener.gaps);
    }

    @Test
    void shouldScopeTemplatesBySourceIdAndShareThemAcrossSourcePorts()
    {
        final PacketBuilder one = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 1);
        one.set(0).template(256, 8, 4, 1, 4).endSet();
        decode(one);
        final PacketBuilder two = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 2);
        two.set(0).template(256, 1, 4, 8, 4).endSet();
        decode(two);

        final Exporter restarted = exporter("192.0.2.1", 40000);
        final PacketBuilder data = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 2, 1);
        data.set(256).ip("10.0.0.1").u32(99).endSet();
        final byte[] bytes = data.build();
        assertEquals(1, decoder.decode(restarted, new UnsafeBuffer(bytes), 0, bytes.length, sink));
        assertEquals(99, sink.get(0).bytes());

        final PacketBuilder other = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 2, 2);
        other.set(256).u32(99).ip("10.0.0.1").endSet();
        decode(other);
        assertEquals(99, sink.get(1).bytes());

        final Exporter stranger = exporter("192.0.2.2", 2055);
        final byte[] strangerBytes = data.build();
        assertEquals(0, decoder.decode(stranger, new UnsafeBuffer(strangerBytes), 0, strangerBytes.length, sink));
    }

    @Test
    void shouldScopeTemplatesBySourcePortWhenConfigured()
    {
        config.templatesPerSourcePort(true);
        decoder = new Netflow9Decoder(config, listener);
        final PacketBuilder template = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        template.set(0).template(256, 8, 4, 1, 4).endSet();
        decode(template);

        final PacketBuilder data = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 2, 0);
        data.set(256).ip("10.0.0.1").u32(99).endSet();
        final byte[] bytes = data.build();
        assertEquals(0, decoder.decode(exporter("192.0.2.1", 40000), new UnsafeBuffer(bytes), 0, bytes.length, sink));
        assertEquals(1, listener.buffered);
        assertEquals(1, decode(data));
    }

    @Test
    void shouldReplaceATemplateThatChanges()
    {
        final PacketBuilder first = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        first.set(0).template(256, 8, 4, 1, 4).endSet();
        decode(first);
        final PacketBuilder second = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 2, 0);
        second.set(0).template(256, 1, 4, 8, 4).endSet();
        second.set(256).u32(55).ip("10.0.0.1").endSet();
        decode(second);
        assertEquals(55, sink.get(0).bytes());
        assertEquals(1, decoder.templates().templateCount());
    }

    @Test
    void shouldCountBrokenFlowsetsAndKeepDecodingLaterDatagrams()
    {
        final PacketBuilder template = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        template.set(0).template(256, 8, 4, 1, 4).endSet();
        decode(template);

        final PacketBuilder broken = PacketBuilder.netflow9(3, UPTIME, UNIX_SECS, 2, 0);
        broken.set(256).ip("10.0.0.1").u32(1).endSet();
        final int brokenSet = broken.position();
        broken.set(256).ip("10.0.0.2").u32(2).endSet();
        broken.put16(brokenSet + 2, 200);
        assertEquals(1, decode(broken));
        assertEquals(Malformation.BAD_SET_LENGTH, listener.malformations.get(0));
        assertEquals(brokenSet, (int)listener.malformationOffsets.get(0));
        assertEquals(1, exporter.counters().malformed(Malformation.BAD_SET_LENGTH));

        final PacketBuilder reserved = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 3, 0);
        reserved.set(7).zeros(4).endSet();
        reserved.set(256).ip("10.0.0.3").u32(3).endSet();
        assertEquals(1, decode(reserved));
        assertEquals(Malformation.BAD_SET_ID, listener.malformations.get(1));

        final PacketBuilder badTemplate = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 4, 0);
        badTemplate.set(0).u16(256).u16(10).u16(8).u16(4).endSet();
        decode(badTemplate);
        assertEquals(Malformation.BAD_TEMPLATE, listener.malformations.get(2));

        final PacketBuilder later = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 5, 0);
        later.set(256).ip("10.0.0.4").u32(4).endSet();
        assertEquals(1, decode(later));
        assertEquals(4, sink.get(sink.size() - 1).bytes());
    }

    @Test
    void shouldRejectTruncatedHeader()
    {
        final byte[] bytes = new byte[12];
        bytes[1] = 9;
        assertEquals(0, decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, sink));
        assertEquals(Malformation.TRUNCATED_HEADER, listener.malformations.get(0));
    }

    @Test
    void shouldEnforceTemplateAndFieldLimits()
    {
        config.maxTemplatesPerExporter(2).maxFieldsPerTemplate(4);
        decoder = new Netflow9Decoder(config, listener);
        final PacketBuilder packet = PacketBuilder.netflow9(4, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4).template(257, 8, 4).template(258, 8, 4)
            .template(259, 8, 4, 12, 4, 1, 4, 2, 4, 4, 1).endSet();
        packet.set(0).template(256, 12, 4).endSet();
        decode(packet);
        assertEquals(2, decoder.templates().templateCount());
        assertEquals(2, listener.malformations.size());
        assertEquals(Malformation.TEMPLATE_LIMIT, listener.malformations.get(0));
        assertEquals(Malformation.FIELD_LIMIT, listener.malformations.get(1));
    }

    @Test
    void shouldLimitDomainsPerExporter()
    {
        config.maxDomainsPerExporter(2);
        decoder = new Netflow9Decoder(config, listener);
        for (int domain = 0; domain < 3; domain++)
        {
            decode(PacketBuilder.netflow9(0, UPTIME, UNIX_SECS, 1, domain));
        }
        assertEquals(Malformation.DOMAIN_LIMIT, listener.malformations.get(0));
        assertEquals(1, listener.malformations.size());
    }

    @Test
    void shouldExpireTemplatesThatAreNotRefreshed()
    {
        config.templateExpiryMs(60_000);
        decoder = new Netflow9Decoder(config, listener);
        final PacketBuilder template = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 1, 0);
        template.set(0).template(256, 8, 4, 1, 4).endSet();
        decode(template);
        now[0] += 40_000;
        decode(template);
        now[0] += 40_000;
        assertEquals(0, decoder.templates().expire(now[0]));
        assertEquals(1, decoder.templates().templateCount());
        now[0] += 21_000;
        final PacketBuilder data = PacketBuilder.netflow9(1, UPTIME, UNIX_SECS, 2, 0);
        data.set(256).ip("10.0.0.1").u32(1).endSet();
        assertEquals(0, decode(data), "expired on the exporter's next datagram, without a sweep");
        assertEquals(0, decoder.templates().templateCount());
        assertEquals(1, listener.buffered);
    }

    @Test
    void shouldDecodeVariableLengthFieldsAsSomeExportersSendThemInV9()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(2, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, 8, 4, 236, 65535, 1, 4).endSet();
        packet.set(256).ip("10.0.0.1").u8(3).bytes("vrf".getBytes()).u32(702).endSet(4);
        decode(packet);
        assertEquals(702, sink.get(0).bytes());
    }

    @Test
    void shouldNeverThrowOnMutatedDatagrams()
    {
        final PacketBuilder packet = PacketBuilder.netflow9(3, UPTIME, UNIX_SECS, 1, 0);
        packet.set(0).template(256, FLOW_TEMPLATE).endSet();
        packet.set(1).u16(257).u16(4).u16(8).u16(1).u16(4).u16(48).u16(1).u16(50).u16(4).endSet(4);
        packet.set(257).u32(0).u8(1).u32(100).endSet(4);
        packet.set(256);
        flow(packet, "10.0.0.1", "10.0.0.2", 1, 2, 6, 100, 1, UPTIME - 10, UPTIME);
        packet.endSet();
        final byte[] valid = packet.build();
        final Random random = new Random(42);
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

    private static void flow(
        final PacketBuilder packet,
        final String src,
        final String dst,
        final int srcPort,
        final int dstPort,
        final int protocol,
        final long bytes,
        final long packets,
        final long first,
        final long last)
    {
        packet.ip(src).ip(dst).u16(srcPort).u16(dstPort).u8(protocol).u32(bytes).u32(packets).u32(first).u32(last);
    }

    private int decode(final PacketBuilder packet)
    {
        final byte[] bytes = packet.build();
        return decoder.decode(exporter, new UnsafeBuffer(bytes), 0, bytes.length, sink);
    }

    private Exporter exporter(final String address, final int port)
    {
        final String[] parts = address.split("\\.");
        final int v4 = (Integer.parseInt(parts[0]) << 24) | (Integer.parseInt(parts[1]) << 16) |
            (Integer.parseInt(parts[2]) << 8) | Integer.parseInt(parts[3]);
        return exporters.lookup(0, IpAddress.mappedLo(v4), port);
    }
}
