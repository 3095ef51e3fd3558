package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.UncheckedWire;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;

/**
 * Decodes the flow records of one flow sample into a {@link FlowRecord}.
 *
 * <p>Records may come in any order, so precedence is explicit: the raw packet header is what was on the wire and
 * always wins; the agent's own summaries (sampled Ethernet, sampled IPv4/IPv6) only fill what is still missing.
 * The byte count is the frame length of the raw header, else the Ethernet frame length, else the IP length.
 * Unknown and enterprise records are skipped by their length. Allocates nothing.
 */
final class FlowSampleRecords
{
    /** {@link #decode} result when every record was consistent. */
    static final int OK = -1;

    private static final int BYTES_FROM_IP = 1;
    private static final int BYTES_FROM_ETHERNET = 2;
    private static final int BYTES_FROM_HEADER = 3;
    private static final long MAX_VLAN = 4095;

    private int bytesSource;

    /**
     * @param offset     first flow record.
     * @param end        first byte after the sample.
     * @param numRecords the record count of the sample header.
     * @return {@link #OK}, or the buffer offset of the first record that is inconsistent (the sample is then bad).
     */
    int decode(
        final DirectBuffer buffer, final int offset, final int end, final long numRecords, final FlowRecord record)
    {
        bytesSource = 0;
        // Each record takes at least its envelope: a count beyond that is a lie, and this bounds the loop.
        if (numRecords > (end - offset) / SflowEnvelope.LENGTH)
        {
            return offset;
        }
        int cursor = offset;
        for (int i = 0; i < (int)numRecords; i++)
        {
            if (end - cursor < SflowEnvelope.LENGTH)
            {
                return cursor;
            }
            final int format = SflowFormat.standardFormat(SflowEnvelope.dataFormat(buffer, cursor));
            final long length = SflowEnvelope.dataLength(buffer, cursor);
            final int data = cursor + SflowEnvelope.LENGTH;
            if (length > end - data || !decodeRecord(format, buffer, data, (int)length, record))
            {
                return cursor;
            }
            cursor = data + (int)length;
        }
        return OK;
    }

    private boolean decodeRecord(
        final int format, final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        switch (format)
        {
            case SflowFormat.FLOW_RAW_HEADER:
                return rawHeader(buffer, offset, length, record);
            case SflowFormat.FLOW_ETHERNET:
                return ethernet(buffer, offset, length, record);
            case SflowFormat.FLOW_IPV4:
                return sampledIp(buffer, offset, length, 4, record);
            case SflowFormat.FLOW_IPV6:
                return sampledIp(buffer, offset, length, 16, record);
            case SflowFormat.FLOW_EXTENDED_SWITCH:
                return extendedSwitch(buffer, offset, length, record);
            case SflowFormat.FLOW_EXTENDED_ROUTER:
                return extendedRouter(buffer, offset, length, record);
            case SflowFormat.FLOW_EXTENDED_GATEWAY:
                return extendedGateway(buffer, offset, length, record);
            default:
                return true;
        }
    }

    private boolean rawHeader(final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        if (length < SampledHeader.HEADER_OFFSET)
        {
            return false;
        }
        final long headerLength = SampledHeader.headerLength(buffer, offset);
        if (headerLength > length - SampledHeader.HEADER_OFFSET)
        {
            return false;
        }
        record.bytes(SampledHeader.frameLength(buffer, offset));
        bytesSource = BYTES_FROM_HEADER;
        SampledHeaderParser.parse(
            SampledHeader.headerProtocol(buffer, offset),
            buffer,
            offset + SampledHeader.HEADER_OFFSET,
            (int)headerLength,
            record);
        return true;
    }

    private boolean ethernet(final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        if (length < SampledEthernet.LENGTH)
        {
            return false;
        }
        if (bytesSource < BYTES_FROM_ETHERNET)
        {
            record.bytes(SampledEthernet.frameLength(buffer, offset));
            bytesSource = BYTES_FROM_ETHERNET;
        }
        if (!record.has(Field.SRC_MAC))
        {
            record.srcMac(SampledEthernet.srcMac(buffer, offset));
        }
        if (!record.has(Field.DST_MAC))
        {
            record.dstMac(SampledEthernet.dstMac(buffer, offset));
        }
        return true;
    }

    private boolean sampledIp(
        final DirectBuffer buffer, final int offset, final int length, final int addressLength, final FlowRecord record)
    {
        if (length < SampledIp.length(addressLength))
        {
            return false;
        }
        if (bytesSource < BYTES_FROM_IP)
        {
            record.bytes(SampledIp.ipLength(buffer, offset));
            bytesSource = BYTES_FROM_IP;
        }
        if (record.has(Field.SRC_ADDR) || record.has(Field.DST_ADDR))
        {
            return true; // the raw header already gave the key
        }
        final int src = SampledIp.srcAddrOffset(offset);
        final int dst = SampledIp.dstAddrOffset(offset, addressLength);
        if (addressLength == 4)
        {
            record.ipVersion(4);
            record.srcAddrV4(UncheckedWire.i32(buffer, src));
            record.dstAddrV4(UncheckedWire.i32(buffer, dst));
        }
        else
        {
            record.ipVersion(6);
            record.srcAddr(UncheckedWire.u64(buffer, src), UncheckedWire.u64(buffer, src + 8));
            record.dstAddr(UncheckedWire.u64(buffer, dst), UncheckedWire.u64(buffer, dst + 8));
        }
        record.protocol((int)SampledIp.protocol(buffer, offset) & 0xff);
        record.srcPort((int)SampledIp.srcPort(buffer, offset, addressLength) & 0xffff);
        record.dstPort((int)SampledIp.dstPort(buffer, offset, addressLength) & 0xffff);
        record.tcpFlags((int)SampledIp.tcpFlags(buffer, offset, addressLength) & 0xff);
        record.tos((int)SampledIp.tos(buffer, offset, addressLength) & 0xff);
        return true;
    }

    private static boolean extendedSwitch(
        final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        if (length < ExtendedSwitch.LENGTH)
        {
            return false;
        }
        // 0 means untagged; larger than 12 bits is not a VLAN (some agents send 0xffffffff).
        final long srcVlan = ExtendedSwitch.srcVlan(buffer, offset);
        if (!record.has(Field.VLAN_ID) && srcVlan > 0 && srcVlan <= MAX_VLAN)
        {
            record.vlanId((int)srcVlan);
        }
        final long dstVlan = ExtendedSwitch.dstVlan(buffer, offset);
        if (dstVlan > 0 && dstVlan <= MAX_VLAN)
        {
            record.postVlanId((int)dstVlan);
        }
        return true;
    }

    private static boolean extendedRouter(
        final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        if (length < ExtendedRouter.NEXT_HOP_OFFSET)
        {
            return false;
        }
        final int addressLength = SflowFormat.addressLength(ExtendedRouter.nextHopType(buffer, offset));
        if (addressLength < 0 || length < ExtendedRouter.length(addressLength))
        {
            return false;
        }
        nextHop(buffer, offset + ExtendedRouter.NEXT_HOP_OFFSET, addressLength, record);
        record.srcMask((int)ExtendedRouter.srcMask(buffer, offset, addressLength) & 0xff);
        record.dstMask((int)ExtendedRouter.dstMask(buffer, offset, addressLength) & 0xff);
        return true;
    }

    /**
     * The source AS is the router's own when the agent says 0 (a locally originated source), and the
     * destination AS is the last AS of the path, or the router's own when the path is empty (a local destination).
     */
    private static boolean extendedGateway(
        final DirectBuffer buffer, final int offset, final int length, final FlowRecord record)
    {
        if (length < ExtendedGateway.NEXT_HOP_OFFSET)
        {
            return false;
        }
        final int addressLength = SflowFormat.addressLength(ExtendedGateway.nextHopType(buffer, offset));
        if (addressLength < 0 || length < ExtendedGateway.fixedLength(addressLength))
        {
            return false;
        }
        final long lastAs = ExtendedGateway.lastPathAs(buffer, offset, addressLength, offset + length);
        if (lastAs == ExtendedGateway.MALFORMED_PATH)
        {
            return false;
        }
        final long routerAs = ExtendedGateway.routerAs(buffer, offset, addressLength);
        final long srcAs = ExtendedGateway.srcAs(buffer, offset, addressLength);
        record.srcAs(srcAs != 0 ? srcAs : routerAs);
        record.dstAs(lastAs != ExtendedGateway.EMPTY_PATH ? lastAs : routerAs);
        return true;
    }

    private static void nextHop(
        final DirectBuffer buffer, final int offset, final int addressLength, final FlowRecord record)
    {
        if (addressLength == 4)
        {
            record.nextHop(0, IpAddress.mappedLo(UncheckedWire.i32(buffer, offset)));
        }
        else if (addressLength == 16)
        {
            record.nextHop(UncheckedWire.u64(buffer, offset), UncheckedWire.u64(buffer, offset + 8));
        }
    }
}
