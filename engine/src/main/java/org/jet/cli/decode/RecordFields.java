package org.jet.cli.decode;

import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.RecordKind;

/**
 * The one list of output field names, shared by every output format. Names follow the flow corpus's
 * {@code expected.json} where it has one, so decodings can be compared key by key.
 *
 * <p>Core fields ({@code src_addr} to {@code output_if}) are always visited, as absent when the record lacks them;
 * every other field only when present.
 */
final class RecordFields
{
    private RecordFields()
    {
    }

    /**
     * @return {@code netflow}, {@code ipfix} or {@code sflow}.
     */
    static String flowProtocol(final FlowRecord record)
    {
        switch (record.version())
        {
            case 10:
                return "ipfix";
            case RecordKind.SFLOW_VERSION:
                return "sflow";
            default:
                return "netflow";
        }
    }

    /**
     * @return the version as the wire carries it: 5, 9 or 10; 5 for sFlow v5.
     */
    static int wireVersion(final FlowRecord record)
    {
        return record.version() == RecordKind.SFLOW_VERSION ? 5 : record.version();
    }

    static void visit(final Exporter exporter, final FlowRecord r, final long packet, final FieldVisitor v)
    {
        v.text("exporter", exporter.name());
        v.text("flow_protocol", flowProtocol(r));
        v.number("version", wireVersion(r));
        v.text("kind", RecordKind.name(r.kind()));
        v.number("packet", packet);
        if (r.version() == 9 || r.version() == 10 || r.version() == RecordKind.SFLOW_VERSION)
        {
            v.number("observation_domain", r.observationDomain());
        }
        if (r.templateId() != 0)
        {
            v.number("set_id", r.templateId());
        }

        address(v, r, Field.SRC_ADDR, "src_addr", r.srcAddrHi(), r.srcAddrLo(), true);
        address(v, r, Field.DST_ADDR, "dst_addr", r.dstAddrHi(), r.dstAddrLo(), true);
        number(v, r, Field.SRC_PORT, "src_port", r.srcPort(), true);
        number(v, r, Field.DST_PORT, "dst_port", r.dstPort(), true);
        number(v, r, Field.PROTOCOL, "protocol", r.protocol(), true);
        number(v, r, Field.BYTES, "bytes", r.bytes(), true);
        number(v, r, Field.PACKETS, "packets", r.packets(), true);
        number(v, r, Field.SAMPLING_RATE, "sampling_rate", r.samplingRate(), true);
        if (r.has(Field.SAMPLING_RATE))
        {
            v.bool("sampling_rate_known", !r.has(Field.SAMPLING_UNKNOWN));
        }
        number(v, r, Field.START, "start_ms", r.startMs(), true);
        number(v, r, Field.END, "end_ms", r.endMs(), true);
        number(v, r, Field.INPUT_IF, "input_if", r.inputIf(), true);
        number(v, r, Field.OUTPUT_IF, "output_if", r.outputIf(), true);

        visitOptional(r, v);
    }

    private static void visitOptional(final FlowRecord r, final FieldVisitor v)
    {
        number(v, r, Field.TCP_FLAGS, "tcp_flags", r.tcpFlags(), false);
        number(v, r, Field.TOS, "tos", r.tos(), false);
        number(v, r, Field.IP_VERSION, "ip_version", r.ipVersion(), false);
        number(v, r, Field.BYTES_TOTAL, "bytes_total", r.bytesTotal(), false);
        number(v, r, Field.PACKETS_TOTAL, "packets_total", r.packetsTotal(), false);
        number(v, r, Field.OUT_BYTES, "out_bytes", r.outBytes(), false);
        number(v, r, Field.OUT_PACKETS, "out_packets", r.outPackets(), false);
        number(v, r, Field.INITIATOR_OCTETS, "initiator_octets", r.initiatorOctets(), false);
        number(v, r, Field.RESPONDER_OCTETS, "responder_octets", r.responderOctets(), false);
        number(v, r, Field.INITIATOR_PACKETS, "initiator_packets", r.initiatorPackets(), false);
        number(v, r, Field.RESPONDER_PACKETS, "responder_packets", r.responderPackets(), false);
        number(v, r, Field.REVERSE_BYTES, "reverse_bytes", r.reverseBytes(), false);
        number(v, r, Field.REVERSE_PACKETS, "reverse_packets", r.reversePackets(), false);
        number(v, r, Field.SAMPLER_ID, "sampler_id", r.samplerId(), false);
        number(v, r, Field.SAMPLING_ALGORITHM, "sampling_algorithm", r.samplingAlgorithm(), false);
        number(v, r, Field.DIRECTION, "direction", r.direction(), false);
        number(v, r, Field.SRC_AS, "src_as", r.srcAs(), false);
        number(v, r, Field.DST_AS, "dst_as", r.dstAs(), false);
        number(v, r, Field.SRC_MASK, "src_mask", r.srcMask(), false);
        number(v, r, Field.DST_MASK, "dst_mask", r.dstMask(), false);
        address(v, r, Field.NEXT_HOP, "next_hop", r.nextHopHi(), r.nextHopLo(), false);
        number(v, r, Field.VLAN_ID, "vlan_id", r.vlanId(), false);
        number(v, r, Field.POST_VLAN_ID, "post_vlan_id", r.postVlanId(), false);
        if (r.has(Field.SRC_MAC))
        {
            v.mac("src_mac", r.srcMac());
        }
        if (r.has(Field.DST_MAC))
        {
            v.mac("dst_mac", r.dstMac());
        }
        address(v, r, Field.POST_NAT_SRC_ADDR, "post_nat_src_addr", r.postNatSrcAddrHi(), r.postNatSrcAddrLo(),
            false);
        address(v, r, Field.POST_NAT_DST_ADDR, "post_nat_dst_addr", r.postNatDstAddrHi(), r.postNatDstAddrLo(),
            false);
        number(v, r, Field.POST_NAT_SRC_PORT, "post_nat_src_port", r.postNatSrcPort(), false);
        number(v, r, Field.POST_NAT_DST_PORT, "post_nat_dst_port", r.postNatDstPort(), false);
        number(v, r, Field.NAT_EVENT, "nat_event", r.natEvent(), false);
        number(v, r, Field.FIREWALL_EVENT, "firewall_event", r.firewallEvent(), false);
        number(v, r, Field.FW_EXT_EVENT, "fw_ext_event", r.fwExtEvent(), false);
        number(v, r, Field.ICMP_TYPE, "icmp_type", r.icmpType(), false);
        number(v, r, Field.ICMP_CODE, "icmp_code", r.icmpCode(), false);
        number(v, r, Field.FLOW_END_REASON, "flow_end_reason", r.flowEndReason(), false);
        if (r.has(Field.IF_COUNTERS))
        {
            v.number("if_index", r.ifIndex());
            v.number("if_speed", r.ifSpeed());
            v.number("if_in_octets", r.ifInOctets());
            v.number("if_in_ucast_pkts", r.ifInPackets());
            v.number("if_in_errors", r.ifInErrors());
            v.number("if_out_octets", r.ifOutOctets());
            v.number("if_out_ucast_pkts", r.ifOutPackets());
            v.number("if_out_errors", r.ifOutErrors());
        }
    }

    private static void number(
        final FieldVisitor v, final FlowRecord r, final long field, final String name, final long value,
        final boolean core)
    {
        if (r.has(field))
        {
            v.number(name, value);
        }
        else if (core)
        {
            v.absent(name);
        }
    }

    private static void address(
        final FieldVisitor v, final FlowRecord r, final long field, final String name, final long hi, final long lo,
        final boolean core)
    {
        if (r.has(field))
        {
            v.address(name, hi, lo);
        }
        else if (core)
        {
            v.absent(name);
        }
    }
}
