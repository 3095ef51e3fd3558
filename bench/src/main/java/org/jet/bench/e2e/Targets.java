package org.jet.bench.e2e;

import java.nio.file.Path;
import java.util.List;

import org.jet.bench.loadgen.LoadSettings;
import org.jet.bench.population.Population;

/**
 * The collectors the end-to-end runner knows, by name.
 */
public final class Targets
{
    /** Names accepted by {@code e2e --targets}. */
    public static final List<String> NAMES = List.of("jet", "nfcapd", "nfacctd");

    private Targets()
    {
    }

    /**
     * @return a new, not yet started target.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static CollectorTarget create(final String name)
    {
        return create(name, null, null, new LoadSettings().internalHosts(), 0);
    }

    /**
     * @param population     users and sessions Jet starts with, or null for none.
     * @param populationData a data directory prepared with them ({@link Population#prepare}), copied for each step.
     * @param internalHosts  inside addresses of the load.
     * @param flowsAheadSeconds how far ahead of its clock Jet takes flows' times as they are (0: its default).
     * @return a new, not yet started target.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static CollectorTarget create(final String name, final Population population, final Path populationData,
        final int internalHosts, final long flowsAheadSeconds)
    {
        switch (name)
        {
            case "jet":
                return new JetTarget(population, populationData, internalHosts, flowsAheadSeconds);
            case "nfcapd":
                return new NfcapdTarget();
            case "nfacctd":
                return new NfacctdTarget();
            default:
                throw new IllegalArgumentException("unknown target '" + name + "': one of " + NAMES);
        }
    }
}
