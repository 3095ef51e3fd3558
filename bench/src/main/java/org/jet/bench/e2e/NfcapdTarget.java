package org.jet.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nfdump's collector: {@code nfcapd -w DIR -b 127.0.0.1 -p PORT -t 3600 [-B RCVBUF]}, stopped with SIGINT (on which
 * it closes its file), counted with {@code nfdump -R DIR -I} (the statistics nfcapd wrote: TCP flows, packets and
 * bytes).
 */
public final class NfcapdTarget implements CollectorTarget
{
    static final String NFCAPD = "nfcapd";
    static final String NFDUMP = "nfdump";

    private Process process;
    private Path flowDir;

    @Override
    public String name()
    {
        return "nfcapd";
    }

    @Override
    public void start(final Path workDir, final int port, final int receiveBuffer) throws Exception
    {
        flowDir = Files.createDirectories(workDir.resolve("flows"));
        final List<String> command = new ArrayList<>(List.of(
            NFCAPD, "-w", flowDir.toString(), "-b", "127.0.0.1", "-p", Integer.toString(port), "-t", "3600"));
        if (receiveBuffer > 0)
        {
            command.add("-B");
            command.add(Integer.toString(receiveBuffer));
        }
        process = Processes.start(command, workDir.resolve("nfcapd.log"));
        if (!UdpSockets.awaitListening(port, 10_000))
        {
            throw new IOException("nfcapd did not listen on port " + port + ": see " + workDir.resolve("nfcapd.log"));
        }
    }

    @Override
    public ProcessHandle process()
    {
        return process.toHandle();
    }

    @Override
    public CollectorCount stopAndCount() throws Exception
    {
        if (!Processes.stop(process.toHandle(), "INT", 15_000))
        {
            throw new IOException("nfcapd did not exit on SIGINT within 15 s (killed): its file may be incomplete");
        }
        final String stats = Processes.run(List.of(NFDUMP, "-R", flowDir.toString(), "-I"), 120);
        return new CollectorCount(field(stats, "Flows_tcp"), field(stats, "Packets_tcp"), field(stats, "Bytes_tcp"));
    }

    static long field(final String text, final String name)
    {
        for (final String line : text.split("\n"))
        {
            final String trimmed = line.trim();
            if (trimmed.startsWith(name + ":"))
            {
                return Long.parseLong(trimmed.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no '" + name + ":' in nfdump output: " + text);
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
