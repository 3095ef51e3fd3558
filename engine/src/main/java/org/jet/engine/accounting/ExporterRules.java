package org.jet.engine.accounting;

import java.util.Arrays;
import java.util.List;

import org.jet.collector.exporter.Exporter;
import org.jet.engine.config.AccountingConfig.ExporterRule;

/**
 * Which interfaces of an exporter count, so that traffic seen by two routers is billed once: for each exporter,
 * the interface indexes of the first rule whose prefix holds its address, or every interface when none does.
 * Resolved once per exporter and cached by (reader, exporter id), so a flow costs two array reads.
 */
final class ExporterRules
{
    private static final long[] EVERY_INTERFACE = new long[0];

    private final List<ExporterRule> rules;
    private final boolean everyInterfaceCounts;
    private final ExporterLookup exporters;
    private long[][][] cache = new long[1][0][];

    ExporterRules(final List<ExporterRule> rules, final ExporterLookup exporters)
    {
        this.rules = rules;
        this.everyInterfaceCounts = rules.isEmpty();
        this.exporters = exporters;
    }

    /**
     * @return true when a flow seen on these interfaces counts.
     */
    boolean counts(final int readerId, final int exporterId, final int inputIf, final int outputIf)
    {
        if (everyInterfaceCounts)
        {
            return true;
        }
        final long[] interfaces = interfacesOf(readerId, exporterId);
        if (interfaces == EVERY_INTERFACE)
        {
            return true;
        }
        for (final long index : interfaces)
        {
            if (index == (inputIf & 0xffff_ffffL) || index == (outputIf & 0xffff_ffffL))
            {
                return true;
            }
        }
        return false;
    }

    private long[] interfacesOf(final int readerId, final int exporterId)
    {
        if (readerId >= cache.length)
        {
            cache = Arrays.copyOf(cache, readerId + 1);
            cache[readerId] = new long[0][];
        }
        long[][] byExporter = cache[readerId];
        if (byExporter == null)
        {
            byExporter = new long[0][];
            cache[readerId] = byExporter;
        }
        if (exporterId >= byExporter.length)
        {
            byExporter = Arrays.copyOf(byExporter, Math.max(exporterId + 1, byExporter.length * 2));
            cache[readerId] = byExporter;
        }
        long[] interfaces = byExporter[exporterId];
        if (interfaces == null)
        {
            interfaces = resolve(exporters.exporter(readerId, exporterId));
            byExporter[exporterId] = interfaces;
        }
        return interfaces;
    }

    private long[] resolve(final Exporter exporter)
    {
        if (exporter != null)
        {
            for (final ExporterRule rule : rules)
            {
                if (rule.address().contains(exporter.addrHi(), exporter.addrLo()))
                {
                    return rule.interfaces().isEmpty() ? EVERY_INTERFACE :
                        rule.interfaces().stream().mapToLong(Long::longValue).toArray();
                }
            }
        }
        return EVERY_INTERFACE;
    }
}
