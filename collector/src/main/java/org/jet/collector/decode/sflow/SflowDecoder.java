package org.jet.collector.decode.sflow;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.FlowSink;

// PLACEHOLDER: replaced by the real decoder.
public final class SflowDecoder
{
    public SflowDecoder(final DecoderConfig config, final DecodeListener listener)
    {
    }

    public int decode(
        final Exporter exporter, final DirectBuffer buffer, final int offset, final int length, final FlowSink sink)
    {
        return 0;
    }
}
