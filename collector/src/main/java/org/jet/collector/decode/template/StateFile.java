package org.jet.collector.decode.template;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.Long2LongHashMap;
import org.jet.collector.record.IpAddress;

/**
 * The state file of a {@link TemplateStore}: one small text file per protocol and decoder, rewritten whole
 * (temporary file, then atomic rename) so a crash leaves either the old or the new file.
 *
 * <pre>
 * # comment lines start with '#'
 * jet-decoder-state 1 &lt;protocol&gt; &lt;savedAtMs&gt;          header: format version 1, "netflow9" or "ipfix"
 * host &lt;address&gt; &lt;anyRate&gt;                          an exporter host (IPv4 dotted quad or IPv6 text)
 * domain &lt;domainId&gt; &lt;anyRate&gt; &lt;systemInitMs&gt;        an observation domain / source id of that host
 * sampler &lt;samplerId&gt; &lt;rate&gt;                        a sampling rate announced in that domain
 * template &lt;id&gt; data|options &lt;scopeCount&gt; &lt;lastSeenMs&gt; &lt;field&gt; ...   a template of that domain; each
 *                                                   field is &lt;elementId&gt;/&lt;length&gt;[/&lt;enterpriseNumber&gt;]
 * end                                                 written last: a file without it was cut short
 * </pre>
 *
 * Rates, ids and times are unsigned decimal; lengths 65535 mean variable length. A line that does not parse is
 * skipped; a header with another magic, version or protocol makes the whole file unreadable (IOException).
 * Templates that had not been refreshed for longer than the expiry when the file was saved are not restored;
 * restored ones count as seen at load time, so an exporter has a full expiry period to refresh them.
 */
final class StateFile
{
    static final String MAGIC = "jet-decoder-state";
    static final int VERSION = 1;

    private StateFile()
    {
    }

    static void write(final Path file, final String protocol, final long nowMs, final List<HostState> hosts)
        throws IOException
    {
        final Path directory = file.toAbsolutePath().getParent();
        if (directory != null)
        {
            Files.createDirectories(directory);
        }
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII))
        {
            out.write("# Jet decoder state: templates and sampling rates learned from exporters. Rewritten whole.\n");
            out.write(MAGIC + ' ' + VERSION + ' ' + protocol + ' ' + nowMs + '\n');
            for (final HostState host : hosts)
            {
                writeHost(out, host);
            }
            out.write("end\n");
        }
        try
        {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeHost(final BufferedWriter out, final HostState host) throws IOException
    {
        boolean anything = host.anyRate != 0;
        for (final DomainState domain : host.domains.values())
        {
            anything |= hasState(domain);
        }
        if (!anything)
        {
            return;
        }
        final StringBuilder line = new StringBuilder(256);
        line.append("host ");
        IpAddress.appendTo(line, host.addrHi, host.addrLo).append(' ').append(Long.toUnsignedString(host.anyRate));
        out.write(line.append('\n').toString());
        for (final DomainState domain : host.domains.values())
        {
            if (!hasState(domain))
            {
                continue; // tracked only for its sequence numbers
            }
            line.setLength(0);
            line.append("domain ").append(domain.domain()).append(' ')
                .append(Long.toUnsignedString(domain.anyRate)).append(' ')
                .append(Long.toUnsignedString(domain.systemInitMs)).append('\n');
            out.write(line.toString());
            final Long2LongHashMap.KeyIterator samplers = domain.samplerRates.keySet().iterator();
            while (samplers.hasNext())
            {
                final long samplerId = samplers.nextValue();
                line.setLength(0);
                line.append("sampler ").append(Long.toUnsignedString(samplerId)).append(' ')
                    .append(Long.toUnsignedString(domain.samplerRates.get(samplerId))).append('\n');
                out.write(line.toString());
            }
            for (final Template template : domain.templates.values())
            {
                line.setLength(0);
                line.append("template ").append(template.templateId()).append(' ')
                    .append(template.options() ? "options" : "data").append(' ')
                    .append(template.scopeCount()).append(' ').append(template.lastSeenMs());
                for (int i = 0; i < template.fieldCount(); i++)
                {
                    line.append(' ').append(template.id(i)).append('/').append(template.length(i));
                    if (template.pen(i) != 0)
                    {
                        line.append('/').append(template.pen(i));
                    }
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static boolean hasState(final DomainState domain)
    {
        return !domain.templates.isEmpty() || !domain.samplerRates.isEmpty() || domain.anyRate != 0 ||
            domain.systemInitMs != 0;
    }

    static List<HostState> read(
        final Path file,
        final String protocol,
        final boolean netflow9,
        final long nowMs,
        final long expiryMs,
        final int maxTemplates,
        final int maxFields,
        final int maxDomains) throws IOException
    {
        final List<HostState> hosts = new ArrayList<>();
        final BufferedReader in;
        try
        {
            in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        }
        catch (final NoSuchFileException ex)
        {
            return hosts;
        }

        try (in)
        {
            long savedAtMs = -1;
            HostState host = null;
            DomainState domain = null;
            final TemplateDefinition definition = new TemplateDefinition(maxFields);
            String text;
            while ((text = in.readLine()) != null)
            {
                if (text.isEmpty() || text.charAt(0) == '#')
                {
                    continue;
                }
                final String[] words = text.trim().split(" +");
                if (savedAtMs < 0)
                {
                    if (words.length != 4 || !MAGIC.equals(words[0]) || !Integer.toString(VERSION).equals(words[1]) ||
                        !protocol.equals(words[2]))
                    {
                        throw new IOException(file + ": not a version " + VERSION + " " + protocol + " state file");
                    }
                    savedAtMs = Long.parseLong(words[3]);
                    continue;
                }
                try
                {
                    switch (words[0])
                    {
                        case "host":
                            host = parseHost(words);
                            domain = null;
                            if (host != null)
                            {
                                hosts.add(host);
                            }
                            break;
                        case "domain":
                            domain = host == null || host.domains.size() >= maxDomains ? null :
                                parseDomain(host, words);
                            break;
                        case "sampler":
                            if (domain != null && domain.samplerRates.size() < DomainState.MAX_SAMPLERS &&
                                words.length == 3)
                            {
                                final long rate = Long.parseUnsignedLong(words[2]);
                                if (rate != 0)
                                {
                                    domain.samplerRates.put(Long.parseUnsignedLong(words[1]), rate);
                                }
                            }
                            break;
                        case "template":
                            if (domain != null && host.templateCount < maxTemplates &&
                                parseTemplate(words, definition, savedAtMs, expiryMs))
                            {
                                final Template template = Template.compile(definition, netflow9);
                                if (template != null && domain.templates.get(template.templateId()) == null)
                                {
                                    template.lastSeenMs = nowMs;
                                    domain.templates.put(template.templateId(), template);
                                    host.templateCount++;
                                }
                            }
                            break;
                        default:
                            break;
                    }
                }
                catch (final NumberFormatException ex)
                {
                    // a damaged line loses only itself
                }
            }
        }
        return hosts;
    }

    private static HostState parseHost(final String[] words) throws IOException
    {
        if (words.length != 3 || !words[1].matches("[0-9a-fA-F:.]+"))
        {
            return null;
        }
        final byte[] address = InetAddress.getByName(words[1]).getAddress();
        final long hi;
        final long lo;
        if (address.length == 4)
        {
            hi = 0;
            lo = IpAddress.mappedLo(
                ((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16) | ((address[2] & 0xff) << 8) |
                (address[3] & 0xff));
        }
        else
        {
            hi = bytesToLong(address, 0);
            lo = bytesToLong(address, 8);
        }
        final HostState host = new HostState(-1, hi, lo);
        host.anyRate = Long.parseUnsignedLong(words[2]);
        return host;
    }

    private static DomainState parseDomain(final HostState host, final String[] words)
    {
        if (words.length != 4)
        {
            return null;
        }
        final long id = Long.parseLong(words[1]);
        DomainState domain = host.findDomain(id);
        if (domain == null)
        {
            domain = host.addDomain(id);
        }
        domain.anyRate = Long.parseUnsignedLong(words[2]);
        domain.systemInitMs = Long.parseUnsignedLong(words[3]);
        return domain;
    }

    private static boolean parseTemplate(
        final String[] words, final TemplateDefinition definition, final long savedAtMs, final long expiryMs)
    {
        if (words.length < 6)
        {
            return false;
        }
        final int templateId = Integer.parseInt(words[1]);
        final boolean options = "options".equals(words[2]);
        final int scopeCount = Integer.parseInt(words[3]);
        final long lastSeenMs = Long.parseLong(words[4]);
        final int fields = words.length - 5;
        if (templateId < 256 || templateId > 0xffff || scopeCount < 0 || scopeCount > fields ||
            fields > definition.maxFields() || (expiryMs > 0 && savedAtMs - lastSeenMs > expiryMs))
        {
            return false;
        }
        definition.reset(templateId, options, scopeCount);
        for (int i = 5; i < words.length; i++)
        {
            final String[] parts = words[i].split("/");
            if (parts.length < 2 || parts.length > 3)
            {
                return false;
            }
            final int id = Integer.parseInt(parts[0]);
            final int length = Integer.parseInt(parts[1]);
            final long pen = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
            if (id < 0 || id > 0xffff || length < 0 || length > 0xffff || pen < 0 || pen > 0xffff_ffffL)
            {
                return false;
            }
            definition.add(id, length, pen);
        }
        return true;
    }

    private static long bytesToLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }
}
