package org.jet.engine.daemon;

import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs decoding problems of one reader, at most a few lines every ten seconds: a broken exporter must not flood
 * the log. The counters on each exporter (and /metrics) have every occurrence.
 */
final class LoggingDecodeListener implements DecodeListener
{
    private static final Logger LOG = LoggerFactory.getLogger("org.jet.decode");
    private static final long WINDOW_MS = 10_000;
    private static final int LINES_PER_WINDOW = 5;

    private final int reader;
    private long windowStartMs;
    private int linesInWindow;
    private long suppressed;

    LoggingDecodeListener(final int reader)
    {
        this.reader = reader;
    }

    @Override
    public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
    {
        if (allowed())
        {
            LOG.warn("exporter {}: malformed datagram: {} (offset {})", exporter.name(), reason.description(), offset);
        }
    }

    @Override
    public void onMissingTemplate(
        final Exporter exporter, final long observationDomain, final int templateId, final boolean buffered)
    {
        if (allowed())
        {
            LOG.info("exporter {} domain {}: data for unknown template {} {}", exporter.name(), observationDomain,
                templateId, buffered ? "held until the template arrives" : "dropped");
        }
    }

    @Override
    public void onSequenceGap(final Exporter exporter, final long observationDomain, final long missing)
    {
        if (allowed())
        {
            LOG.warn("exporter {} domain {}: sequence gap, {} missing", exporter.name(), observationDomain, missing);
        }
    }

    private boolean allowed()
    {
        final long now = System.currentTimeMillis();
        if (now - windowStartMs >= WINDOW_MS)
        {
            if (suppressed > 0)
            {
                LOG.warn("reader {}: {} more decoding problem(s) not logged; see /metrics", reader, suppressed);
            }
            windowStartMs = now;
            linesInWindow = 0;
            suppressed = 0;
        }
        if (linesInWindow < LINES_PER_WINDOW)
        {
            linesInWindow++;
            return true;
        }
        suppressed++;
        return false;
    }
}
