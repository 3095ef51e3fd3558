package org.jet.bench.e2e;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "e2e", mixinStandardHelpOptions = true, description = "End-to-end collector comparison.")
public final class EndToEnd implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        return 0;
    }
}
