package org.jet.bench.e2e;

import java.util.List;

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
        switch (name)
        {
            case "jet":
                return new JetTarget();
            case "nfcapd":
                return new NfcapdTarget();
            case "nfacctd":
                return new NfacctdTarget();
            default:
                throw new IllegalArgumentException("unknown target '" + name + "': one of " + NAMES);
        }
    }
}
