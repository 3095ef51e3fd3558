package org.jet.bench.loadgen;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.concurrent.locks.LockSupport;

import org.agrona.CloseHelper;

/**
 * Sends the load of one {@link LoadSettings} from the calling thread and returns exactly what was sent.
 *
 * <p>Pacing: datagram n (counting the records of all datagrams before it) is due at
 * {@code start + recordsBefore / rate}; each turn of the loop reads the clock once and sends every datagram that is
 * due, up to {@link #BURST} of them, round-robin over the exporters. When nothing is due it parks until the next
 * datagram is, but never for less than {@link #MIN_PARK_NS}: at high rates datagrams then leave in small bursts (a
 * tenth of a millisecond's worth) and the generator uses the CPU its sends cost instead of spinning a core that the
 * collector on the same machine needs. A generator that falls behind catches up at full speed, without parking; at
 * rate 0 it never parks.
 */
public final class LoadRunner implements AutoCloseable
{
    /** Datagrams sent per clock reading. */
    static final int BURST = 32;
    /** Shortest park between bursts (Linux wakes a parked thread some 50 us late anyway). */
    static final long MIN_PARK_NS = 100_000;
    /** Longest park, so templates and {@link #stop()} are still seen at low rates. */
    static final long MAX_PARK_NS = 10_000_000;
    /** Stops a record-limited run whose target refuses everything, rather than looping for ever. */
    static final int MAX_CONSECUTIVE_FAILURES = 100_000;

    private final LoadSettings settings;
    private final ExporterSender[] exporters;
    private volatile boolean running = true;

    /**
     * Opens one socket per exporter.
     *
     * @param settings concluded settings.
     */
    public LoadRunner(final LoadSettings settings) throws IOException
    {
        this.settings = settings;
        this.exporters = new ExporterSender[settings.exporters()];
        try
        {
            for (int i = 0; i < exporters.length; i++)
            {
                exporters[i] = new ExporterSender(settings, i, sourceAddress(settings, i));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.closeAll(exporters);
            throw ex;
        }
    }

    private static InetAddress sourceAddress(final LoadSettings settings, final int index) throws IOException
    {
        if (!settings.exporterAddresses())
        {
            return null;
        }
        // 127.0.0.2, 127.0.0.3, ... (127.0.0.1 is left to the collector): all of 127/8 is local on Linux.
        final int address = 0x7f00_0002 + index;
        return InetAddress.getByAddress(new byte[]{
            (byte)(address >>> 24), (byte)(address >>> 16), (byte)(address >>> 8), (byte)address});
    }

    /** Asks a running {@link #run()} to stop after its current burst; callable from any thread. */
    public void stop()
    {
        running = false;
    }

    /**
     * Sends templates (v9/IPFIX), then data until the duration passed or the record limit was sent, resending
     * templates every template interval.
     *
     * @return what was sent.
     */
    public LoadReport run()
    {
        final boolean templates = settings.protocol().templates();
        final long rate = settings.recordsPerSecond();
        final double nsPerRecord = rate > 0 ? 1e9 / rate : 0;
        final long limit = settings.recordLimit();
        final int perDatagram = settings.recordsPerDatagram();
        final long templateInterval = settings.templateIntervalNs();
        final long clockAheadMs = settings.clockAheadMs();

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpuStart = threads.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        final long deadline = settings.durationNs() > 0 ? start + settings.durationNs() : Long.MAX_VALUE;
        long nowMs = System.currentTimeMillis() + clockAheadMs;
        sendTemplates(nowMs);
        long nextTemplates = start + templateInterval;
        long attempted = 0;
        long sent = 0;
        int next = 0;
        int failures = 0;
        long now = start;

        while (running && now < deadline && (limit == 0 || sent < limit) && failures < MAX_CONSECUTIVE_FAILURES)
        {
            nowMs = System.currentTimeMillis() + clockAheadMs;
            if (templates && now >= nextTemplates)
            {
                sendTemplates(nowMs);
                nextTemplates += templateInterval;
            }
            long due = now;
            int burst = 0;
            while (burst < BURST)
            {
                final int count = limit == 0 ? perDatagram : (int)Math.min(perDatagram, limit - sent);
                if (count == 0)
                {
                    break;
                }
                if (rate > 0)
                {
                    due = start + (long)((attempted + count) * nsPerRecord);
                    if (due > now)
                    {
                        break;
                    }
                }
                final int records = exporters[next].sendData(count, nowMs);
                next = next + 1 == exporters.length ? 0 : next + 1;
                attempted += count;
                sent += records;
                failures = records == 0 ? failures + 1 : 0;
                burst++;
            }
            now = System.nanoTime();
            if (burst == 0)
            {
                idle(Math.min(due, deadline) - now);
                now = System.nanoTime();
            }
        }
        final long elapsedNs = System.nanoTime() - start;
        final long cpuNs = cpuStart < 0 ? -1 : threads.getCurrentThreadCpuTime() - cpuStart;

        final ExporterTotals[] totals = new ExporterTotals[exporters.length];
        for (int i = 0; i < exporters.length; i++)
        {
            totals[i] = exporters[i].totals();
        }
        return new LoadReport(settings, elapsedNs, cpuNs, totals);
    }

    private void sendTemplates(final long nowMs)
    {
        for (final ExporterSender exporter : exporters)
        {
            exporter.sendTemplates(nowMs);
        }
    }

    private static void idle(final long waitNs)
    {
        if (waitNs > 0)
        {
            LockSupport.parkNanos(Math.min(Math.max(waitNs, MIN_PARK_NS), MAX_PARK_NS));
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(exporters);
    }
}
