package org.jet.collector.decode.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jet.collector.decode.DecoderConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CorpusDevRun
{
    @Test
    void shouldPrintCorpusReport() throws Exception
    {
        final Path corpus = CorpusHarness.corpus();
        Assumptions.assumeTrue(corpus != null);
        final List<Path> cases;
        try (Stream<Path> list = Files.list(corpus))
        {
            cases = list.filter((p) -> Files.isDirectory(p) && p.getFileName().toString()
                .matches("(nf9|ipfix|nf5-nf9).*")).sorted().toList();
        }
        for (final Path c : cases)
        {
            final CorpusHarness.Result result = CorpusHarness.run(c, new DecoderConfig());
            final List<String> problems = CorpusHarness.compare(result);
            System.out.println((problems.isEmpty() ? "PASS " : "FAIL ") + result.name + " flows=" + result.flows() +
                " opts=" + result.options() + " malformed=" + result.malformed + " buffered=" +
                result.missingTemplateBuffered + " dropped=" + result.missingTemplateDropped + " gaps=" +
                result.sequenceGaps);
            for (int i = 0; i < Math.min(8, problems.size()); i++)
            {
                System.out.println("    " + problems.get(i));
            }
        }
    }
}
