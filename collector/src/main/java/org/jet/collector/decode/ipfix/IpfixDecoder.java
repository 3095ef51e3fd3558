package org.jet.collector.decode.ipfix;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowSink;

// PLACEHOLDER: replaced by the real decoder.
public final class IpfixDecoder
{
    public IpfixDecoder(final DecoderConfig config, final DecodeListener listener)
    {
    }

    public int decode(
        final Exporter exporter, final DirectBuffer buffer, final int offset, final int length, final FlowSink sink)
    {
        return 0;
    }
}
