package org.jet.bench;

import org.jet.bench.e2e.EndToEnd;
import org.jet.bench.loadgen.LoadGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the bench tools that are not JMH (the shaded jar's own main stays JMH's):
 * {@code java -cp bench/target/benchmarks.jar org.jet.bench.BenchMain loadgen|e2e ...}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {LoadGenerator.class, EndToEnd.class},
    description = "Jet bench tools: the flow load generator and the end-to-end collector comparison.")
public final class BenchMain implements Runnable
{
    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
