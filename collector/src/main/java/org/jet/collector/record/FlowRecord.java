package org.jet.collector.record;

/**
 * One decoded record: a flow, an options record or an sFlow counter sample.
 *
 * <p>A {@code FlowRecord} is a pre-allocated, reusable carrier of primitive fields. A decoder fills one instance
 * per record, hands it to a {@link FlowSink} and then {@link #clear() clears} it for the next record, so decoding
 * allocates nothing per record. Keep a record only by {@link #copyFrom(FlowRecord) copying} it.
 *
 * <p>Which fields a record carries is told by {@link #has(long)} with the bit constants of {@link Field}: read a
 * field only when it is present (after {@link #clear()} absent fields are zero, after {@link #copyFrom} they may
 * hold an older record's value). Counters are unsigned 64-bit values held in a {@code long}: compare and print them with
 * {@link Long#compareUnsigned} and {@link Long#toUnsignedString}. Bytes and packets are as encoded, never scaled
 * by the sampling rate; the rate travels beside them.
 *
 * <p>Addresses are 128-bit, held as two longs. IPv4 addresses are stored IPv4-mapped ({@code ::ffff:a.b.c.d}), so
 * one representation serves both families; see {@link IpAddress}.
 */
public final class FlowRecord
{
    private long present;

    private int kind;
    private int version;
    private long observationDomain;
    private int templateId;

    private long srcAddrHi;
    private long srcAddrLo;
    private long dstAddrHi;
    private long dstAddrLo;
    private int srcPort;
    private int dstPort;
    private int protocol;
    private int tcpFlags;
    private int tos;
    private int ipVersion;

    private long bytes;
    private long packets;
    private long bytesTotal;
    private long packetsTotal;
    private long outBytes;
    private long outPackets;
    private long initiatorOctets;
    private long responderOctets;
    private long initiatorPackets;
    private long responderPackets;
    private long reverseBytes;
    private long reversePackets;

    private long samplingRate;
    private long samplerId;
    private int samplingAlgorithm;

    private long startMs;
    private long endMs;

    private long inputIf;
    private long outputIf;
    private int direction;
    private long srcAs;
    private long dstAs;
    private int srcMask;
    private int dstMask;
    private long nextHopHi;
    private long nextHopLo;
    private int vlanId;
    private int postVlanId;
    private long srcMac;
    private long dstMac;

    private long postNatSrcAddrHi;
    private long postNatSrcAddrLo;
    private long postNatDstAddrHi;
    private long postNatDstAddrLo;
    private int postNatSrcPort;
    private int postNatDstPort;
    private int firewallEvent;
    private int fwExtEvent;
    private int natEvent;
    private int icmpType;
    private int icmpCode;
    private int flowEndReason;

    private long ifIndex;
    private long ifSpeed;
    private long ifInOctets;
    private long ifOutOctets;
    private long ifInPackets;
    private long ifOutPackets;
    private long ifInErrors;
    private long ifOutErrors;

    /**
     * Resets every field to absent.
     */
    public void clear()
    {
        present = 0;
        kind = RecordKind.FLOW;
        version = 0;
        observationDomain = 0;
        templateId = 0;
        srcAddrHi = srcAddrLo = dstAddrHi = dstAddrLo = 0;
        srcPort = dstPort = protocol = tcpFlags = tos = ipVersion = 0;
        bytes = packets = bytesTotal = packetsTotal = outBytes = outPackets = 0;
        initiatorOctets = responderOctets = initiatorPackets = responderPackets = 0;
        reverseBytes = reversePackets = 0;
        samplingRate = samplerId = 0;
        samplingAlgorithm = 0;
        startMs = endMs = 0;
        inputIf = outputIf = 0;
        direction = 0;
        srcAs = dstAs = 0;
        srcMask = dstMask = 0;
        nextHopHi = nextHopLo = 0;
        vlanId = postVlanId = 0;
        srcMac = dstMac = 0;
        postNatSrcAddrHi = postNatSrcAddrLo = postNatDstAddrHi = postNatDstAddrLo = 0;
        postNatSrcPort = postNatDstPort = 0;
        firewallEvent = fwExtEvent = natEvent = 0;
        icmpType = icmpCode = flowEndReason = 0;
        ifIndex = ifSpeed = ifInOctets = ifOutOctets = ifInPackets = ifOutPackets = ifInErrors = ifOutErrors = 0;
    }

    /**
     * Copies {@code other} into this record: every present field and the presence bits.
     *
     * <p>Fields come in groups, and a group none of whose fields is present is not copied: a typical flow copies
     * about a third of the fields, which matters when the destination is a cold ring slot. A field absent in
     * {@code other} may therefore keep an old value here; as everywhere, read a field only when {@link #has}
     * says it is present.
     *
     * @param other the record to copy.
     */
    public void copyFrom(final FlowRecord other)
    {
        final long bits = other.present;
        present = bits;
        kind = other.kind;
        version = other.version;
        observationDomain = other.observationDomain;
        templateId = other.templateId;
        srcAddrHi = other.srcAddrHi;
        srcAddrLo = other.srcAddrLo;
        dstAddrHi = other.dstAddrHi;
        dstAddrLo = other.dstAddrLo;
        srcPort = other.srcPort;
        dstPort = other.dstPort;
        protocol = other.protocol;
        tcpFlags = other.tcpFlags;
        tos = other.tos;
        ipVersion = other.ipVersion;
        bytes = other.bytes;
        packets = other.packets;
        samplingRate = other.samplingRate;
        startMs = other.startMs;
        endMs = other.endMs;
        inputIf = other.inputIf;
        outputIf = other.outputIf;
        direction = other.direction;
        if ((bits & Field.GROUP_EXTRA_COUNTERS) != 0)
        {
            bytesTotal = other.bytesTotal;
            packetsTotal = other.packetsTotal;
            outBytes = other.outBytes;
            outPackets = other.outPackets;
            initiatorOctets = other.initiatorOctets;
            responderOctets = other.responderOctets;
            initiatorPackets = other.initiatorPackets;
            responderPackets = other.responderPackets;
            reverseBytes = other.reverseBytes;
            reversePackets = other.reversePackets;
        }
        if ((bits & Field.GROUP_SAMPLER) != 0)
        {
            samplerId = other.samplerId;
            samplingAlgorithm = other.samplingAlgorithm;
        }
        if ((bits & Field.GROUP_ROUTING) != 0)
        {
            srcAs = other.srcAs;
            dstAs = other.dstAs;
            srcMask = other.srcMask;
            dstMask = other.dstMask;
            nextHopHi = other.nextHopHi;
            nextHopLo = other.nextHopLo;
        }
        if ((bits & Field.GROUP_LAYER2) != 0)
        {
            vlanId = other.vlanId;
            postVlanId = other.postVlanId;
            srcMac = other.srcMac;
            dstMac = other.dstMac;
        }
        if ((bits & Field.GROUP_NAT_FIREWALL) != 0)
        {
            postNatSrcAddrHi = other.postNatSrcAddrHi;
            postNatSrcAddrLo = other.postNatSrcAddrLo;
            postNatDstAddrHi = other.postNatDstAddrHi;
            postNatDstAddrLo = other.postNatDstAddrLo;
            postNatSrcPort = other.postNatSrcPort;
            postNatDstPort = other.postNatDstPort;
            firewallEvent = other.firewallEvent;
            fwExtEvent = other.fwExtEvent;
            natEvent = other.natEvent;
        }
        if ((bits & Field.GROUP_MISC) != 0)
        {
            icmpType = other.icmpType;
            icmpCode = other.icmpCode;
            flowEndReason = other.flowEndReason;
        }
        if ((bits & Field.IF_COUNTERS) != 0)
        {
            ifIndex = other.ifIndex;
            ifSpeed = other.ifSpeed;
            ifInOctets = other.ifInOctets;
            ifOutOctets = other.ifOutOctets;
            ifInPackets = other.ifInPackets;
            ifOutPackets = other.ifOutPackets;
            ifInErrors = other.ifInErrors;
            ifOutErrors = other.ifOutErrors;
        }
    }

    /**
     * @param field a bit (or bits) of {@link Field}.
     * @return true when the record carries every one of them.
     */
    public boolean has(final long field)
    {
        return (present & field) == field;
    }

    /**
     * @return the presence bits of {@link Field}.
     */
    public long presentFields()
    {
        return present;
    }

    /**
     * Removes fields, e.g. a counter a later rule decided not to trust.
     *
     * @param field bits of {@link Field}.
     */
    public void remove(final long field)
    {
        present &= ~field;
    }

    // ---- identity of the record -------------------------------------------------------------------------------

    /** @return one of {@link RecordKind}. */
    public int kind()
    {
        return kind;
    }

    public void kind(final int kind)
    {
        this.kind = kind;
    }

    /** @return the wire protocol version: 5, 9, 10 (IPFIX) or {@link RecordKind#SFLOW_VERSION}. */
    public int version()
    {
        return version;
    }

    public void version(final int version)
    {
        this.version = version;
    }

    /** @return the NetFlow v9 source id, IPFIX observation domain id or sFlow sub-agent id. */
    public long observationDomain()
    {
        return observationDomain;
    }

    public void observationDomain(final long observationDomain)
    {
        this.observationDomain = observationDomain;
    }

    /** @return the template (set) id the record was decoded with; 0 for v5 and sFlow. */
    public int templateId()
    {
        return templateId;
    }

    public void templateId(final int templateId)
    {
        this.templateId = templateId;
    }

    // ---- addresses and ports ----------------------------------------------------------------------------------

    public long srcAddrHi()
    {
        return srcAddrHi;
    }

    public long srcAddrLo()
    {
        return srcAddrLo;
    }

    public void srcAddr(final long hi, final long lo)
    {
        srcAddrHi = hi;
        srcAddrLo = lo;
        present |= Field.SRC_ADDR;
    }

    public void srcAddrV4(final int ipv4)
    {
        srcAddr(0, IpAddress.mappedLo(ipv4));
    }

    public long dstAddrHi()
    {
        return dstAddrHi;
    }

    public long dstAddrLo()
    {
        return dstAddrLo;
    }

    public void dstAddr(final long hi, final long lo)
    {
        dstAddrHi = hi;
        dstAddrLo = lo;
        present |= Field.DST_ADDR;
    }

    public void dstAddrV4(final int ipv4)
    {
        dstAddr(0, IpAddress.mappedLo(ipv4));
    }

    public int srcPort()
    {
        return srcPort;
    }

    public void srcPort(final int srcPort)
    {
        this.srcPort = srcPort;
        present |= Field.SRC_PORT;
    }

    public int dstPort()
    {
        return dstPort;
    }

    public void dstPort(final int dstPort)
    {
        this.dstPort = dstPort;
        present |= Field.DST_PORT;
    }

    public int protocol()
    {
        return protocol;
    }

    public void protocol(final int protocol)
    {
        this.protocol = protocol;
        present |= Field.PROTOCOL;
    }

    public int tcpFlags()
    {
        return tcpFlags;
    }

    public void tcpFlags(final int tcpFlags)
    {
        this.tcpFlags = tcpFlags;
        present |= Field.TCP_FLAGS;
    }

    public int tos()
    {
        return tos;
    }

    public void tos(final int tos)
    {
        this.tos = tos;
        present |= Field.TOS;
    }

    /** @return 4 or 6 when the exporter said so (IE 60) or the decoder knows it; 0 otherwise. */
    public int ipVersion()
    {
        return ipVersion;
    }

    public void ipVersion(final int ipVersion)
    {
        this.ipVersion = ipVersion;
        present |= Field.IP_VERSION;
    }

    // ---- counters (unsigned 64-bit, unscaled) -----------------------------------------------------------------

    /** @return octetDeltaCount (IE 1, v9 IN_BYTES, v5 dOctets, sFlow frame length). */
    public long bytes()
    {
        return bytes;
    }

    public void bytes(final long bytes)
    {
        this.bytes = bytes;
        present |= Field.BYTES;
    }

    /** @return packetDeltaCount (IE 2, v9 IN_PKTS, v5 dPkts, 1 per sFlow flow sample). */
    public long packets()
    {
        return packets;
    }

    public void packets(final long packets)
    {
        this.packets = packets;
        present |= Field.PACKETS;
    }

    /** @return octetTotalCount (IE 85): a running total, not a delta. */
    public long bytesTotal()
    {
        return bytesTotal;
    }

    public void bytesTotal(final long bytesTotal)
    {
        this.bytesTotal = bytesTotal;
        present |= Field.BYTES_TOTAL;
    }

    /** @return packetTotalCount (IE 86): a running total, not a delta. */
    public long packetsTotal()
    {
        return packetsTotal;
    }

    public void packetsTotal(final long packetsTotal)
    {
        this.packetsTotal = packetsTotal;
        present |= Field.PACKETS_TOTAL;
    }

    /** @return postOctetDeltaCount (IE 23, v9 OUT_BYTES). */
    public long outBytes()
    {
        return outBytes;
    }

    public void outBytes(final long outBytes)
    {
        this.outBytes = outBytes;
        present |= Field.OUT_BYTES;
    }

    /** @return postPacketDeltaCount (IE 24, v9 OUT_PKTS). */
    public long outPackets()
    {
        return outPackets;
    }

    public void outPackets(final long outPackets)
    {
        this.outPackets = outPackets;
        present |= Field.OUT_PACKETS;
    }

    /** @return initiatorOctets (IE 231; Cisco ASA NSEL forward bytes). */
    public long initiatorOctets()
    {
        return initiatorOctets;
    }

    public void initiatorOctets(final long initiatorOctets)
    {
        this.initiatorOctets = initiatorOctets;
        present |= Field.INITIATOR_OCTETS;
    }

    /** @return responderOctets (IE 232; Cisco ASA NSEL reverse bytes). */
    public long responderOctets()
    {
        return responderOctets;
    }

    public void responderOctets(final long responderOctets)
    {
        this.responderOctets = responderOctets;
        present |= Field.RESPONDER_OCTETS;
    }

    /** @return initiatorPackets (IE 298). */
    public long initiatorPackets()
    {
        return initiatorPackets;
    }

    public void initiatorPackets(final long initiatorPackets)
    {
        this.initiatorPackets = initiatorPackets;
        present |= Field.INITIATOR_PACKETS;
    }

    /** @return responderPackets (IE 299). */
    public long responderPackets()
    {
        return responderPackets;
    }

    public void responderPackets(final long responderPackets)
    {
        this.responderPackets = responderPackets;
        present |= Field.RESPONDER_PACKETS;
    }

    /** @return reverse octetDeltaCount of an RFC 5103 biflow (IE 1 with PEN 29305). */
    public long reverseBytes()
    {
        return reverseBytes;
    }

    public void reverseBytes(final long reverseBytes)
    {
        this.reverseBytes = reverseBytes;
        present |= Field.REVERSE_BYTES;
    }

    /** @return reverse packetDeltaCount of an RFC 5103 biflow (IE 2 with PEN 29305). */
    public long reversePackets()
    {
        return reversePackets;
    }

    public void reversePackets(final long reversePackets)
    {
        this.reversePackets = reversePackets;
        present |= Field.REVERSE_PACKETS;
    }

    // ---- sampling ---------------------------------------------------------------------------------------------

    /**
     * @return the sampling rate (1 in N) that applies to this record; meaningful when {@link Field#SAMPLING_RATE}
     * is present. {@link Field#SAMPLING_UNKNOWN} marks a rate that is the configured default, not the exporter's.
     */
    public long samplingRate()
    {
        return samplingRate;
    }

    public void samplingRate(final long samplingRate)
    {
        this.samplingRate = samplingRate;
        present |= Field.SAMPLING_RATE;
    }

    /**
     * Marks the rate as not known from the exporter: the configured default was used instead.
     *
     * @param defaultRate the configured default.
     */
    public void samplingRateUnknown(final long defaultRate)
    {
        this.samplingRate = defaultRate;
        present |= Field.SAMPLING_RATE | Field.SAMPLING_UNKNOWN;
    }

    /** @return samplerId / selectorId (IE 48 / 302) as carried by the record. */
    public long samplerId()
    {
        return samplerId;
    }

    public void samplerId(final long samplerId)
    {
        this.samplerId = samplerId;
        present |= Field.SAMPLER_ID;
    }

    /** @return samplingAlgorithm / samplerMode (IE 35 / 49). */
    public int samplingAlgorithm()
    {
        return samplingAlgorithm;
    }

    public void samplingAlgorithm(final int samplingAlgorithm)
    {
        this.samplingAlgorithm = samplingAlgorithm;
        present |= Field.SAMPLING_ALGORITHM;
    }

    // ---- time -------------------------------------------------------------------------------------------------

    /** @return flow start, epoch milliseconds. */
    public long startMs()
    {
        return startMs;
    }

    public void startMs(final long startMs)
    {
        this.startMs = startMs;
        present |= Field.START;
    }

    /** @return flow end, epoch milliseconds. */
    public long endMs()
    {
        return endMs;
    }

    public void endMs(final long endMs)
    {
        this.endMs = endMs;
        present |= Field.END;
    }

    // ---- routing and layer 2 ----------------------------------------------------------------------------------

    public long inputIf()
    {
        return inputIf;
    }

    public void inputIf(final long inputIf)
    {
        this.inputIf = inputIf;
        present |= Field.INPUT_IF;
    }

    public long outputIf()
    {
        return outputIf;
    }

    public void outputIf(final long outputIf)
    {
        this.outputIf = outputIf;
        present |= Field.OUTPUT_IF;
    }

    /** @return flowDirection (IE 61): 0 ingress, 1 egress. */
    public int direction()
    {
        return direction;
    }

    public void direction(final int direction)
    {
        this.direction = direction;
        present |= Field.DIRECTION;
    }

    public long srcAs()
    {
        return srcAs;
    }

    public void srcAs(final long srcAs)
    {
        this.srcAs = srcAs;
        present |= Field.SRC_AS;
    }

    public long dstAs()
    {
        return dstAs;
    }

    public void dstAs(final long dstAs)
    {
        this.dstAs = dstAs;
        present |= Field.DST_AS;
    }

    public int srcMask()
    {
        return srcMask;
    }

    public void srcMask(final int srcMask)
    {
        this.srcMask = srcMask;
        present |= Field.SRC_MASK;
    }

    public int dstMask()
    {
        return dstMask;
    }

    public void dstMask(final int dstMask)
    {
        this.dstMask = dstMask;
        present |= Field.DST_MASK;
    }

    public long nextHopHi()
    {
        return nextHopHi;
    }

    public long nextHopLo()
    {
        return nextHopLo;
    }

    public void nextHop(final long hi, final long lo)
    {
        nextHopHi = hi;
        nextHopLo = lo;
        present |= Field.NEXT_HOP;
    }

    public int vlanId()
    {
        return vlanId;
    }

    public void vlanId(final int vlanId)
    {
        this.vlanId = vlanId;
        present |= Field.VLAN_ID;
    }

    public int postVlanId()
    {
        return postVlanId;
    }

    public void postVlanId(final int postVlanId)
    {
        this.postVlanId = postVlanId;
        present |= Field.POST_VLAN_ID;
    }

    /** @return source MAC address in the low 48 bits. */
    public long srcMac()
    {
        return srcMac;
    }

    public void srcMac(final long srcMac)
    {
        this.srcMac = srcMac;
        present |= Field.SRC_MAC;
    }

    /** @return destination MAC address in the low 48 bits. */
    public long dstMac()
    {
        return dstMac;
    }

    public void dstMac(final long dstMac)
    {
        this.dstMac = dstMac;
        present |= Field.DST_MAC;
    }

    // ---- NAT and firewall -------------------------------------------------------------------------------------

    public long postNatSrcAddrHi()
    {
        return postNatSrcAddrHi;
    }

    public long postNatSrcAddrLo()
    {
        return postNatSrcAddrLo;
    }

    public void postNatSrcAddr(final long hi, final long lo)
    {
        postNatSrcAddrHi = hi;
        postNatSrcAddrLo = lo;
        present |= Field.POST_NAT_SRC_ADDR;
    }

    public long postNatDstAddrHi()
    {
        return postNatDstAddrHi;
    }

    public long postNatDstAddrLo()
    {
        return postNatDstAddrLo;
    }

    public void postNatDstAddr(final long hi, final long lo)
    {
        postNatDstAddrHi = hi;
        postNatDstAddrLo = lo;
        present |= Field.POST_NAT_DST_ADDR;
    }

    public int postNatSrcPort()
    {
        return postNatSrcPort;
    }

    public void postNatSrcPort(final int postNatSrcPort)
    {
        this.postNatSrcPort = postNatSrcPort;
        present |= Field.POST_NAT_SRC_PORT;
    }

    public int postNatDstPort()
    {
        return postNatDstPort;
    }

    public void postNatDstPort(final int postNatDstPort)
    {
        this.postNatDstPort = postNatDstPort;
        present |= Field.POST_NAT_DST_PORT;
    }

    /** @return firewallEvent (IE 233; NSEL event). */
    public int firewallEvent()
    {
        return firewallEvent;
    }

    public void firewallEvent(final int firewallEvent)
    {
        this.firewallEvent = firewallEvent;
        present |= Field.FIREWALL_EVENT;
    }

    /** @return Cisco ASA extended event (NSEL 33002). */
    public int fwExtEvent()
    {
        return fwExtEvent;
    }

    public void fwExtEvent(final int fwExtEvent)
    {
        this.fwExtEvent = fwExtEvent;
        present |= Field.FW_EXT_EVENT;
    }

    /** @return natEvent (IE 230). */
    public int natEvent()
    {
        return natEvent;
    }

    public void natEvent(final int natEvent)
    {
        this.natEvent = natEvent;
        present |= Field.NAT_EVENT;
    }

    public int icmpType()
    {
        return icmpType;
    }

    public void icmpType(final int icmpType)
    {
        this.icmpType = icmpType;
        present |= Field.ICMP_TYPE;
    }

    public int icmpCode()
    {
        return icmpCode;
    }

    public void icmpCode(final int icmpCode)
    {
        this.icmpCode = icmpCode;
        present |= Field.ICMP_CODE;
    }

    /** @return flowEndReason (IE 136). */
    public int flowEndReason()
    {
        return flowEndReason;
    }

    public void flowEndReason(final int flowEndReason)
    {
        this.flowEndReason = flowEndReason;
        present |= Field.FLOW_END_REASON;
    }

    // ---- sFlow generic interface counters (kind COUNTER) ------------------------------------------------------

    public long ifIndex()
    {
        return ifIndex;
    }

    public void ifIndex(final long ifIndex)
    {
        this.ifIndex = ifIndex;
        present |= Field.IF_COUNTERS;
    }

    public long ifSpeed()
    {
        return ifSpeed;
    }

    public long ifInOctets()
    {
        return ifInOctets;
    }

    public long ifOutOctets()
    {
        return ifOutOctets;
    }

    public long ifInPackets()
    {
        return ifInPackets;
    }

    public long ifOutPackets()
    {
        return ifOutPackets;
    }

    public long ifInErrors()
    {
        return ifInErrors;
    }

    public long ifOutErrors()
    {
        return ifOutErrors;
    }

    /**
     * Sets the generic interface counters of an sFlow counter sample (RFC 3635 style ifTable values).
     */
    public void ifCounters(
        final long ifIndex,
        final long ifSpeed,
        final long ifInOctets,
        final long ifInPackets,
        final long ifInErrors,
        final long ifOutOctets,
        final long ifOutPackets,
        final long ifOutErrors)
    {
        this.ifIndex = ifIndex;
        this.ifSpeed = ifSpeed;
        this.ifInOctets = ifInOctets;
        this.ifInPackets = ifInPackets;
        this.ifInErrors = ifInErrors;
        this.ifOutOctets = ifOutOctets;
        this.ifOutPackets = ifOutPackets;
        this.ifOutErrors = ifOutErrors;
        present |= Field.IF_COUNTERS;
    }
}
