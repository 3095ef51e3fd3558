package org.jet.collector.decode.template;

import static org.jet.collector.decode.template.InformationElements.VARIABLE_LENGTH;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.UncheckedWire;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;

/**
 * Decodes the records of one data set with a compiled {@link Template} into a reused {@link FlowRecord}, then
 * completes each record: epoch times from whatever time elements it carries, the sampling rate that applies to it
 * (flows), or the sampling state it announces (options records).
 *
 * <p>This is the hot loop of NetFlow v9 and IPFIX, without allocation. Per record, {@link #applyIntegers} hands
 * the record its integer fields in code order, each read where the compiled template says it lies (a
 * variable-length record is walked first, its integers put aside by code); IPv6 addresses go to the record
 * directly. Every record of a flow template sets the same fields, so the record is cleared in full only when the
 * template (or set) changes, for options records, or when the sink changed the record's presence bits; otherwise each
 * record overwrites exactly the fields the previous one set and absent fields stay zero.
 *
 * <p>Sampling rate of a flow record, first match wins: the exporter's configured override; a rate carried in the
 * record (IE 34, 50, 305/306, 309/310); the rate announced for the record's sampler id (IE 48 / 302) in options
 * data; the rate announced last in the record's observation domain; the rate announced last by the exporter host;
 * otherwise the configured default, marked unknown.
 */
public final class RecordDecoder implements PendingSets.PendingDecoder
{
    private static final int T_FIRST = 1;
    private static final int T_LAST = 1 << 1;
    private static final int T_START_ABS = 1 << 2;
    private static final int T_END_ABS = 1 << 3;
    private static final int T_START_DELTA = 1 << 4;
    private static final int T_END_DELTA = 1 << 5;
    private static final int T_SYSTEM_INIT = 1 << 6;
    private static final int T_OBSERVATION = 1 << 7;

    private static final int S_INTERVAL = 1;
    private static final int S_RANDOM = 1 << 1;
    private static final int S_PACKET_INTERVAL = 1 << 2;
    private static final int S_PACKET_SPACE = 1 << 3;
    private static final int S_SIZE = 1 << 4;
    private static final int S_POPULATION = 1 << 5;
    private static final int S_SAMPLER_ID = 1 << 6;

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private static final int[] SCRATCH_READ_AT = new int[FieldOp.COUNT];
    private static final long[] SCRATCH_MASKS = new long[FieldOp.COUNT];

    static
    {
        for (int op = 0; op < FieldOp.COUNT; op++)
        {
            SCRATCH_READ_AT[op] = op * Long.BYTES;
            SCRATCH_MASKS[op] = -1L;
        }
    }

    private final FlowRecord record = new FlowRecord();
    /** A walked record's integers, big-endian, 8 bytes at each code's place. */
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[FieldOp.COUNT * Long.BYTES]);
    private final TemplateStore store;
    private final long defaultRate;

    // Where applyIntegers reads the record's integers: the datagram, or the scratch area.
    private DirectBuffer integers;
    private int integersAt;
    private int[] integersReadAt;
    private long[] integersMasks;

    private Exporter exporter;
    private HostState host;
    private DomainState domain;
    private Template template;
    private int version;
    private long exportMs;
    private long sysUptimeMs;
    private long samplingOverride;
    private FlowSink sink;
    private int malformedAt = -1;
    /** Presence bits the last record was handed to the sink with; -1 forces a full clear. */
    private long deliveredPresent = -1;

    private long cachedSamplerEpoch = -1;
    private DomainState cachedSamplerDomain;
    private long cachedSamplerId;
    private long cachedSamplerRate;

    private int timeBits;
    private long firstSwitched;
    private long lastSwitched;
    private long startAbsMs;
    private long endAbsMs;
    private long startDeltaMicros;
    private long endDeltaMicros;
    private long systemInitMs;
    private long observationMs;

    private int samplingBits;
    private long samplingInterval;
    private long samplerRandomInterval;
    private long packetInterval;
    private long packetSpace;
    private long samplingSize;
    private long samplingPopulation;
    private long samplerId;

    public RecordDecoder(final TemplateStore store, final long defaultRate)
    {
        this.store = store;
        this.defaultRate = defaultRate;
    }

    /**
     * Sets the context of the sets decoded next: where they came from, under which template and header.
     *
     * @param version     9 or 10; decides what sysUptime-relative times (IE 21/22) are relative to.
     * @param exportMs    the header's export time as epoch ms.
     * @param sysUptimeMs NetFlow v9 header sysUptime (ms since the exporter booted); unused for IPFIX.
     */
    public void context(
        final Exporter exporter,
        final HostState host,
        final DomainState domain,
        final Template template,
        final int version,
        final long exportMs,
        final long sysUptimeMs,
        final FlowSink sink)
    {
        this.exporter = exporter;
        this.host = host;
        this.domain = domain;
        this.template = template;
        this.version = version;
        this.exportMs = exportMs;
        this.sysUptimeMs = sysUptimeMs;
        this.samplingOverride = exporter.samplingOverride();
        this.sink = sink;
        this.deliveredPresent = -1;
    }

    /**
     * @return offset where the last {@link #decodeSet} found a variable-length field running past its set; -1 when
     * the set was fine.
     */
    public int malformedAt()
    {
        return malformedAt;
    }

    @Override
    public int decodePending(
        final Exporter exporter,
        final long exportTimeMs,
        final long sysUptime,
        final DirectBuffer buffer,
        final int start,
        final int end)
    {
        this.exporter = exporter;
        this.exportMs = exportTimeMs;
        this.sysUptimeMs = sysUptime;
        this.samplingOverride = exporter.samplingOverride();
        this.deliveredPresent = -1;
        return decodeSet(buffer, start, end);
    }

    /**
     * Decodes the records between {@code start} and {@code end} (a data set without its header) in the current
     * context and hands each to the sink. Trailing bytes shorter than a record are padding.
     *
     * @return the number of records delivered; when a variable-length field overruns the set, the records before
     * it are delivered and {@link #malformedAt()} tells where.
     */
    public int decodeSet(final DirectBuffer buffer, final int start, final int end)
    {
        malformedAt = -1;
        if (!UncheckedWire.holds(buffer, start, end - start))
        {
            malformedAt = start;
            return 0;
        }
        // Past here every read ends inside [start, end): a record is read only when the set holds all of it, a
        // variable-length field only when the set holds its length; so the reads need no check of their own. An
        // integer read in place may begin up to 7 bytes before the set, hence in place only from offset 8 on.
        return !template.variableLength() && start >= Long.BYTES ?
            decodeInPlace(buffer, start, end) : decodeWalking(buffer, start, end);
    }

    /**
     * Records of one length, the common case: each integer is read where it lies, as the 8 bytes that end where
     * the field ends, masked to its length; so the first of them may precede the set, never the buffer's start.
     */
    private int decodeInPlace(final DirectBuffer buffer, final int start, final int end)
    {
        final Template template = this.template;
        final int recordLength = template.recordLength();
        final long integerOpsLo = template.integerOpsLo();
        final long integerOpsHi = template.integerOpsHi();
        final int[] wideOps = template.wideOps();
        final int[] wideOffsets = template.wideOffsets();
        integersFrom(buffer, template.integerReadAt(), template.integerMasks());
        int records = 0;
        for (int at = start; end - at >= recordLength; at += recordLength)
        {
            beginRecord();
            for (int i = 0; i < wideOps.length; i++)
            {
                apply128(wideOps[i], buffer, at + wideOffsets[i]);
            }
            integersAt = at;
            applyIntegers(integerOpsLo, integerOpsHi);
            finishRecord();
            deliver();
            records++;
        }
        return records;
    }

    /**
     * Records of variable length, and fixed ones too close to the buffer's start to be read in place (data held for
     * its template): the fields are walked, each integer put in {@link #scratch} at its code's place.
     */
    private int decodeWalking(final DirectBuffer buffer, final int start, final int end)
    {
        final Template template = this.template;
        final int[] ops = template.planOps();
        final int[] offsets = template.planOffsets();
        final int[] lengths = template.planLengths();
        final int fields = ops.length;
        final boolean fixed = !template.variableLength();
        final int recordLength = fixed ? template.recordLength() : template.minRecordLength();
        final long integerOpsLo = template.integerOpsLo();
        final long integerOpsHi = template.integerOpsHi();
        integersFrom(scratch, SCRATCH_READ_AT, SCRATCH_MASKS);
        integersAt = 0;
        int records = 0;

        int at = start;
        while (end - at >= recordLength)
        {
            beginRecord();
            int next = at;
            for (int i = 0; i < fields; i++)
            {
                final int op = ops[i];
                int length = lengths[i];
                final int field;
                if (fixed)
                {
                    field = at + offsets[i];
                }
                else
                {
                    if (length == VARIABLE_LENGTH)
                    {
                        if (next >= end)
                        {
                            malformedAt = next;
                            return records;
                        }
                        length = UncheckedWire.u8(buffer, next++);
                        if (length == 255)
                        {
                            if (end - next < 2)
                            {
                                malformedAt = next;
                                return records;
                            }
                            length = UncheckedWire.u16(buffer, next);
                            next += 2;
                        }
                    }
                    if (end - next < length)
                    {
                        malformedAt = next;
                        return records;
                    }
                    field = next;
                    next += length;
                    if (op == FieldOp.SKIP)
                    {
                        continue;
                    }
                }

                if (length > 8)
                {
                    apply128(op, buffer, field);
                }
                else
                {
                    scratch.putLong(op * Long.BYTES, UncheckedWire.uint(buffer, field, length), ByteOrder.BIG_ENDIAN);
                }
            }
            applyIntegers(integerOpsLo, integerOpsHi);
            finishRecord();
            deliver();
            records++;
            at = fixed ? at + recordLength : next;
        }
        return records;
    }

    private void integersFrom(final DirectBuffer buffer, final int[] readAt, final long[] masks)
    {
        integers = buffer;
        integersReadAt = readAt;
        integersMasks = masks;
    }

    /**
     * @return the integer of code {@code op} in the record being decoded: see {@link #integersFrom}.
     */
    private long integer(final int op)
    {
        return UncheckedWire.u64(integers, integersAt + integersReadAt[op]) & integersMasks[op];
    }

    /**
     * Hands a record its integer fields, in code order, for the codes in {@code lo}/{@code hi} (bit = code; see
     * {@link FieldOp#has}), each read by {@link #integer}. One well-predicted test per code costs far less than a
     * switch per field of the template, whose jump target changes from field to field. Of several absolute start
     * (end) times, the most precise wins.
     */
    private void applyIntegers(final long lo, final long hi)
    {
        final FlowRecord record = this.record;
        // addresses, ports, protocol
        if (FieldOp.any(lo, hi, FieldOp.SRC_V4, FieldOp.IP_VERSION))
        {
            if (FieldOp.has(lo, hi, FieldOp.SRC_V4))
            {
                record.srcAddr(0, IpAddress.mappedLo((int)integer(FieldOp.SRC_V4)));
            }
            if (FieldOp.has(lo, hi, FieldOp.DST_V4))
            {
                record.dstAddr(0, IpAddress.mappedLo((int)integer(FieldOp.DST_V4)));
            }
            if (FieldOp.has(lo, hi, FieldOp.NEXT_HOP_V4))
            {
                record.nextHop(0, IpAddress.mappedLo((int)integer(FieldOp.NEXT_HOP_V4)));
            }
            if (FieldOp.has(lo, hi, FieldOp.POST_NAT_SRC_V4))
            {
                record.postNatSrcAddr(0, IpAddress.mappedLo((int)integer(FieldOp.POST_NAT_SRC_V4)));
            }
            if (FieldOp.has(lo, hi, FieldOp.POST_NAT_DST_V4))
            {
                record.postNatDstAddr(0, IpAddress.mappedLo((int)integer(FieldOp.POST_NAT_DST_V4)));
            }
            if (FieldOp.has(lo, hi, FieldOp.SRC_PORT))
            {
                record.srcPort((int)integer(FieldOp.SRC_PORT));
            }
            if (FieldOp.has(lo, hi, FieldOp.DST_PORT))
            {
                record.dstPort((int)integer(FieldOp.DST_PORT));
            }
            if (FieldOp.has(lo, hi, FieldOp.POST_NAT_SRC_PORT))
            {
                record.postNatSrcPort((int)integer(FieldOp.POST_NAT_SRC_PORT));
            }
            if (FieldOp.has(lo, hi, FieldOp.POST_NAT_DST_PORT))
            {
                record.postNatDstPort((int)integer(FieldOp.POST_NAT_DST_PORT));
            }
            if (FieldOp.has(lo, hi, FieldOp.PROTOCOL))
            {
                record.protocol((int)integer(FieldOp.PROTOCOL));
            }
            if (FieldOp.has(lo, hi, FieldOp.TCP_FLAGS))
            {
                record.tcpFlags((int)integer(FieldOp.TCP_FLAGS));
            }
            if (FieldOp.has(lo, hi, FieldOp.TOS))
            {
                record.tos((int)integer(FieldOp.TOS));
            }
            if (FieldOp.has(lo, hi, FieldOp.IP_VERSION))
            {
                record.ipVersion((int)integer(FieldOp.IP_VERSION));
            }
        }
        // counters
        if (FieldOp.any(lo, hi, FieldOp.BYTES, FieldOp.REVERSE_PACKETS))
        {
            if (FieldOp.has(lo, hi, FieldOp.BYTES))
            {
                record.bytes(integer(FieldOp.BYTES));
            }
            if (FieldOp.has(lo, hi, FieldOp.PACKETS))
            {
                record.packets(integer(FieldOp.PACKETS));
            }
            if (FieldOp.has(lo, hi, FieldOp.BYTES_TOTAL))
            {
                record.bytesTotal(integer(FieldOp.BYTES_TOTAL));
            }
            if (FieldOp.has(lo, hi, FieldOp.PACKETS_TOTAL))
            {
                record.packetsTotal(integer(FieldOp.PACKETS_TOTAL));
            }
            if (FieldOp.has(lo, hi, FieldOp.OUT_BYTES))
            {
                record.outBytes(integer(FieldOp.OUT_BYTES));
            }
            if (FieldOp.has(lo, hi, FieldOp.OUT_PACKETS))
            {
                record.outPackets(integer(FieldOp.OUT_PACKETS));
            }
            if (FieldOp.has(lo, hi, FieldOp.INITIATOR_OCTETS))
            {
                record.initiatorOctets(integer(FieldOp.INITIATOR_OCTETS));
            }
            if (FieldOp.has(lo, hi, FieldOp.RESPONDER_OCTETS))
            {
                record.responderOctets(integer(FieldOp.RESPONDER_OCTETS));
            }
            if (FieldOp.has(lo, hi, FieldOp.INITIATOR_PACKETS))
            {
                record.initiatorPackets(integer(FieldOp.INITIATOR_PACKETS));
            }
            if (FieldOp.has(lo, hi, FieldOp.RESPONDER_PACKETS))
            {
                record.responderPackets(integer(FieldOp.RESPONDER_PACKETS));
            }
            if (FieldOp.has(lo, hi, FieldOp.REVERSE_BYTES))
            {
                record.reverseBytes(integer(FieldOp.REVERSE_BYTES));
            }
            if (FieldOp.has(lo, hi, FieldOp.REVERSE_PACKETS))
            {
                record.reversePackets(integer(FieldOp.REVERSE_PACKETS));
            }
        }
        // interfaces, AS numbers, masks, VLANs, MACs
        if (FieldOp.any(lo, hi, FieldOp.INPUT_IF, FieldOp.DST_MAC))
        {
            if (FieldOp.has(lo, hi, FieldOp.INPUT_IF))
            {
                record.inputIf(integer(FieldOp.INPUT_IF));
            }
            if (FieldOp.has(lo, hi, FieldOp.OUTPUT_IF))
            {
                record.outputIf(integer(FieldOp.OUTPUT_IF));
            }
            if (FieldOp.has(lo, hi, FieldOp.DIRECTION))
            {
                record.direction((int)integer(FieldOp.DIRECTION));
            }
            if (FieldOp.has(lo, hi, FieldOp.SRC_AS))
            {
                record.srcAs(integer(FieldOp.SRC_AS));
            }
            if (FieldOp.has(lo, hi, FieldOp.DST_AS))
            {
                record.dstAs(integer(FieldOp.DST_AS));
            }
            if (FieldOp.has(lo, hi, FieldOp.SRC_MASK))
            {
                record.srcMask((int)integer(FieldOp.SRC_MASK));
            }
            if (FieldOp.has(lo, hi, FieldOp.DST_MASK))
            {
                record.dstMask((int)integer(FieldOp.DST_MASK));
            }
            if (FieldOp.has(lo, hi, FieldOp.VLAN_ID))
            {
                record.vlanId((int)integer(FieldOp.VLAN_ID));
            }
            if (FieldOp.has(lo, hi, FieldOp.POST_VLAN_ID))
            {
                record.postVlanId((int)integer(FieldOp.POST_VLAN_ID));
            }
            if (FieldOp.has(lo, hi, FieldOp.SRC_MAC))
            {
                record.srcMac(integer(FieldOp.SRC_MAC));
            }
            if (FieldOp.has(lo, hi, FieldOp.DST_MAC))
            {
                record.dstMac(integer(FieldOp.DST_MAC));
            }
        }
        // firewall and NAT events, ICMP, end reason
        if (FieldOp.any(lo, hi, FieldOp.FIREWALL_EVENT, FieldOp.FLOW_END_REASON))
        {
            if (FieldOp.has(lo, hi, FieldOp.FIREWALL_EVENT))
            {
                record.firewallEvent((int)integer(FieldOp.FIREWALL_EVENT));
            }
            if (FieldOp.has(lo, hi, FieldOp.FW_EXT_EVENT))
            {
                record.fwExtEvent((int)integer(FieldOp.FW_EXT_EVENT));
            }
            if (FieldOp.has(lo, hi, FieldOp.NAT_EVENT))
            {
                record.natEvent((int)integer(FieldOp.NAT_EVENT));
            }
            if (FieldOp.has(lo, hi, FieldOp.ICMP_TYPE_CODE))
            {
                final long value = integer(FieldOp.ICMP_TYPE_CODE);
                record.icmpType((int)(value >>> 8) & 0xff);
                record.icmpCode((int)value & 0xff);
            }
            if (FieldOp.has(lo, hi, FieldOp.ICMP_TYPE))
            {
                record.icmpType((int)integer(FieldOp.ICMP_TYPE));
            }
            if (FieldOp.has(lo, hi, FieldOp.ICMP_CODE))
            {
                record.icmpCode((int)integer(FieldOp.ICMP_CODE));
            }
            if (FieldOp.has(lo, hi, FieldOp.FLOW_END_REASON))
            {
                record.flowEndReason((int)integer(FieldOp.FLOW_END_REASON));
            }
        }
        // sampling
        if (FieldOp.any(lo, hi, FieldOp.SAMPLING_INTERVAL, FieldOp.SAMPLING_POPULATION))
        {
            if (FieldOp.has(lo, hi, FieldOp.SAMPLING_INTERVAL))
            {
                samplingInterval = integer(FieldOp.SAMPLING_INTERVAL);
                samplingBits |= S_INTERVAL;
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLING_ALGORITHM))
            {
                record.samplingAlgorithm((int)integer(FieldOp.SAMPLING_ALGORITHM));
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLER_ID))
            {
                samplerId = integer(FieldOp.SAMPLER_ID);
                samplingBits |= S_SAMPLER_ID;
                record.samplerId(samplerId);
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLER_RANDOM_INTERVAL))
            {
                samplerRandomInterval = integer(FieldOp.SAMPLER_RANDOM_INTERVAL);
                samplingBits |= S_RANDOM;
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLING_PACKET_INTERVAL))
            {
                packetInterval = integer(FieldOp.SAMPLING_PACKET_INTERVAL);
                samplingBits |= S_PACKET_INTERVAL;
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLING_PACKET_SPACE))
            {
                packetSpace = integer(FieldOp.SAMPLING_PACKET_SPACE);
                samplingBits |= S_PACKET_SPACE;
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLING_SIZE))
            {
                samplingSize = integer(FieldOp.SAMPLING_SIZE);
                samplingBits |= S_SIZE;
            }
            if (FieldOp.has(lo, hi, FieldOp.SAMPLING_POPULATION))
            {
                samplingPopulation = integer(FieldOp.SAMPLING_POPULATION);
                samplingBits |= S_POPULATION;
            }
        }
        // times
        if (FieldOp.any(lo, hi, FieldOp.FIRST_SWITCHED, FieldOp.OBSERVATION_MILLIS))
        {
            // a time of 0 is "not filled in" (PAN-OS, nfdump #608), not the exporter's boot or 1970
            if (FieldOp.has(lo, hi, FieldOp.FIRST_SWITCHED))
            {
                final long value = integer(FieldOp.FIRST_SWITCHED);
                firstSwitched = value;
                timeBits |= value != 0 ? T_FIRST : 0;
            }
            if (FieldOp.has(lo, hi, FieldOp.LAST_SWITCHED))
            {
                final long value = integer(FieldOp.LAST_SWITCHED);
                lastSwitched = value;
                timeBits |= value != 0 ? T_LAST : 0;
            }
            if (FieldOp.has(lo, hi, FieldOp.START_SECONDS))
            {
                final long value = integer(FieldOp.START_SECONDS);
                if (value != 0)
                {
                    startAbsMs = value * 1000;
                    timeBits |= T_START_ABS;
                }
            }
            if (FieldOp.has(lo, hi, FieldOp.END_SECONDS))
            {
                final long value = integer(FieldOp.END_SECONDS);
                if (value != 0)
                {
                    endAbsMs = value * 1000;
                    timeBits |= T_END_ABS;
                }
            }
            if (FieldOp.has(lo, hi, FieldOp.START_MILLIS))
            {
                final long value = integer(FieldOp.START_MILLIS);
                if (value != 0)
                {
                    startAbsMs = value;
                    timeBits |= T_START_ABS;
                }
            }
            if (FieldOp.has(lo, hi, FieldOp.END_MILLIS))
            {
                final long value = integer(FieldOp.END_MILLIS);
                if (value != 0)
                {
                    endAbsMs = value;
                    timeBits |= T_END_ABS;
                }
            }
            if (FieldOp.has(lo, hi, FieldOp.START_NTP))
            {
                final long value = integer(FieldOp.START_NTP);
                if (value != 0)
                {
                    startAbsMs = ntpToEpochMs(value);
                    timeBits |= T_START_ABS;
                }
            }
            if (FieldOp.has(lo, hi, FieldOp.END_NTP))
            {
                final long value = integer(FieldOp.END_NTP);
                if (value != 0)
                {
                    endAbsMs = ntpToEpochMs(value);
                    timeBits |= T_END_ABS;
                }
            }
            if (FieldOp.has(lo, hi, FieldOp.START_DELTA_MICROS))
            {
                startDeltaMicros = integer(FieldOp.START_DELTA_MICROS);
                timeBits |= T_START_DELTA;
            }
            if (FieldOp.has(lo, hi, FieldOp.END_DELTA_MICROS))
            {
                endDeltaMicros = integer(FieldOp.END_DELTA_MICROS);
                timeBits |= T_END_DELTA;
            }
            if (FieldOp.has(lo, hi, FieldOp.SYSTEM_INIT_MILLIS))
            {
                systemInitMs = integer(FieldOp.SYSTEM_INIT_MILLIS);
                timeBits |= T_SYSTEM_INIT;
            }
            if (FieldOp.has(lo, hi, FieldOp.OBSERVATION_MILLIS))
            {
                final long value = integer(FieldOp.OBSERVATION_MILLIS);
                observationMs = value;
                timeBits |= value != 0 ? T_OBSERVATION : 0;
            }
        }
    }

    private void beginRecord()
    {
        final FlowRecord record = this.record;
        if (record.presentFields() != deliveredPresent || template.options())
        {
            record.clear();
            record.version(version);
            record.observationDomain(domain.domain());
            record.templateId(template.templateId());
        }
        else
        {
            record.remove(Field.SAMPLING_UNKNOWN); // the only bit that differs between records of one template
        }
        timeBits = 0;
        samplingBits = 0;
    }

    private void deliver()
    {
        final FlowRecord record = this.record;
        final long present = record.presentFields();
        sink.onRecord(exporter, record);
        deliveredPresent = present;
    }

    /**
     * The 16-byte (IPv6 address) codes.
     */
    private void apply128(final int op, final DirectBuffer buffer, final int at)
    {
        final long hi = UncheckedWire.u64(buffer, at);
        final long lo = UncheckedWire.u64(buffer, at + 8);
        switch (op)
        {
            case FieldOp.SRC_V6:
                record.srcAddr(hi, lo);
                break;
            case FieldOp.DST_V6:
                record.dstAddr(hi, lo);
                break;
            case FieldOp.NEXT_HOP_V6:
                record.nextHop(hi, lo);
                break;
            case FieldOp.POST_NAT_SRC_V6:
                record.postNatSrcAddr(hi, lo);
                break;
            case FieldOp.POST_NAT_DST_V6:
                record.postNatDstAddr(hi, lo);
                break;
            default:
                break;
        }
    }

    private void finishRecord()
    {
        finishTimes();
        if ((timeBits & T_SYSTEM_INIT) != 0 && systemInitMs > 0 && systemInitMs != domain.systemInitMs)
        {
            store.learnSystemInit(domain, systemInitMs);
        }
        if (template.options())
        {
            record.kind(RecordKind.OPTIONS);
            learnFromOptions();
            return;
        }

        long rate = samplingOverride;
        if (rate <= 0)
        {
            rate = samplingBits != 0 ? rateInRecord() : 0;
            if (rate <= 0 && (samplingBits & S_SAMPLER_ID) != 0)
            {
                rate = samplerRate(samplerId);
            }
            if (rate <= 0)
            {
                rate = domain.anyRate;
            }
            if (rate <= 0)
            {
                rate = host.anyRate;
            }
        }
        if (rate > 0)
        {
            record.samplingRate(rate);
        }
        else
        {
            record.samplingRateUnknown(defaultRate);
        }
    }

    /**
     * @return the rate announced for the sampler, remembered while no sampling state changes (one map lookup per
     * sampler change instead of per record).
     */
    private long samplerRate(final long samplerId)
    {
        final long epoch = store.samplingEpoch();
        if (cachedSamplerEpoch != epoch || cachedSamplerDomain != domain || cachedSamplerId != samplerId)
        {
            cachedSamplerEpoch = epoch;
            cachedSamplerDomain = domain;
            cachedSamplerId = samplerId;
            cachedSamplerRate = domain.samplerRate(samplerId);
        }
        return cachedSamplerRate;
    }

    private void learnFromOptions()
    {
        if (samplingBits != 0)
        {
            final long rate = rateInRecord();
            if (rate > 0)
            {
                record.samplingRate(rate);
                store.learnSampler(host, domain, (samplingBits & S_SAMPLER_ID) != 0 ? samplerId : 0, rate);
            }
        }
    }

    /**
     * @return the sampling rate the record's own fields give, 0 when none: population / size (PSAMP n-out-of-N,
     * Cisco IOS XR), (interval + space) / interval (PSAMP systematic count-based, softflowd, Juniper), the sampling
     * interval, the random sampler interval, or the packet interval alone.
     */
    private long rateInRecord()
    {
        final int bits = samplingBits;
        if ((bits & (S_SIZE | S_POPULATION)) == (S_SIZE | S_POPULATION) && samplingSize > 0 && samplingPopulation > 0)
        {
            return Math.max(1, samplingPopulation / samplingSize);
        }
        if ((bits & (S_PACKET_INTERVAL | S_PACKET_SPACE)) == (S_PACKET_INTERVAL | S_PACKET_SPACE) &&
            packetInterval > 0 && packetSpace >= 0)
        {
            return (packetInterval + packetSpace) / packetInterval;
        }
        if ((bits & S_INTERVAL) != 0 && samplingInterval > 0)
        {
            return samplingInterval;
        }
        if ((bits & S_RANDOM) != 0 && samplerRandomInterval > 0)
        {
            return samplerRandomInterval;
        }
        if ((bits & S_PACKET_INTERVAL) != 0 && packetInterval > 0)
        {
            return packetInterval;
        }
        return 0;
    }

    /**
     * Epoch times, best source first: absolute times (IE 150-157), deltas to the export time (IE 158/159),
     * sysUptime-relative times (IE 22/21: v9 against the header's sysUptime with 32-bit wrap; IPFIX against
     * systemInitTimeMilliseconds from the record or the domain's options data, else ending at the export time with
     * the flow's duration kept). Without any, the observation time (IE 323) or the export time.
     */
    private void finishTimes()
    {
        final int bits = timeBits;
        long start = 0;
        long end = 0;
        boolean hasStart = false;
        boolean hasEnd = false;
        if ((bits & T_START_ABS) != 0)
        {
            start = startAbsMs;
            hasStart = true;
        }
        else if ((bits & T_START_DELTA) != 0)
        {
            start = exportMs - startDeltaMicros / 1000;
            hasStart = true;
        }
        if ((bits & T_END_ABS) != 0)
        {
            end = endAbsMs;
            hasEnd = true;
        }
        else if ((bits & T_END_DELTA) != 0)
        {
            end = exportMs - endDeltaMicros / 1000;
            hasEnd = true;
        }

        if ((bits & (T_FIRST | T_LAST)) != 0 && !(hasStart && hasEnd))
        {
            if (version == 9)
            {
                if (!hasStart && (bits & T_FIRST) != 0)
                {
                    start = uptimeToEpochMs(firstSwitched);
                    hasStart = true;
                }
                if (!hasEnd && (bits & T_LAST) != 0)
                {
                    end = uptimeToEpochMs(lastSwitched);
                    hasEnd = true;
                }
            }
            else
            {
                final long init = (bits & T_SYSTEM_INIT) != 0 ? systemInitMs : domain.systemInitMs;
                if (init > 0)
                {
                    if (!hasStart && (bits & T_FIRST) != 0)
                    {
                        start = init + firstSwitched;
                        hasStart = true;
                    }
                    if (!hasEnd && (bits & T_LAST) != 0)
                    {
                        end = init + lastSwitched;
                        hasEnd = true;
                    }
                }
                else if (!hasEnd)
                {
                    end = exportMs;
                    hasEnd = true;
                    if (!hasStart && (bits & (T_FIRST | T_LAST)) == (T_FIRST | T_LAST))
                    {
                        start = end - Math.max(0, lastSwitched - firstSwitched);
                        hasStart = true;
                    }
                }
            }
        }

        if (!hasEnd)
        {
            end = (bits & T_OBSERVATION) != 0 ? observationMs : hasStart ? start : exportMs;
        }
        if (!hasStart)
        {
            start = end;
        }
        record.startMs(start);
        record.endMs(end);
    }

    /**
     * @return the epoch ms of a v9 sysUptime value: the export time minus how long before the header's sysUptime it
     * was, in 32-bit arithmetic so a value from before an uptime wrap is still a little in the past; a value after
     * the header's uptime (clock skew) is clamped to the export time instead of landing 49 days away.
     */
    private long uptimeToEpochMs(final long uptime)
    {
        final int ago = (int)(sysUptimeMs - uptime);
        return ago > 0 ? exportMs - ago : exportMs;
    }

    private static long ntpToEpochMs(final long ntp)
    {
        final long seconds = (ntp >>> 32) - NTP_UNIX_OFFSET_SECONDS;
        final long millis = ((ntp & 0xffff_ffffL) * 1000) >>> 32;
        return seconds * 1000 + millis;
    }
}
