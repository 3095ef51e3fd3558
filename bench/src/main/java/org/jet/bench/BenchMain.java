package org.jet.bench;

import org.jet.bench.e2e.EndToEnd;
import org.jet.bench.loadgen.LoadGenerator;
import org.jet.bench.population.PopulationCommand;
import org.jet.bench.quota.QuotaLatencyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the bench tools that are not JMH (the shaded jar's own main stays JMH's):
 * {@code java -cp bench/target/benchmarks.jar org.jet.bench.BenchMain loadgen|e2e|population ...}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {LoadGenerator.class, EndToEnd.class, PopulationCommand.class, QuotaLatencyCommand.class},
    description = "Jet bench tools: the flow load generator, the end-to-end collector comparison, benchmark " +
        "populations of users and sessions, and quota enforcement latency.")
public final class BenchMain implements Runnable
{
    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }

    /** Agrona reads this once, when its buffers are first used. */
    static final String BOUNDS_CHECKS_PROPERTY = "agrona.disable.bounds.checks";

    public static void main(final String[] args)
    {
        // The generator writes whole datagrams into a 64 KiB buffer sized for the largest; per-put bounds checks
        // cost it about a quarter of its writing time. -Dagrona.disable.bounds.checks=false turns them back on.
        if (System.getProperty(BOUNDS_CHECKS_PROPERTY) == null)
        {
            System.setProperty(BOUNDS_CHECKS_PROPERTY, "true");
        }
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
