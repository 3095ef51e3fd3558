package org.jet.collector.decode.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.record.IpAddress;

/**
 * Templates, sampling rates and held-back data sets of one protocol (NetFlow v9 or IPFIX), keyed by
 * (exporter host, observation domain, template id). Owned by one decoding thread; nothing here is thread-safe.
 *
 * <p>Templates are scoped by the exporter's address, not its source port: an exporter that restarts its export
 * process on a new port keeps its templates (as nfdump and pmacct do), and the next template refresh replaces any
 * that changed. Sequence numbers, which do restart, are tracked per port (see {@link DomainState}).
 * {@link DecoderConfig#templatesPerSourcePort()} scopes everything by address and port instead (RFC 7011 transport
 * session).
 *
 * <p>Bounds: templates per host ({@link DecoderConfig#maxTemplatesPerExporter()}), domains per host, fields per
 * template, held-back bytes and sets per host and in total. Expiry runs without a thread: for the host of each
 * datagram at most once a second, and for every host in {@link #expire(long)}.
 *
 * <p>State restored by {@link #load} belongs to addresses, not to the dense host ids of this run: it is parked by
 * address and adopted when the host is first seen.
 */
public final class TemplateStore
{
    /** {@link #define} result: a template new to its domain. */
    public static final int ADDED = 0;
    /** {@link #define} result: the same definition again; only its last-seen time moved. */
    public static final int REFRESHED = 1;
    /** {@link #define} result: a different definition under a known template id replaced the old one. */
    public static final int REPLACED = 2;
    /** {@link #define} result: the host already has as many templates as allowed; the template was ignored. */
    public static final int LIMIT = 3;
    /** {@link #define} result: no record could be decoded with the template (no bytes, or longer than any set). */
    public static final int INVALID = 4;

    private static final long EXPIRY_CHECK_INTERVAL_MS = 1000;

    private final DecoderConfig config;
    private final DecodeListener listener;
    private final boolean netflow9;
    private final boolean perSourcePort;
    private final String protocol;
    private HostState[] hosts = new HostState[16];
    private final Map<String, HostState> parked = new HashMap<>();
    private long pendingBytesAllocated;
    private long samplingEpoch;
    private boolean dirty;

    /**
     * @param netflow9 true for NetFlow v9 templates, false for IPFIX.
     */
    public TemplateStore(final DecoderConfig config, final DecodeListener listener, final boolean netflow9)
    {
        this.config = config;
        this.listener = listener;
        this.netflow9 = netflow9;
        this.perSourcePort = config.templatesPerSourcePort();
        this.protocol = netflow9 ? "netflow9" : "ipfix";
    }

    /**
     * @return "netflow9" or "ipfix".
     */
    public String protocol()
    {
        return protocol;
    }

    /**
     * @return the state of the exporter's host (or of the exporter itself when templates are scoped per source
     * port), created (or adopted from loaded state) on first sight; expires its templates and held-back sets when
     * its check is due.
     */
    public HostState host(final Exporter exporter, final long nowMs)
    {
        final int hostId = perSourcePort ? exporter.id() : exporter.hostId();
        HostState host = hostId < hosts.length ? hosts[hostId] : null;
        if (host == null)
        {
            host = newHost(exporter, nowMs);
        }
        if (nowMs >= host.nextExpiryCheckMs)
        {
            host.nextExpiryCheckMs = nowMs + EXPIRY_CHECK_INTERVAL_MS;
            expireHost(host, nowMs);
        }
        return host;
    }

    /**
     * @return the domain's state, created on first sight; null when the host has as many domains as allowed.
     */
    public DomainState domain(final HostState host, final long domain)
    {
        final DomainState state = host.findDomain(domain);
        if (state != null)
        {
            return state;
        }
        if (host.domains.size() >= config.maxDomainsPerExporter())
        {
            return null;
        }
        return host.addDomain(domain);
    }

    /**
     * @return the template, or null when unknown.
     */
    public Template template(final DomainState domain, final int templateId)
    {
        return domain.templates.get(templateId);
    }

    /**
     * Learns a template from its definition; a definition equal to the known one only refreshes it.
     *
     * @return {@link #ADDED}, {@link #REFRESHED}, {@link #REPLACED}, {@link #LIMIT} or {@link #INVALID}.
     */
    public int define(
        final HostState host, final DomainState domain, final TemplateDefinition definition, final long nowMs)
    {
        final Template existing = domain.templates.get(definition.templateId());
        if (existing != null && definition.sameAs(existing))
        {
            existing.lastSeenMs = nowMs;
            return REFRESHED;
        }
        if (existing == null && host.templateCount >= config.maxTemplatesPerExporter())
        {
            return LIMIT;
        }
        final Template template = Template.compile(definition, netflow9);
        if (template == null)
        {
            return INVALID;
        }
        template.lastSeenMs = nowMs;
        domain.templates.put(template.templateId(), template);
        dirty = true;
        if (existing == null)
        {
            host.templateCount++;
            return ADDED;
        }
        return REPLACED;
    }

    /**
     * Forgets one template (IPFIX withdrawal).
     *
     * @return true when it was known.
     */
    public boolean withdraw(final HostState host, final DomainState domain, final int templateId)
    {
        if (domain.templates.remove(templateId) != null)
        {
            host.templateCount--;
            dirty = true;
            return true;
        }
        return false;
    }

    /**
     * Forgets every data template or every options template of a domain (IPFIX "withdraw all").
     *
     * @return how many were forgotten.
     */
    public int withdrawAll(final HostState host, final DomainState domain, final boolean options)
    {
        int removed = 0;
        final Iterator<Template> it = domain.templates.values().iterator();
        while (it.hasNext())
        {
            if (it.next().options() == options)
            {
                it.remove();
                removed++;
            }
        }
        if (removed > 0)
        {
            host.templateCount -= removed;
            dirty = true;
        }
        return removed;
    }

    void learnSampler(final HostState host, final DomainState domain, final long samplerId, final long rate)
    {
        final long known = domain.samplerRates.get(samplerId);
        if (known != rate && (known != 0 || domain.samplerRates.size() < DomainState.MAX_SAMPLERS))
        {
            domain.samplerRates.put(samplerId, rate);
            samplingEpoch++;
            dirty = true;
        }
        if (domain.anyRate != rate)
        {
            domain.anyRate = rate;
            dirty = true;
        }
        if (host.anyRate != rate)
        {
            host.anyRate = rate;
            dirty = true;
        }
    }

    /**
     * @return a number that changes whenever a sampler's rate changes, so lookups can be remembered.
     */
    long samplingEpoch()
    {
        return samplingEpoch;
    }

    void learnSystemInit(final DomainState domain, final long systemInitMs)
    {
        if (domain.systemInitMs != systemInitMs)
        {
            domain.systemInitMs = systemInitMs;
            dirty = true;
        }
    }

    /**
     * Holds a data set whose template is unknown until it arrives. Reports it to the listener as buffered, or,
     * when it cannot be held, as dropped (and counts it on the exporter).
     *
     * @return true when held.
     */
    public boolean holdPending(
        final Exporter exporter,
        final HostState host,
        final long domain,
        final int templateId,
        final long exportMs,
        final long sysUptimeMs,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long nowMs)
    {
        PendingSets pending = host.pending;
        if (pending == null && config.pendingBytesPerExporter() > 0 && config.pendingDatagramsPerExporter() > 0 &&
            pendingBytesAllocated + config.pendingBytesPerExporter() <= config.pendingBytesTotal())
        {
            pendingBytesAllocated += config.pendingBytesPerExporter();
            pending = new PendingSets(
                config.pendingBytesPerExporter(), config.pendingDatagramsPerExporter(), listener);
            host.pending = pending;
        }
        if (pending != null &&
            pending.add(exporter, domain, templateId, exportMs, sysUptimeMs, buffer, offset, length, nowMs))
        {
            listener.onMissingTemplate(exporter, domain, templateId, true);
            return true;
        }
        exporter.counters().onSetWithoutTemplate();
        listener.onMissingTemplate(exporter, domain, templateId, false);
        return false;
    }

    /**
     * Decodes the data sets held for a template that just arrived. The decoder's context must be set to the
     * template's host, domain and template; each set keeps its own exporter and header times.
     *
     * @return the number of records decoded.
     */
    public int drainPending(final HostState host, final DomainState domain, final int templateId,
        final RecordDecoder decoder)
    {
        final PendingSets pending = host.pending;
        if (pending == null || pending.size() == 0 || !pending.waitsFor(domain.domain(), templateId))
        {
            return 0;
        }
        return pending.drain(domain.domain(), templateId, decoder);
    }

    /**
     * @return true when some held-back set waits for this template.
     */
    public boolean waitsFor(final HostState host, final DomainState domain, final int templateId)
    {
        final PendingSets pending = host.pending;
        return pending != null && pending.size() > 0 && pending.waitsFor(domain.domain(), templateId);
    }

    /**
     * Drops templates not refreshed within {@link DecoderConfig#templateExpiryMs()} and held-back sets older than
     * {@link DecoderConfig#pendingTimeoutMs()}, for every host (loaded but not yet seen ones included).
     *
     * @return how many templates and sets were dropped.
     */
    public int expire(final long nowMs)
    {
        int dropped = 0;
        for (final HostState host : hosts)
        {
            if (host != null)
            {
                host.nextExpiryCheckMs = nowMs + EXPIRY_CHECK_INTERVAL_MS;
                dropped += expireHost(host, nowMs);
            }
        }
        for (final HostState host : parked.values())
        {
            dropped += expireHost(host, nowMs);
        }
        return dropped;
    }

    private int expireHost(final HostState host, final long nowMs)
    {
        int dropped = 0;
        final long expiryMs = config.templateExpiryMs();
        if (expiryMs > 0 && host.templateCount > 0)
        {
            for (final DomainState domain : host.domains.values())
            {
                final Iterator<Template> it = domain.templates.values().iterator();
                while (it.hasNext())
                {
                    if (nowMs - it.next().lastSeenMs > expiryMs)
                    {
                        it.remove();
                        host.templateCount--;
                        dropped++;
                    }
                }
            }
            if (dropped > 0)
            {
                dirty = true;
            }
        }
        final PendingSets pending = host.pending;
        if (pending != null && pending.size() > 0 && config.pendingTimeoutMs() > 0)
        {
            dropped += pending.expire(nowMs, config.pendingTimeoutMs());
        }
        return dropped;
    }

    /**
     * @return true when templates or sampling state changed since the last {@link #save} or {@link #load}.
     */
    public boolean dirty()
    {
        return dirty;
    }

    /**
     * @return templates held over all hosts seen in this run.
     */
    public int templateCount()
    {
        int count = 0;
        for (final HostState host : hosts)
        {
            if (host != null)
            {
                count += host.templateCount;
            }
        }
        return count;
    }

    /**
     * @return data sets held back for templates that have not arrived, over all hosts.
     */
    public int pendingSets()
    {
        int count = 0;
        for (final HostState host : hosts)
        {
            if (host != null)
            {
                count += host.pendingSets();
            }
        }
        return count;
    }

    /**
     * @return templates restored from a state file for hosts not seen yet in this run.
     */
    public int parkedTemplateCount()
    {
        int count = 0;
        for (final HostState host : parked.values())
        {
            count += host.templateCount;
        }
        return count;
    }

    /**
     * Writes every host's templates and sampling state to {@code file} (temporary file + atomic rename).
     */
    /**
     * Restores the state file named by the config ({@code <stateName>-<protocol>.state} in its state directory).
     *
     * @return how many templates were restored (0 without a state directory or file).
     */
    public int loadState(final DecoderConfig config) throws IOException
    {
        final Path file = stateFile(config);
        return file == null ? 0 : load(file, config.clock().time());
    }

    /**
     * Writes the state file named by the config when the state changed since the last save.
     *
     * @return true when the file was written.
     */
    public boolean saveState(final DecoderConfig config) throws IOException
    {
        final Path file = stateFile(config);
        if (file == null || !dirty())
        {
            return false;
        }
        save(file, config.clock().time());
        return true;
    }

    private Path stateFile(final DecoderConfig config)
    {
        final Path directory = config.stateDirectory();
        return directory == null ? null : directory.resolve(config.stateName() + "-" + protocol() + ".state");
    }

    public void save(final Path file, final long nowMs) throws IOException
    {
        final List<HostState> all = new ArrayList<>();
        for (final HostState host : hosts)
        {
            if (host != null)
            {
                all.add(host);
            }
        }
        all.addAll(parked.values());
        StateFile.write(file, protocol, nowMs, all);
        dirty = false;
    }

    /**
     * Restores state written by {@link #save}. Call before decoding: state of a host already seen is not merged.
     *
     * @return how many templates were restored; 0 when the file is missing.
     */
    public int load(final Path file, final long nowMs) throws IOException
    {
        final List<HostState> loaded = StateFile.read(
            file, protocol, netflow9, nowMs, config.templateExpiryMs(), config.maxTemplatesPerExporter(),
            config.maxFieldsPerTemplate(), config.maxDomainsPerExporter());
        int templates = 0;
        for (final HostState host : loaded)
        {
            final String key = IpAddress.toString(host.addrHi, host.addrLo);
            if (isActive(host.addrHi, host.addrLo))
            {
                continue;
            }
            parked.put(key, host);
            templates += host.templateCount;
        }
        return templates;
    }

    private boolean isActive(final long addrHi, final long addrLo)
    {
        for (final HostState host : hosts)
        {
            if (host != null && host.addrHi == addrHi && host.addrLo == addrLo)
            {
                return true;
            }
        }
        return false;
    }

    private HostState newHost(final Exporter exporter, final long nowMs)
    {
        final int hostId = perSourcePort ? exporter.id() : exporter.hostId();
        if (hostId >= hosts.length)
        {
            int capacity = hosts.length;
            while (capacity <= hostId)
            {
                capacity *= 2;
            }
            final HostState[] grown = new HostState[capacity];
            System.arraycopy(hosts, 0, grown, 0, hosts.length);
            hosts = grown;
        }
        HostState host = parked.isEmpty() ? null :
            parked.remove(IpAddress.toString(exporter.addrHi(), exporter.addrLo()));
        if (host == null)
        {
            host = new HostState(hostId, exporter.addrHi(), exporter.addrLo());
        }
        else
        {
            host.hostId = hostId;
        }
        host.nextExpiryCheckMs = nowMs + EXPIRY_CHECK_INTERVAL_MS;
        hosts[hostId] = host;
        return host;
    }
}
