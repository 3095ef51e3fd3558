package org.jet.collector.decode.template;

import java.nio.file.Path;
import java.time.Instant;

import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.record.Field;
import org.jet.collector.record.RecordKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CorpusDetailDevRun
{
    @Test
    void shouldPrintDetails() throws Exception
    {
        final Path corpus = CorpusHarness.corpus();
        Assumptions.assumeTrue(corpus != null);
        for (final String name : new String[] {"nf9-h3c", "nf9-akvorado-multiple-samplingrates",
            "nf9-akvorado-samplingrate-in-data", "nf9-akvorado-sampling-options", "ipfix-cisco-ipv6-sampling-option",
            "ipfix-cisco-options-vrf-map", "nf9-graylog-router", "ipfix-juniper-mx240-options", "ipfix-mikrotik",
            "ipfix-softflowd-3msgs", "nf9-cisco-asa-nsel-2", "ipfix-vmware-vds", "ipfix-ipfixprobe-biflow",
            "nf9-ie150-ie151-mixed", "ipfix-telegraf-issue14370-ipv6"})
        {
            final CorpusHarness.Result result = CorpusHarness.run(corpus.resolve(name), new DecoderConfig());
            System.out.println("== " + name + " " + CorpusHarness.compare(result));
            int n = 0;
            for (final CorpusHarness.Decoded d : result.records)
            {
                if (n++ >= 4)
                {
                    break;
                }
                System.out.println("  pkt " + d.packet + " " + RecordKind.name(d.record.kind()) + " " +
                    CorpusHarness.key(d.record) + " rate=" + d.record.samplingRate() +
                    (d.record.has(Field.SAMPLING_UNKNOWN) ? "(unknown)" : "") + " sampler=" + d.record.samplerId() +
                    " start=" + Instant.ofEpochMilli(d.record.startMs()) + " end=" + Instant.ofEpochMilli(d.record.endMs()) +
                    " in=" + d.record.inputIf() + " rev=" + d.record.reverseBytes());
            }
        }
        for (final com.fasterxml.jackson.databind.JsonNode r : CorpusHarness.JSON.readTree(
            corpus.resolve("nf9-h3c/expected.json").toFile()).get("records"))
        {
            System.out.println("  nfdump " + r.get("first") + " " + r.get("last"));
            break;
        }
    }
}
