package org.jet.collector.decode.ipfix;


import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.decode.Wire;
import org.jet.collector.decode.template.DomainState;
import org.jet.collector.decode.template.HostState;
import org.jet.collector.decode.template.InformationElements;
import org.jet.collector.decode.template.RecordDecoder;
import org.jet.collector.decode.template.Template;
import org.jet.collector.decode.template.TemplateDefinition;
import org.jet.collector.decode.template.TemplateStore;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowSink;

/**
 * Decodes IPFIX messages (RFC 7011).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Version Number (10)     |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Export Time (s)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Sequence Number (data records)          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Observation Domain ID                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Set ID (2 template, 3 options template, >= 256 data)       |
 *  |   Set Length (header included)      ...records, padding      |
 * </pre>
 *
 * Field specifier: element id (top bit = enterprise bit), field length (65535 = variable length: one length byte,
 * or 255 and two length bytes), then the 32-bit enterprise number when the enterprise bit is set. Template record:
 * template id, field count; options template record: template id, field count, scope field count. A field count of
 * 0 withdraws the template; template id 2 (3) withdraws every (options) template of the domain.
 *
 * <p>A datagram may carry several messages back to back; each message's length must fit the datagram. Bytes after
 * a message that do not start another message are read as more sets of that message (an exporter whose length
 * field falls short of its sets, telegraf issue 14370); a set that then does not fit is malformed.
 */
public final class IpfixDecoder
{
    public static final int VERSION = 10;
    public static final int HEADER_LENGTH = 16;
    public static final int LENGTH_OFFSET = 2;
    public static final int EXPORT_TIME_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int DOMAIN_OFFSET = 12;

    public static final int SET_HEADER_LENGTH = 4;
    public static final int TEMPLATE_SET_ID = 2;
    public static final int OPTIONS_TEMPLATE_SET_ID = 3;
    public static final int MIN_DATA_SET_ID = 256;

    /** Messages decoded from one datagram at most (normally exactly one). */
    private static final int MAX_MESSAGES_PER_DATAGRAM = 64;

    private final DecoderConfig config;
    private final DecodeListener listener;
    private final EpochClock clock;
    private final TemplateStore store;
    private final RecordDecoder records;
    private final TemplateDefinition definition;

    private Exporter exporter;
    private HostState host;
    private DomainState domain;
    private FlowSink sink;
    private int datagramOffset;
    private long nowMs;
    private long exportMs;
    private int cachedTemplateId = -1;
    private Template cachedTemplate;
    private boolean recordsUncounted;

    public IpfixDecoder(final DecoderConfig config, final DecodeListener listener)
    {
        this.config = config;
        this.listener = listener;
        this.clock = config.clock();
        this.store = new TemplateStore(config, listener, false);
        this.records = new RecordDecoder(store, config.defaultSamplingRate());
        this.definition = new TemplateDefinition(config.maxFieldsPerTemplate());
    }

    /**
     * Decodes one datagram.
     *
     * @return the number of records delivered to the sink (options records and held-back records included).
     */
    public int decode(
        final Exporter exporter, final DirectBuffer buffer, final int offset, final int length, final FlowSink sink)
    {
        if (length < HEADER_LENGTH)
        {
            return malformed(exporter, Malformation.TRUNCATED_HEADER, 0);
        }

        final long now = clock.time();
        this.exporter = exporter;
        this.host = store.host(exporter, now);
        this.sink = sink;
        this.datagramOffset = offset;
        this.nowMs = now;

        final int end = offset + length;
        int at = offset;
        int delivered = 0;
        for (int messages = 0; messages < MAX_MESSAGES_PER_DATAGRAM && end - at > 0; messages++)
        {
            if (end - at < HEADER_LENGTH || Wire.u16(buffer, at) != VERSION)
            {
                malformed(exporter, Malformation.LENGTH_MISMATCH, at - offset);
                break; // bytes after the last message that are not a message
            }
            final int messageLength = Wire.u16(buffer, at + LENGTH_OFFSET);
            if (messageLength < HEADER_LENGTH)
            {
                malformed(exporter, Malformation.LENGTH_MISMATCH, at - offset);
                break;
            }
            if (messageLength > end - at)
            {
                // truncated: decode the sets that arrived whole, then give up
                malformed(exporter, Malformation.LENGTH_MISMATCH, at - offset);
                delivered += message(buffer, at, end, true);
                break;
            }
            int messageEnd = at + messageLength;
            if (messageEnd < end && !startsMessage(buffer, messageEnd, end))
            {
                // the length field is short of the sets that follow (seen in the wild, like a v9 count that lies):
                // what follows belongs to this message, as the datagram ends the message over UDP
                messageEnd = end;
            }
            delivered += message(buffer, at, messageEnd, false);
            at = messageEnd;
        }

        this.sink = null;
        return delivered;
    }

    private static boolean startsMessage(final DirectBuffer buffer, final int at, final int end)
    {
        return end - at >= HEADER_LENGTH && Wire.u16(buffer, at) == VERSION &&
            Wire.u16(buffer, at + LENGTH_OFFSET) >= HEADER_LENGTH && Wire.u16(buffer, at + LENGTH_OFFSET) <= end - at;
    }

    private int message(final DirectBuffer buffer, final int start, final int end, final boolean truncated)
    {
        final long sequence = Wire.u32(buffer, start + SEQUENCE_OFFSET);
        final long domainId = Wire.u32(buffer, start + DOMAIN_OFFSET);
        final DomainState domain = store.domain(host, domainId);
        if (domain == null)
        {
            return malformed(exporter, Malformation.DOMAIN_LIMIT, start + DOMAIN_OFFSET - datagramOffset);
        }

        final long missing = domain.checkSequence(exporter.id(), sequence);
        if (missing > 0)
        {
            exporter.counters().onSequenceGap(missing);
            listener.onSequenceGap(exporter, domainId, missing);
        }

        this.domain = domain;
        this.exportMs = Wire.u32(buffer, start + EXPORT_TIME_OFFSET) * 1000;
        this.cachedTemplateId = -1;
        this.cachedTemplate = null;
        this.recordsUncounted = truncated;

        int delivered = 0;
        long dataRecords = 0;
        int at = start + HEADER_LENGTH;
        while (at < end)
        {
            if (end - at < SET_HEADER_LENGTH)
            {
                if (!truncated)
                {
                    malformed(exporter, Malformation.BAD_SET_LENGTH, at - datagramOffset);
                }
                recordsUncounted = true;
                break;
            }
            final int setId = Wire.u16(buffer, at);
            final int setLength = Wire.u16(buffer, at + 2);
            if (setLength < SET_HEADER_LENGTH || setLength > end - at)
            {
                if (!truncated || setLength < SET_HEADER_LENGTH)
                {
                    malformed(exporter, Malformation.BAD_SET_LENGTH, at - datagramOffset);
                }
                recordsUncounted = true;
                break;
            }

            final int body = at + SET_HEADER_LENGTH;
            final int setEnd = at + setLength;
            if (setId >= MIN_DATA_SET_ID)
            {
                final int count = dataSet(setId, buffer, body, setEnd);
                dataRecords += count;
                delivered += count;
            }
            else if (setId == TEMPLATE_SET_ID || setId == OPTIONS_TEMPLATE_SET_ID)
            {
                delivered += templateSet(setId, buffer, body, setEnd);
            }
            else
            {
                malformed(exporter, Malformation.BAD_SET_ID, at - datagramOffset);
            }
            at = setEnd;
        }

        domain.advanceSequence(exporter.id(), sequence, recordsUncounted ? -1 : dataRecords);
        return delivered;
    }

    private int dataSet(final int templateId, final DirectBuffer buffer, final int body, final int setEnd)
    {
        Template template = cachedTemplate;
        if (templateId != cachedTemplateId)
        {
            template = store.template(domain, templateId);
            cachedTemplateId = templateId;
            cachedTemplate = template;
        }
        if (template == null)
        {
            recordsUncounted = true;
            store.holdPending(exporter, host, domain.domain(), templateId, exportMs, 0, buffer, body, setEnd - body,
                nowMs);
            return 0;
        }

        records.context(exporter, host, domain, template, VERSION, exportMs, 0, sink);
        final int count = records.decodeSet(buffer, body, setEnd);
        if (records.malformedAt() >= 0)
        {
            recordsUncounted = true;
            malformed(exporter, Malformation.BAD_VARIABLE_LENGTH, records.malformedAt() - datagramOffset);
        }
        return count;
    }

    private int templateSet(final int setId, final DirectBuffer buffer, final int body, final int setEnd)
    {
        cachedTemplateId = -1;
        final boolean options = setId == OPTIONS_TEMPLATE_SET_ID;
        int delivered = 0;
        int at = body;
        while (setEnd - at >= 4)
        {
            final int templateId = Wire.u16(buffer, at);
            final int fieldCount = Wire.u16(buffer, at + 2);
            if (templateId == 0 && fieldCount == 0)
            {
                break; // padding
            }
            if (fieldCount == 0)
            {
                if (templateId == setId)
                {
                    store.withdrawAll(host, domain, options);
                }
                else if (templateId >= MIN_DATA_SET_ID)
                {
                    store.withdraw(host, domain, templateId);
                }
                else
                {
                    malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                    break;
                }
                at += 4;
                continue;
            }
            if (templateId < MIN_DATA_SET_ID || (options && setEnd - at < 6))
            {
                malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                break;
            }
            final int scopeCount = options ? Wire.u16(buffer, at + 4) : 0;
            if (options && (scopeCount == 0 || scopeCount > fieldCount))
            {
                malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                break;
            }

            final boolean fits = fieldCount <= definition.maxFields();
            definition.reset(templateId, options, scopeCount);
            int field = at + (options ? 6 : 4);
            for (int i = 0; i < fieldCount; i++)
            {
                if (setEnd - field < 4)
                {
                    malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                    return delivered;
                }
                int id = Wire.u16(buffer, field);
                final int fieldLength = Wire.u16(buffer, field + 2);
                field += 4;
                long pen = 0;
                if ((id & InformationElements.ENTERPRISE_BIT) != 0)
                {
                    if (setEnd - field < 4)
                    {
                        malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                        return delivered;
                    }
                    pen = Wire.u32(buffer, field);
                    field += 4;
                    id &= ~InformationElements.ENTERPRISE_BIT;
                }
                if (fits)
                {
                    definition.add(id, fieldLength, pen);
                }
            }

            if (fits)
            {
                delivered += define(at);
            }
            else
            {
                malformed(exporter, Malformation.FIELD_LIMIT, at - datagramOffset);
            }
            at = field;
        }
        return delivered;
    }

    private int define(final int recordOffset)
    {
        final int result = store.define(host, domain, definition, nowMs);
        if (result == TemplateStore.LIMIT)
        {
            malformed(exporter, Malformation.TEMPLATE_LIMIT, recordOffset - datagramOffset);
            return 0;
        }
        if (result == TemplateStore.INVALID)
        {
            malformed(exporter, Malformation.BAD_TEMPLATE, recordOffset - datagramOffset);
            return 0;
        }
        final int templateId = definition.templateId();
        if (!store.waitsFor(host, domain, templateId))
        {
            return 0;
        }
        records.context(exporter, host, domain, store.template(domain, templateId), VERSION, exportMs, 0, sink);
        return store.drainPending(host, domain, templateId, records);
    }

    private int malformed(final Exporter exporter, final Malformation reason, final int offsetInDatagram)
    {
        exporter.counters().onMalformed(reason);
        listener.onMalformed(exporter, reason, offsetInDatagram);
        return 0;
    }

    /**
     * @return the template and sampling state of this decoder (read-only use: counts, tests).
     */
    public TemplateStore templates()
    {
        return store;
    }




}
