package org.jet.cli.decode;

import java.io.IOException;
import java.io.PrintWriter;

import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.Field;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.IpAddress;
import org.jet.collector.record.RecordKind;

/**
 * One aligned line per record for people:
 *
 * <pre>
 * 192.0.2.1:50000        nf5    flow     10.0.13.1:5228        -&gt; 192.168.0.98:52734    tcp          104 B
 *        2 pkt  rate 1  if 13-&gt;50     (one line)
 * </pre>
 *
 * Flows show the 5-tuple and counters; options records and counter samples show their fields as key=value.
 */
final class TextRecordWriter implements RecordWriter, FieldVisitor
{
    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder scratch = new StringBuilder(64);
    private boolean extras;

    TextRecordWriter(final PrintWriter out)
    {
        this.out = out;
    }

    @Override
    public void write(final Exporter exporter, final FlowRecord r, final long packet)
    {
        line.setLength(0);
        cell(exporter.name(), 22);
        cell(shortProtocol(r), 6);
        cell(RecordKind.name(r.kind()), 8);

        if (r.kind() == RecordKind.FLOW)
        {
            cell(endpoint(r.has(Field.SRC_ADDR), r.srcAddrHi(), r.srcAddrLo(), r.has(Field.SRC_PORT), r.srcPort()),
                21);
            line.append("-> ");
            cell(endpoint(r.has(Field.DST_ADDR), r.dstAddrHi(), r.dstAddrLo(), r.has(Field.DST_PORT), r.dstPort()),
                21);
            cell(r.has(Field.PROTOCOL) ? ipProtocol(r.protocol()) : "-", 5);
            cellRight(r.has(Field.BYTES) ? Long.toUnsignedString(r.bytes()) : "-", 12);
            line.append("B ");
            cellRight(r.has(Field.PACKETS) ? Long.toUnsignedString(r.packets()) : "-", 8);
            line.append("pkt");
            if (r.has(Field.SAMPLING_RATE))
            {
                line.append("  rate ").append(Long.toUnsignedString(r.samplingRate()))
                    .append(r.has(Field.SAMPLING_UNKNOWN) ? " (default)" : "");
            }
            if (r.has(Field.INPUT_IF) || r.has(Field.OUTPUT_IF))
            {
                line.append("  if ").append(r.has(Field.INPUT_IF) ? Long.toUnsignedString(r.inputIf()) : "-")
                    .append("->").append(r.has(Field.OUTPUT_IF) ? Long.toUnsignedString(r.outputIf()) : "-");
            }
            if (r.has(Field.POST_NAT_SRC_ADDR))
            {
                line.append("  nat ");
                IpAddress.appendTo(line, r.postNatSrcAddrHi(), r.postNatSrcAddrLo());
                if (r.has(Field.POST_NAT_SRC_PORT))
                {
                    line.append(':').append(r.postNatSrcPort());
                }
            }
        }
        else
        {
            extras = true;
            RecordFields.visit(exporter, r, packet, this);
            extras = false;
        }
        out.println(line);
    }

    @Override
    public void flush() throws IOException
    {
        out.flush();
    }

    @Override
    public void number(final String name, final long value)
    {
        if (shown(name))
        {
            line.append(' ').append(name).append('=').append(Long.toUnsignedString(value));
        }
    }

    @Override
    public void address(final String name, final long hi, final long lo)
    {
        if (shown(name))
        {
            IpAddress.appendTo(line.append(' ').append(name).append('='), hi, lo);
        }
    }

    @Override
    public void mac(final String name, final long mac)
    {
        if (shown(name))
        {
            line.append(' ').append(name).append('=').append(IpAddress.macToString(mac));
        }
    }

    @Override
    public void text(final String name, final String value)
    {
        if (shown(name))
        {
            line.append(' ').append(name).append('=').append(value);
        }
    }

    @Override
    public void bool(final String name, final boolean value)
    {
        if (shown(name))
        {
            line.append(' ').append(name).append('=').append(value);
        }
    }

    @Override
    public void absent(final String name)
    {
    }

    private boolean shown(final String name)
    {
        // The line already starts with these.
        return extras && !"exporter".equals(name) && !"flow_protocol".equals(name) && !"version".equals(name) &&
            !"kind".equals(name) && !"packet".equals(name);
    }

    private CharSequence endpoint(
        final boolean hasAddr, final long hi, final long lo, final boolean hasPort, final int port)
    {
        scratch.setLength(0);
        if (hasAddr && hasPort && !IpAddress.isV4(hi, lo))
        {
            IpAddress.appendTo(scratch.append('['), hi, lo).append(']');
        }
        else if (hasAddr)
        {
            IpAddress.appendTo(scratch, hi, lo);
        }
        else
        {
            scratch.append('-');
        }
        if (hasPort)
        {
            scratch.append(':').append(port);
        }
        return scratch;
    }

    private static String shortProtocol(final FlowRecord r)
    {
        switch (r.version())
        {
            case 5:
                return "nf5";
            case 9:
                return "nf9";
            case 10:
                return "ipfix";
            case RecordKind.SFLOW_VERSION:
                return "sflow";
            default:
                return "v" + r.version();
        }
    }

    private static String ipProtocol(final int protocol)
    {
        switch (protocol)
        {
            case 1:
                return "icmp";
            case 6:
                return "tcp";
            case 17:
                return "udp";
            case 47:
                return "gre";
            case 50:
                return "esp";
            case 58:
                return "icmp6";
            case 132:
                return "sctp";
            default:
                return Integer.toString(protocol);
        }
    }

    /** Appends a left-aligned column of at least {@code width} characters and a separating space. */
    private void cell(final CharSequence value, final int width)
    {
        line.append(value);
        for (int i = value.length(); i < width; i++)
        {
            line.append(' ');
        }
        line.append(' ');
    }

    /** Appends a right-aligned column of at least {@code width} characters and a separating space. */
    private void cellRight(final String value, final int width)
    {
        for (int i = value.length(); i < width; i++)
        {
            line.append(' ');
        }
        line.append(value).append(' ');
    }
}
