package org.jet.collector.decode.netflow9;


import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.decode.Malformation;
import org.jet.collector.decode.Wire;
import org.jet.collector.decode.template.DomainState;
import org.jet.collector.decode.template.HostState;
import org.jet.collector.decode.template.RecordDecoder;
import org.jet.collector.decode.template.Template;
import org.jet.collector.decode.template.TemplateDefinition;
import org.jet.collector.decode.template.TemplateStore;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowSink;

/**
 * Decodes NetFlow v9 export packets (RFC 3954).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Version Number (9)      |            Count              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           sysUpTime (ms)                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           UNIX Secs                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Sequence Number (datagrams)             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Source ID                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  FlowSet ID (0 template, 1 options template, >= 256 data)    |
 *  |  FlowSet Length (header included)    ...records, padding     |
 * </pre>
 *
 * Template flowset record: template id, field count, then (type, length) pairs. Options template flowset record:
 * template id, option scope length, option length (bytes), then scope (type, length) pairs and option pairs.
 *
 * <p>The header count is ignored: several exporters (softflowd) put fewer than they send, so flowsets are read up
 * to the end of the datagram, as nfdump and logstash do. Trailing zero bytes end the datagram quietly. Data that
 * arrives before its template is held in {@link TemplateStore} and decoded when the template arrives.
 */
public final class Netflow9Decoder
{
    public static final int VERSION = 9;
    public static final int HEADER_LENGTH = 20;
    public static final int COUNT_OFFSET = 2;
    public static final int SYS_UPTIME_OFFSET = 4;
    public static final int UNIX_SECS_OFFSET = 8;
    public static final int SEQUENCE_OFFSET = 12;
    public static final int SOURCE_ID_OFFSET = 16;

    public static final int FLOWSET_HEADER_LENGTH = 4;
    public static final int TEMPLATE_FLOWSET_ID = 0;
    public static final int OPTIONS_TEMPLATE_FLOWSET_ID = 1;
    public static final int MIN_DATA_FLOWSET_ID = 256;

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
    private long sysUptimeMs;
    private int cachedTemplateId = -1;
    private Template cachedTemplate;

    public Netflow9Decoder(final DecoderConfig config, final DecodeListener listener)
    {
        this.config = config;
        this.listener = listener;
        this.clock = config.clock();
        this.store = new TemplateStore(config, listener, true);
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
        final long sequence = Wire.u32(buffer, offset + SEQUENCE_OFFSET);
        final long sourceId = Wire.u32(buffer, offset + SOURCE_ID_OFFSET);
        final HostState host = store.host(exporter, now);
        final DomainState domain = store.domain(host, sourceId);
        if (domain == null)
        {
            return malformed(exporter, Malformation.DOMAIN_LIMIT, SOURCE_ID_OFFSET);
        }

        final long missing = domain.checkSequence(exporter.id(), sequence);
        if (missing > 0)
        {
            exporter.counters().onSequenceGap(missing);
            listener.onSequenceGap(exporter, sourceId, missing);
        }
        domain.advanceSequence(exporter.id(), sequence, 1);

        this.exporter = exporter;
        this.host = host;
        this.domain = domain;
        this.sink = sink;
        this.datagramOffset = offset;
        this.nowMs = now;
        this.exportMs = Wire.u32(buffer, offset + UNIX_SECS_OFFSET) * 1000;
        this.sysUptimeMs = Wire.u32(buffer, offset + SYS_UPTIME_OFFSET);
        this.cachedTemplateId = -1;
        this.cachedTemplate = null;

        final int end = offset + length;
        int at = offset + HEADER_LENGTH;
        int delivered = 0;
        while (end - at >= FLOWSET_HEADER_LENGTH)
        {
            final int setId = Wire.u16(buffer, at);
            final int setLength = Wire.u16(buffer, at + 2);
            if (setLength < FLOWSET_HEADER_LENGTH || setLength > end - at)
            {
                if (setId != 0 || setLength != 0)
                {
                    malformed(exporter, Malformation.BAD_SET_LENGTH, at - offset);
                }
                break; // a zero header is the zero fill some exporters append (Cisco ACI, PAN-OS)
            }

            final int body = at + FLOWSET_HEADER_LENGTH;
            final int setEnd = at + setLength;
            if (setId >= MIN_DATA_FLOWSET_ID)
            {
                delivered += dataFlowset(setId, buffer, body, setEnd);
            }
            else if (setId == TEMPLATE_FLOWSET_ID)
            {
                delivered += templateFlowset(buffer, body, setEnd);
            }
            else if (setId == OPTIONS_TEMPLATE_FLOWSET_ID)
            {
                delivered += optionsTemplateFlowset(buffer, body, setEnd);
            }
            else
            {
                malformed(exporter, Malformation.BAD_SET_ID, at - offset);
            }
            at = setEnd;
        }

        this.sink = null;
        return delivered;
    }

    private int dataFlowset(final int templateId, final DirectBuffer buffer, final int body, final int setEnd)
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
            store.holdPending(
                exporter, host, domain.domain(), templateId, exportMs, sysUptimeMs, buffer, body, setEnd - body, nowMs);
            return 0;
        }

        records.context(exporter, host, domain, template, VERSION, exportMs, sysUptimeMs, sink);
        final int count = records.decodeSet(buffer, body, setEnd);
        if (records.malformedAt() >= 0)
        {
            malformed(exporter, Malformation.BAD_VARIABLE_LENGTH, records.malformedAt() - datagramOffset);
        }
        return count;
    }

    private int templateFlowset(final DirectBuffer buffer, final int body, final int setEnd)
    {
        cachedTemplateId = -1;
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
            if (templateId < MIN_DATA_FLOWSET_ID || fieldCount == 0)
            {
                malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                break;
            }
            final int recordEnd = at + 4 + 4 * fieldCount;
            if (recordEnd > setEnd)
            {
                malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                break;
            }
            if (fieldCount > definition.maxFields())
            {
                malformed(exporter, Malformation.FIELD_LIMIT, at - datagramOffset);
                at = recordEnd;
                continue;
            }

            definition.reset(templateId, false, 0);
            for (int field = at + 4; field < recordEnd; field += 4)
            {
                definition.add(Wire.u16(buffer, field), Wire.u16(buffer, field + 2), 0);
            }
            delivered += define(at);
            at = recordEnd;
        }
        return delivered;
    }

    private int optionsTemplateFlowset(final DirectBuffer buffer, final int body, final int setEnd)
    {
        cachedTemplateId = -1;
        int delivered = 0;
        int at = body;
        while (setEnd - at >= 6)
        {
            final int templateId = Wire.u16(buffer, at);
            final int scopeLength = Wire.u16(buffer, at + 2);
            final int optionLength = Wire.u16(buffer, at + 4);
            if (templateId == 0)
            {
                break; // padding
            }
            final int recordEnd = at + 6 + scopeLength + optionLength;
            if (templateId < MIN_DATA_FLOWSET_ID || (scopeLength & 3) != 0 || (optionLength & 3) != 0 ||
                scopeLength + optionLength == 0 || recordEnd > setEnd)
            {
                malformed(exporter, Malformation.BAD_TEMPLATE, at - datagramOffset);
                break;
            }
            final int fieldCount = (scopeLength + optionLength) / 4;
            if (fieldCount > definition.maxFields())
            {
                malformed(exporter, Malformation.FIELD_LIMIT, at - datagramOffset);
                at = recordEnd;
                continue;
            }

            definition.reset(templateId, true, scopeLength / 4);
            for (int field = at + 6; field < recordEnd; field += 4)
            {
                definition.add(Wire.u16(buffer, field), Wire.u16(buffer, field + 2), 0);
            }
            delivered += define(at);
            at = recordEnd;
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
        records.context(exporter, host, domain, store.template(domain, templateId), VERSION, exportMs, sysUptimeMs,
            sink);
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
