package org.jet.collector.conformance;

import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;

/**
 * The fields of a decoded record the conformance test compares, in the corpus' conventions (absent = null,
 * unsigned numbers as {@code Long} compared with their unsigned text).
 */
record DecodedRecord(
    int packet,
    int kind,
    String srcAddr,
    String dstAddr,
    Integer srcPort,
    Integer dstPort,
    Integer protocol,
    String bytes,
    String packets,
    String samplingRate,
    String inputIf,
    String outputIf)
{
    static DecodedRecord of(final int packet, final FlowRecord r)
    {
        return new DecodedRecord(
            packet,
            r.kind(),
            r.has(Field.SRC_ADDR) ? IpAddress.toString(r.srcAddrHi(), r.srcAddrLo()) : null,
            r.has(Field.DST_ADDR) ? IpAddress.toString(r.dstAddrHi(), r.dstAddrLo()) : null,
            r.has(Field.SRC_PORT) ? r.srcPort() : null,
            r.has(Field.DST_PORT) ? r.dstPort() : null,
            r.has(Field.PROTOCOL) ? r.protocol() : null,
            r.has(Field.BYTES) ? Long.toUnsignedString(r.bytes()) : null,
            r.has(Field.PACKETS) ? Long.toUnsignedString(r.packets()) : null,
            r.has(Field.SAMPLING_RATE) && !r.has(Field.SAMPLING_UNKNOWN) ? Long.toUnsignedString(r.samplingRate()) : null,
            r.has(Field.INPUT_IF) ? Long.toUnsignedString(r.inputIf()) : null,
            r.has(Field.OUTPUT_IF) ? Long.toUnsignedString(r.outputIf()) : null);
    }

    boolean isFlow()
    {
        return kind == RecordKind.FLOW;
    }
}
