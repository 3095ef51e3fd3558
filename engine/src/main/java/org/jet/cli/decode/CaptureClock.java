package org.jet.cli.decode;

import org.agrona.concurrent.EpochClock;

/**
 * The decoders' clock while decoding files: the capture time of the datagram being decoded, so templates expire
 * as they would have when the capture was taken. Starts at the wall clock; raw payload files (no timestamp) leave
 * it where it is.
 */
final class CaptureClock implements EpochClock
{
    private long now = System.currentTimeMillis();

    void advanceTo(final long timestampMs)
    {
        if (timestampMs >= 0)
        {
            now = timestampMs;
        }
    }

    @Override
    public long time()
    {
        return now;
    }
}
