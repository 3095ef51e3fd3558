package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.decode.SequenceTracker;
import org.jet.collector.decode.UncheckedWire;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;

/**
 * Decodes sFlow v5 datagrams: a {@link SflowDatagramHeader} followed by samples, each in a {@link SflowEnvelope}.
 *
 * <p>One {@link FlowRecord} per sample:
 * <ul>
 *   <li>flow samples (compact type 1, expanded type 3) give a {@link RecordKind#FLOW} record: the key from the
 *       records ({@link FlowSampleRecords}), bytes = the sampled frame length, packets = 1, both unscaled, and the
 *       sample's sampling rate (the exporter's configured override wins; a rate of 0 is marked unknown and the
 *       configured default used).</li>
 *   <li>counter samples (compact type 2, expanded type 4) give a {@link RecordKind#COUNTER} record, with the
 *       generic interface counters when the sample has them.</li>
 *   <li>discarded-packet samples (type 5) and enterprise samples are skipped by their length, silently.</li>
 * </ul>
 * Every record carries the sub-agent id as {@link FlowRecord#observationDomain()} and the sample's source id as
 * {@link FlowRecord#samplerId()} ({@code source id type << 32 | source id index}). Interfaces are in the compact
 * encoding: an ifIndex, or {@code format << 30 | value} with format 1 = discarded (value = reason) and
 * 2 = several output interfaces (value = how many), as the agent sent them.
 *
 * <p>Loss: sample sequence numbers are tracked per (exporter, agent, sub-agent, source id, flow/counter), so a
 * gap counts the samples lost, whether in the network or in the agent. The datagram sequence number is not
 * reported separately: the same loss would be counted twice.
 *
 * <p>Bounds: at most {@link DecoderConfig#maxSamplesPerDatagram()} samples ({@link Malformation#SAMPLE_LIMIT}
 * beyond); every count is checked against the bytes that hold it. A sample that runs past the datagram ends the
 * datagram ({@link Malformation#BAD_SAMPLE}); a sample whose own records are inconsistent is dropped alone (same
 * reason) and decoding goes on with the next sample, which its length locates. Fields are read without a bounds
 * check each ({@link UncheckedWire}): the datagram is checked once against the buffer, each structure against the
 * datagram. Allocates nothing.
 */
public final class SflowDecoder
{
    private static final int MAX_STREAMS = 8192;
    private static final long FLOW_STREAM = 1;
    private static final long COUNTER_STREAM = 2;

    private final DecoderConfig config;
    private final DecodeListener listener;
    private final FlowRecord record = new FlowRecord();
    private final FlowSampleRecords flowRecords = new FlowSampleRecords();
    private final SequenceTracker sequences = new SequenceTracker(MAX_STREAMS);

    public SflowDecoder(final DecoderConfig config, final DecodeListener listener)
    {
        this.config = config;
        this.listener = listener;
    }

    /**
     * @return the number of records delivered to {@code sink}.
     */
    public int decode(
        final Exporter exporter, final DirectBuffer buffer, final int offset, final int length, final FlowSink sink)
    {
        // The one bounds check of the datagram: every structure is then validated against its end before being read.
        if (length < SflowDatagramHeader.MIN_LENGTH || !UncheckedWire.holds(buffer, offset, length))
        {
            return malformed(exporter, Malformation.TRUNCATED_HEADER, 0);
        }
        if (SflowDatagramHeader.version(buffer, offset) != SflowFormat.VERSION)
        {
            return malformed(exporter, Malformation.UNKNOWN_VERSION, 0);
        }
        final int addressLength = SflowFormat.addressLength(SflowDatagramHeader.addressType(buffer, offset));
        if (addressLength <= 0)
        {
            return malformed(exporter, Malformation.UNSUPPORTED_ADDRESS_TYPE, SflowDatagramHeader.ADDRESS_TYPE_OFFSET);
        }
        final int end = offset + length;
        final int tail = SflowDatagramHeader.tailOffset(offset, addressLength);
        if (end - tail < SflowDatagramHeader.TAIL_LENGTH)
        {
            return malformed(exporter, Malformation.TRUNCATED_HEADER, 0);
        }

        final long subAgentId = SflowDatagramHeader.subAgentId(buffer, tail);
        final long numSamples = SflowDatagramHeader.numSamples(buffer, tail);
        final long agent = agentStream(exporter, buffer, offset + SflowDatagramHeader.ADDRESS_OFFSET, addressLength,
            subAgentId);
        final long limit = Math.min(numSamples, config.maxSamplesPerDatagram());

        int delivered = 0;
        int cursor = tail + SflowDatagramHeader.TAIL_LENGTH;
        for (long i = 0; i < limit; i++)
        {
            if (end - cursor < SflowEnvelope.LENGTH)
            {
                malformed(exporter, Malformation.COUNT_EXCEEDS_DATAGRAM, cursor - offset);
                return delivered;
            }
            final int sampleType = SflowFormat.standardFormat(SflowEnvelope.dataFormat(buffer, cursor));
            final long sampleLength = SflowEnvelope.dataLength(buffer, cursor);
            final int data = cursor + SflowEnvelope.LENGTH;
            if (sampleLength > end - data)
            {
                malformed(exporter, Malformation.BAD_SAMPLE, cursor - offset);
                return delivered;
            }
            final int sampleEnd = data + (int)sampleLength;
            final int problem;
            switch (sampleType)
            {
                case SflowFormat.SAMPLE_FLOW:
                    problem = flowSample(exporter, buffer, data, sampleEnd, false, agent, subAgentId, sink);
                    break;
                case SflowFormat.SAMPLE_EXPANDED_FLOW:
                    problem = flowSample(exporter, buffer, data, sampleEnd, true, agent, subAgentId, sink);
                    break;
                case SflowFormat.SAMPLE_COUNTER:
                    problem = counterSample(exporter, buffer, data, sampleEnd, false, agent, subAgentId, sink);
                    break;
                case SflowFormat.SAMPLE_EXPANDED_COUNTER:
                    problem = counterSample(exporter, buffer, data, sampleEnd, true, agent, subAgentId, sink);
                    break;
                default:
                    // Discarded packets (5), enterprise samples: nothing to bill, skipped by their length.
                    cursor = sampleEnd;
                    continue;
            }
            if (problem == FlowSampleRecords.OK)
            {
                delivered++;
            }
            else
            {
                malformed(exporter, Malformation.BAD_SAMPLE, problem - offset);
            }
            cursor = sampleEnd;
        }
        if (numSamples > limit)
        {
            malformed(exporter, Malformation.SAMPLE_LIMIT, cursor - offset);
        }
        return delivered;
    }

    /**
     * Tracks the sample's sequence number in its stream and starts its record from the shared sample prefix.
     */
    private FlowRecord beginSample(
        final Exporter exporter,
        final DirectBuffer buffer,
        final int offset,
        final boolean expanded,
        final long stream,
        final long subAgentId,
        final int kind)
    {
        final long sourceId = SampleHeader.sourceId(buffer, offset, expanded);
        onSequence(exporter, mix(stream, sourceId), SampleHeader.sequence(buffer, offset), subAgentId);

        final FlowRecord record = this.record;
        record.clear();
        record.kind(kind);
        record.version(RecordKind.SFLOW_VERSION);
        record.observationDomain(subAgentId);
        record.samplerId(sourceId);
        return record;
    }

    /**
     * @return {@link FlowSampleRecords#OK} when a record was delivered, else the offset of the inconsistency.
     */
    private int flowSample(
        final Exporter exporter,
        final DirectBuffer buffer,
        final int offset,
        final int end,
        final boolean expanded,
        final long agent,
        final long subAgentId,
        final FlowSink sink)
    {
        final int fixedLength = FlowSampleHeader.length(expanded);
        if (end - offset < fixedLength)
        {
            return offset;
        }
        final FlowRecord record = beginSample(
            exporter, buffer, offset, expanded, agent ^ FLOW_STREAM, subAgentId, RecordKind.FLOW);
        final long override = exporter.samplingOverride();
        final long samplingRate = FlowSampleHeader.samplingRate(buffer, offset, expanded);
        if (override > 0)
        {
            record.samplingRate(override);
        }
        else if (samplingRate > 0)
        {
            record.samplingRate(samplingRate);
        }
        else
        {
            record.samplingRateUnknown(config.defaultSamplingRate());
        }
        record.packets(1);
        record.inputIf(FlowSampleHeader.input(buffer, offset, expanded));
        record.outputIf(FlowSampleHeader.output(buffer, offset, expanded));

        final int problem = flowRecords.decode(
            buffer, offset + fixedLength, end, FlowSampleHeader.numRecords(buffer, offset, expanded), record);
        if (problem == FlowSampleRecords.OK)
        {
            sink.onRecord(exporter, record);
        }
        return problem;
    }

    /**
     * @return {@link FlowSampleRecords#OK} when a record was delivered, else the offset of the inconsistency.
     */
    private int counterSample(
        final Exporter exporter,
        final DirectBuffer buffer,
        final int offset,
        final int end,
        final boolean expanded,
        final long agent,
        final long subAgentId,
        final FlowSink sink)
    {
        final int fixedLength = CounterSampleHeader.length(expanded);
        if (end - offset < fixedLength)
        {
            return offset;
        }
        final FlowRecord record = beginSample(
            exporter, buffer, offset, expanded, agent ^ COUNTER_STREAM, subAgentId, RecordKind.COUNTER);

        final long numRecords = CounterSampleHeader.numRecords(buffer, offset, expanded);
        int cursor = offset + fixedLength;
        if (numRecords > (end - cursor) / SflowEnvelope.LENGTH)
        {
            return cursor;
        }
        for (int i = 0; i < (int)numRecords; i++)
        {
            if (end - cursor < SflowEnvelope.LENGTH)
            {
                return cursor;
            }
            final int format = SflowFormat.standardFormat(SflowEnvelope.dataFormat(buffer, cursor));
            final long length = SflowEnvelope.dataLength(buffer, cursor);
            final int data = cursor + SflowEnvelope.LENGTH;
            if (length > end - data)
            {
                return cursor;
            }
            if (format == SflowFormat.COUNTER_GENERIC_INTERFACE)
            {
                if (length < GenericInterfaceCounters.LENGTH)
                {
                    return cursor;
                }
                record.ifCounters(
                    GenericInterfaceCounters.ifIndex(buffer, data),
                    GenericInterfaceCounters.ifSpeed(buffer, data),
                    GenericInterfaceCounters.ifInOctets(buffer, data),
                    GenericInterfaceCounters.ifInUcastPkts(buffer, data),
                    GenericInterfaceCounters.ifInErrors(buffer, data),
                    GenericInterfaceCounters.ifOutOctets(buffer, data),
                    GenericInterfaceCounters.ifOutUcastPkts(buffer, data),
                    GenericInterfaceCounters.ifOutErrors(buffer, data));
            }
            cursor = data + (int)length;
        }
        sink.onRecord(exporter, record);
        return FlowSampleRecords.OK;
    }

    private void onSequence(final Exporter exporter, final long stream, final long sequence, final long subAgentId)
    {
        final long missing = sequences.onSequence(stream, sequence, 1);
        if (missing > 0)
        {
            exporter.counters().onSequenceGap(missing);
            listener.onSequenceGap(exporter, subAgentId, missing);
        }
    }

    private static long agentStream(
        final Exporter exporter,
        final DirectBuffer buffer,
        final int addressOffset,
        final int addressLength,
        final long subAgentId)
    {
        long hi = 0;
        long lo = 0;
        if (addressLength == 16)
        {
            hi = UncheckedWire.u64(buffer, addressOffset);
            lo = UncheckedWire.u64(buffer, addressOffset + 8);
        }
        else if (addressLength == 4)
        {
            lo = IpAddress.mappedLo(UncheckedWire.i32(buffer, addressOffset));
        }
        return mix(mix(mix(exporter.id(), hi), lo), subAgentId);
    }

    /**
     * Combines a value into a 64-bit stream key (murmur3 finaliser): collisions between streams are negligible.
     */
    static long mix(final long seed, final long value)
    {
        long h = seed ^ (value + 0x9e37_79b9_7f4a_7c15L + (seed << 6) + (seed >>> 2));
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        h ^= h >>> 33;
        return h;
    }

    private int malformed(final Exporter exporter, final Malformation reason, final int offset)
    {
        exporter.counters().onMalformed(reason);
        listener.onMalformed(exporter, reason, offset);
        return 0;
    }
}
