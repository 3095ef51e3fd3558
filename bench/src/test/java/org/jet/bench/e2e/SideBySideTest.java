package org.jet.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.jet.bench.loadgen.ExporterTotals;
import org.jet.bench.loadgen.LoadReport;
import org.junit.jupiter.api.Test;

class SideBySideTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldTakeTheHighestRateBeforeTheFirstLossAndJetsRatioToEachOther()
    {
        final List<Long> rates = List.of(1_000_000L, 2_000_000L, 3_000_000L);
        final SideBySide sideBySide = new SideBySide(List.of("jet", "nfcapd", "nfacctd"), rates, List.of(
            step("jet", 1_000_000, 0), step("jet", 2_000_000, 0), step("jet", 3_000_000, 5),
            // A lossy step, then a lucky one: the zero-loss rate stays below the first loss.
            step("nfcapd", 1_000_000, 0), step("nfcapd", 2_000_000, 1), step("nfcapd", 3_000_000, 0),
            step("nfacctd", 1_000_000, 7), step("nfacctd", 2_000_000, 9), step("nfacctd", 3_000_000, 9)));

        assertEquals(2_000_000, sideBySide.zeroLossRate("jet"));
        assertEquals(1_000_000, sideBySide.zeroLossRate("nfcapd"));
        assertNull(sideBySide.zeroLoss("nfacctd"));

        final StringWriter text = new StringWriter();
        sideBySide.print(new PrintWriter(text));
        assertTrue(text.toString().contains("nfcapd    1,000,000     50       -  2.00"), text.toString());
        assertTrue(text.toString().contains("nfacctd        none"), text.toString());
        assertTrue(text.toString().contains("2.0M               0 (50)        <0.001 (50)"), text.toString());
    }

    private static StepResult step(final String target, final long rate, final long lost)
    {
        final ExporterTotals sent = new ExporterTotals("127.0.0.1:1", 0, rate / 30, rate, rate * 100, rate * 1500,
            rate * 10, 1, 100, 0, 0, null);
        final LoadReport load = new LoadReport(null, SECOND, SECOND / 2, new ExporterTotals[] {sent});
        final CollectorCount count = new CollectorCount(rate - lost, (rate - lost) * 10, (rate - lost) * 1500);
        return new StepResult(target, "-", rate, load, count, 0, 0.5, 0, 1, Double.NaN, Map.of(), Map.of(), null);
    }
}
