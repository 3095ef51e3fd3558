package org.jet.collector.decode;

import java.nio.file.Path;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

/**
 * Limits and defaults of the decoders. Every limit exists so that hostile input cannot grow memory without
 * bound; the defaults are generous for real routers.
 */
public final class DecoderConfig
{
    private long defaultSamplingRate = 1;
    private long templateExpiryMs = 30 * 60 * 1000L;
    private int maxTemplatesPerExporter = 1024;
    private int maxFieldsPerTemplate = 512;
    private int pendingDatagramsPerExporter = 64;
    private int pendingBytesPerExporter = 1 << 20;
    private int maxSamplesPerDatagram = 512;
    private int maxDomainsPerExporter = 1024;
    private long pendingTimeoutMs = 10 * 60 * 1000L;
    private long pendingBytesTotal = 64L << 20;
    private Path stateDirectory;
    private String stateName = "decoder";
    private boolean templatesPerSourcePort;
    private EpochClock clock = SystemEpochClock.INSTANCE;

    /**
     * @return the rate assumed for records whose exporter never told one (they are marked as such).
     */
    public long defaultSamplingRate()
    {
        return defaultSamplingRate;
    }

    public DecoderConfig defaultSamplingRate(final long defaultSamplingRate)
    {
        this.defaultSamplingRate = defaultSamplingRate;
        return this;
    }

    /**
     * @return how long a template stays valid without being refreshed; 0 keeps templates until withdrawn.
     */
    public long templateExpiryMs()
    {
        return templateExpiryMs;
    }

    public DecoderConfig templateExpiryMs(final long templateExpiryMs)
    {
        this.templateExpiryMs = templateExpiryMs;
        return this;
    }

    public int maxTemplatesPerExporter()
    {
        return maxTemplatesPerExporter;
    }

    public DecoderConfig maxTemplatesPerExporter(final int maxTemplatesPerExporter)
    {
        this.maxTemplatesPerExporter = maxTemplatesPerExporter;
        return this;
    }

    public int maxFieldsPerTemplate()
    {
        return maxFieldsPerTemplate;
    }

    public DecoderConfig maxFieldsPerTemplate(final int maxFieldsPerTemplate)
    {
        this.maxFieldsPerTemplate = maxFieldsPerTemplate;
        return this;
    }

    /**
     * @return how many data sets for unknown templates are held per exporter host until the template comes (each
     * held set counts as one datagram).
     */
    public int pendingDatagramsPerExporter()
    {
        return pendingDatagramsPerExporter;
    }

    public DecoderConfig pendingDatagramsPerExporter(final int pendingDatagramsPerExporter)
    {
        this.pendingDatagramsPerExporter = pendingDatagramsPerExporter;
        return this;
    }

    /**
     * @return how many bytes of such data are held per exporter.
     */
    public int pendingBytesPerExporter()
    {
        return pendingBytesPerExporter;
    }

    public DecoderConfig pendingBytesPerExporter(final int pendingBytesPerExporter)
    {
        this.pendingBytesPerExporter = pendingBytesPerExporter;
        return this;
    }

    public int maxSamplesPerDatagram()
    {
        return maxSamplesPerDatagram;
    }

    public DecoderConfig maxSamplesPerDatagram(final int maxSamplesPerDatagram)
    {
        this.maxSamplesPerDatagram = maxSamplesPerDatagram;
        return this;
    }

    /**
     * @return the most observation domains (NetFlow v9 source ids) tracked per exporter host; datagrams of further
     * domains are rejected.
     */
    public int maxDomainsPerExporter()
    {
        return maxDomainsPerExporter;
    }

    public DecoderConfig maxDomainsPerExporter(final int maxDomainsPerExporter)
    {
        this.maxDomainsPerExporter = maxDomainsPerExporter;
        return this;
    }

    /**
     * @return how long a data set waits for its template before it is dropped and counted; 0 waits until pushed out
     * by newer sets.
     */
    public long pendingTimeoutMs()
    {
        return pendingTimeoutMs;
    }

    public DecoderConfig pendingTimeoutMs(final long pendingTimeoutMs)
    {
        this.pendingTimeoutMs = pendingTimeoutMs;
        return this;
    }

    /**
     * @return bytes held for data sets without template over all exporters of one decoder: the per-exporter areas
     * are allocated on first need and no more once this is reached.
     */
    public long pendingBytesTotal()
    {
        return pendingBytesTotal;
    }

    public DecoderConfig pendingBytesTotal(final long pendingBytesTotal)
    {
        this.pendingBytesTotal = pendingBytesTotal;
        return this;
    }

    /**
     * @return where templates and sampling state are persisted; null keeps them in memory only.
     */
    public Path stateDirectory()
    {
        return stateDirectory;
    }

    public DecoderConfig stateDirectory(final Path stateDirectory)
    {
        this.stateDirectory = stateDirectory;
        return this;
    }

    /**
     * @return the file name prefix of this decoder's state files in {@link #stateDirectory()}
     * ({@code <name>-netflow9.state}, {@code <name>-ipfix.state}); give each decoding thread its own.
     */
    public String stateName()
    {
        return stateName;
    }

    public DecoderConfig stateName(final String stateName)
    {
        this.stateName = stateName;
        return this;
    }

    /**
     * @return true to scope NetFlow v9 / IPFIX templates and sampling state by exporter address and source port (an
     * RFC 7011 transport session, as tshark does); false (the default) scopes them by address only, as nfdump,
     * pmacct and goflow2 do, so an exporter that restarts its export process on a new source port keeps its
     * templates instead of losing data until the next template refresh.
     */
    public boolean templatesPerSourcePort()
    {
        return templatesPerSourcePort;
    }

    public DecoderConfig templatesPerSourcePort(final boolean templatesPerSourcePort)
    {
        this.templatesPerSourcePort = templatesPerSourcePort;
        return this;
    }

    /**
     * @return the clock used for template expiry.
     */
    public EpochClock clock()
    {
        return clock;
    }

    public DecoderConfig clock(final EpochClock clock)
    {
        this.clock = clock;
        return this;
    }
}
