package org.jet.cli.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;

/**
 * JSON lines: one object per record, numbers unsigned, IPv6 in RFC 5952 form, MACs as {@code 00:50:56:c0:00:01}.
 */
final class JsonRecordWriter implements RecordWriter, FieldVisitor
{
    private final JsonGenerator json;
    private final StringBuilder text = new StringBuilder(48);

    JsonRecordWriter(final Writer out) throws IOException
    {
        json = JsonFactory.builder().build().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    @Override
    public void write(final Exporter exporter, final FlowRecord record, final long packet) throws IOException
    {
        json.writeStartObject();
        try
        {
            RecordFields.visit(exporter, record, packet, this);
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException
    {
        json.flush();
    }

    @Override
    public void number(final String name, final long value)
    {
        try
        {
            json.writeFieldName(name);
            if (value >= 0)
            {
                json.writeNumber(value);
            }
            else
            {
                json.writeNumber(Long.toUnsignedString(value));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void address(final String name, final long hi, final long lo)
    {
        text.setLength(0);
        text(name, IpAddress.appendTo(text, hi, lo).toString());
    }

    @Override
    public void mac(final String name, final long mac)
    {
        text(name, IpAddress.macToString(mac));
    }

    @Override
    public void text(final String name, final String value)
    {
        try
        {
            json.writeStringField(name, value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void bool(final String name, final boolean value)
    {
        try
        {
            json.writeBooleanField(name, value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void absent(final String name)
    {
        try
        {
            json.writeNullField(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
