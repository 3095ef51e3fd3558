package org.jet.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * pmacct's NetFlow/IPFIX collector {@code nfacctd} with one print plugin aggregating by protocol (CSV, refreshed
 * every second, appended to one file): the FLOWS column summed over the "tcp" rows is the records it accounted.
 *
 * <p>pmacct buffers records between its core process and the plugin (plugin_buffer_size) and only a full buffer
 * moves on, so the last records of a run would wait for ever: the runner sends a trailer of UDP records after the
 * load ({@link #needsTrailer()}), and this target waits until UDP rows appeared and the TCP total stopped changing.
 * nfacctd ignores SIGTERM and SIGINT (shared/reference/dependencies.md 5.2), so it is stopped with SIGKILL.
 */
public final class NfacctdTarget implements CollectorTarget
{
    static final String NFACCTD = "nfacctd";
    /** Core-to-plugin transfer buffer and queue: 64 KiB chunks of a 64 MiB queue (pmacct advises 1:100..1:1000). */
    static final int PLUGIN_BUFFER_SIZE = 65_536;
    static final int PLUGIN_PIPE_SIZE = 64 << 20;
    static final int REFRESH_SECONDS = 1;

    private Process process;
    private Path csv;

    @Override
    public String name()
    {
        return "nfacctd";
    }

    @Override
    public void start(final Path workDir, final int port, final int receiveBuffer) throws Exception
    {
        csv = workDir.resolve("flows.csv");
        final Path config = workDir.resolve("nfacctd.conf");
        final StringBuilder text = new StringBuilder()
            .append("daemonize: false\n")
            .append("nfacctd_ip: 127.0.0.1\n")
            .append("nfacctd_port: ").append(port).append('\n')
            .append("logfile: ").append(workDir.resolve("nfacctd.log")).append('\n')
            .append("plugin_buffer_size: ").append(PLUGIN_BUFFER_SIZE).append('\n')
            .append("plugin_pipe_size: ").append(PLUGIN_PIPE_SIZE).append('\n')
            .append("plugins: print[out]\n")
            .append("aggregate[out]: proto, flows\n")
            .append("print_output[out]: csv\n")
            .append("print_output_file[out]: ").append(csv).append('\n')
            .append("print_output_file_append[out]: true\n")
            .append("print_refresh_time[out]: ").append(REFRESH_SECONDS).append('\n');
        if (receiveBuffer > 0)
        {
            text.append("nfacctd_pipe_size: ").append(receiveBuffer).append('\n');
        }
        Files.writeString(config, text, StandardCharsets.UTF_8);
        process = Processes.start(List.of(NFACCTD, "-f", config.toString()), workDir.resolve("nfacctd.out"));
        if (!UdpSockets.awaitListening(port, 10_000))
        {
            throw new IOException("nfacctd did not listen on port " + port + ": see " + workDir);
        }
        // The print plugin is forked after the socket is bound; give it a moment to attach to the queue.
        Thread.sleep(500);
    }

    @Override
    public ProcessHandle process()
    {
        return process.toHandle();
    }

    @Override
    public boolean needsTrailer()
    {
        return true;
    }

    @Override
    public void awaitProcessed(final long timeoutMs) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        final long stableMs = 2_500L * REFRESH_SECONDS;
        long[] last = sums();
        long lastChange = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline)
        {
            Thread.sleep(250);
            final long[] now = sums();
            if (now[0] != last[0] || now[1] != last[1])
            {
                last = now;
                lastChange = System.currentTimeMillis();
            }
            else if (now[1] > 0 && System.currentTimeMillis() - lastChange >= stableMs)
            {
                return;
            }
        }
    }

    @Override
    public CollectorCount stopAndCount() throws Exception
    {
        Processes.kill(process.toHandle());
        final long[] sums = sums();
        return new CollectorCount(sums[0], sums[2], sums[3]);
    }

    /**
     * @return {tcp flows, udp flows, tcp packets, tcp bytes} from the CSV so far.
     */
    long[] sums() throws IOException
    {
        final long[] sums = new long[4];
        if (!Files.exists(csv))
        {
            return sums;
        }
        for (final String line : Files.readAllLines(csv, StandardCharsets.UTF_8))
        {
            // PROTOCOL,PACKETS,FLOWS,BYTES (a header line starts each purge)
            final String[] fields = line.split(",");
            if (fields.length != 4 || fields[0].equals("PROTOCOL"))
            {
                continue;
            }
            if ("tcp".equals(fields[0]))
            {
                sums[0] += Long.parseLong(fields[2].trim());
                sums[2] += Long.parseLong(fields[1].trim());
                sums[3] += Long.parseLong(fields[3].trim());
            }
            else if ("udp".equals(fields[0]))
            {
                sums[1] += Long.parseLong(fields[2].trim());
            }
        }
        return sums;
    }

    @Override
    public void close()
    {
        if (process != null)
        {
            Processes.kill(process.toHandle());
        }
    }
}
