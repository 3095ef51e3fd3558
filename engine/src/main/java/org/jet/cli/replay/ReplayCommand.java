package org.jet.cli.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.jet.cli.ExitCode;
import org.jet.cli.ProgressBar;
import org.jet.cli.Terminal;
import org.jet.cli.UserException;
import org.jet.cli.input.DatagramFiles;
import org.jet.cli.input.InputDatagram;
import org.jet.cli.input.InputException;
import org.jet.cli.input.SocketAddressConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jet replay}: sends the datagrams of captures or raw payload files to a collector over UDP, paced.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = org.jet.cli.JetVersion.class,
    sortOptions = false,
    description = {
        "Send the flow datagrams of pcap/pcapng captures or raw payload files to a collector over UDP.",
        "",
        "Captures yield every UDP datagram in them (see --port); any other file is one raw payload. Each " +
            "exporter found in a capture is sent from its own local UDP socket, so the collector keeps their " +
            "templates apart (at most " + Senders.MAX_SOCKETS + " sockets; see --one-socket).",
    })
public final class ReplayCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture (pcap, pcapng) or raw payload files.")
    private List<Path> files;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = SocketAddressConverter.class,
        description = "The collector, e.g. 127.0.0.1:2055 or [::1]:4739.")
    private InetSocketAddress target;

    @Option(names = "--rate", paramLabel = "PPS", defaultValue = "1000",
        description = "Datagrams per second; 0 sends as fast as possible. Default: ${DEFAULT-VALUE}.")
    private long rate;

    @Option(names = "--loop", paramLabel = "N", defaultValue = "1",
        description = "Send the whole input N times. Default: ${DEFAULT-VALUE}.")
    private int loops;

    @Option(names = "--port", paramLabel = "PORT", split = ",",
        description = "Only send captured datagrams that went to these UDP ports. Default: all.")
    private int[] ports = new int[0];

    @Option(names = "--one-socket", description = "Send everything from one local socket.")
    private boolean oneSocket;

    @Option(names = "--progress", negatable = true,
        description = "Show a progress bar on stderr. Default: only when stderr is a terminal.")
    private Boolean progress;

    @Override
    public Integer call() throws IOException
    {
        validate();
        final PrintWriter err = spec.commandLine().getErr();
        final boolean showProgress = progress != null ? progress : Terminal.stderrIsTerminal();
        final DatagramFiles input = new DatagramFiles(
            SocketAddressConverter.parse(DatagramFiles.DEFAULT_RAW_EXPORTER), ports);
        final long total = showProgress ? count(input) * loops : 0;

        final long startNanos = System.nanoTime();
        try (Senders senders = new Senders(target, oneSocket))
        {
            final Sending sending = new Sending(senders, new Pacer(rate),
                showProgress ? new ProgressBar(err, "datagrams", total) : null);
            for (int loop = 0; loop < loops && sending.failure == null; loop++)
            {
                for (final Path file : files)
                {
                    read(input, file, sending);
                    if (sending.failure != null)
                    {
                        break;
                    }
                }
            }
            if (sending.bar != null)
            {
                sending.bar.finish(sending.datagrams);
            }

            final double seconds = (System.nanoTime() - startNanos) / 1e9;
            err.printf("sent %d datagrams (%d bytes) to %s in %.1f s (%d/s)%n", sending.datagrams, sending.bytes,
                Senders.describe(target), seconds, seconds > 0 ? (long)(sending.datagrams / seconds) : 0);
            if (sending.failure != null)
            {
                err.println("jet replay: cannot send to " + Senders.describe(target) + ": " +
                    sending.failure.getMessage());
                return ExitCode.REJECTED;
            }
        }
        return ExitCode.OK;
    }

    private void validate()
    {
        if (rate < 0)
        {
            throw new UserException("--rate must not be negative");
        }
        if (loops < 1)
        {
            throw new UserException("--loop must be at least 1");
        }
        if (target.isUnresolved() || target.getPort() == 0)
        {
            throw new UserException("--to needs a reachable address and a port other than 0");
        }
        for (final Path file : files)
        {
            final String problem = DatagramFiles.checkReadable(file);
            if (problem != null)
            {
                throw new UserException(problem);
            }
        }
    }

    private long count(final DatagramFiles input)
    {
        final long[] count = new long[1];
        for (final Path file : files)
        {
            read(input, file, datagram -> ++count[0] > 0);
        }
        return count[0];
    }

    private static void read(final DatagramFiles input, final Path file, final DatagramFiles.Handler handler)
    {
        try
        {
            input.read(file, handler);
        }
        catch (final InputException ex)
        {
            throw new UserException(ex.getMessage());
        }
    }

    /**
     * Paces and sends each datagram, keeping count.
     */
    private static final class Sending implements DatagramFiles.Handler
    {
        private final Senders senders;
        private final Pacer pacer;
        private final ProgressBar bar;
        private long datagrams;
        private long bytes;
        private IOException failure;

        Sending(final Senders senders, final Pacer pacer, final ProgressBar bar)
        {
            this.senders = senders;
            this.pacer = pacer;
            this.bar = bar;
        }

        @Override
        public boolean onDatagram(final InputDatagram datagram)
        {
            pacer.awaitNext();
            try
            {
                senders.send(datagram);
            }
            catch (final IOException ex)
            {
                failure = ex;
                return false;
            }
            datagrams++;
            bytes += datagram.length();
            if (bar != null)
            {
                bar.update(datagrams);
            }
            return true;
        }
    }
}
