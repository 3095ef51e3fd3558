package org.jet.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return at most every 100 ms:
 *
 * <pre>
 * [##############----------------]  47%  4700/10000 datagrams  1000/s  ETA 5s
 * </pre>
 *
 * Only for terminals: callers check {@link Terminal#stderrIsTerminal()} first.
 */
public final class ProgressBar
{
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintWriter err;
    private final String unit;
    private final long total;
    private final long startNanos;
    private final StringBuilder line = new StringBuilder(100);
    private long lastDrawNanos;
    private int lastLength;

    /**
     * @param total the amount of work, or 0 when unknown (then only the count and rate are shown).
     */
    public ProgressBar(final PrintWriter err, final String unit, final long total)
    {
        this.err = err;
        this.unit = unit;
        this.total = total;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    /**
     * Shows that {@code done} units are done, if the last redraw is long enough ago.
     */
    public void update(final long done)
    {
        final long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_NANOS)
        {
            lastDrawNanos = now;
            draw(done, now);
        }
    }

    /**
     * Draws the final state and ends the line.
     */
    public void finish(final long done)
    {
        draw(done, System.nanoTime());
        err.println();
        err.flush();
    }

    private void draw(final long done, final long now)
    {
        final double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        final long rate = (long)(done / seconds);
        line.setLength(0);
        if (total > 0)
        {
            final long shown = Math.min(done, total);
            final int filled = (int)(WIDTH * shown / total);
            line.append('[');
            for (int i = 0; i < WIDTH; i++)
            {
                line.append(i < filled ? '#' : '-');
            }
            line.append("] ");
            final String percent = Long.toString(100 * shown / total);
            for (int i = percent.length(); i < 3; i++)
            {
                line.append(' ');
            }
            line.append(percent).append("%  ").append(done).append('/').append(total);
        }
        else
        {
            line.append(done);
        }
        line.append(' ').append(unit).append("  ").append(rate).append("/s");
        if (total > 0 && rate > 0 && done < total)
        {
            line.append("  ETA ").append(duration((total - done) / rate));
        }
        final int length = line.length();
        for (int i = length; i < lastLength; i++)
        {
            line.append(' ');
        }
        lastLength = length;
        err.print('\r');
        err.print(line);
        err.flush();
    }

    private static String duration(final long seconds)
    {
        if (seconds < 60)
        {
            return seconds + "s";
        }
        if (seconds < 3600)
        {
            return (seconds / 60) + "m" + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + ((seconds % 3600) / 60) + "m";
    }
}
