package org.jet.engine.accounting;

/**
 * The value of both {@link LiveCounters} maps: a Chronicle Values interface, 48 bytes on disk, each field 8-byte
 * aligned. The engine updates it in place through an off-heap reference bound to the map's memory. Part of the
 * {@code ip.dat} and {@code user.dat} file format: renaming or changing it needs the files removed.
 */
public interface UsageValue
{
    long bytesIn();

    void bytesIn(long bytesIn);

    long bytesOut();

    void bytesOut(long bytesOut);

    long packetsIn();

    void packetsIn(long packetsIn);

    long packetsOut();

    void packetsOut(long packetsOut);

    long ratedBytes();

    void ratedBytes(long ratedBytes);

    long lastSeenMs();

    void lastSeenMs(long lastSeenMs);
}
