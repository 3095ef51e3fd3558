package org.jet.cli.decode;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.jet.cli.ExitCode;
import org.jet.cli.UserException;
import org.jet.cli.input.DatagramFiles;
import org.jet.cli.input.InputDatagram;
import org.jet.cli.input.InputException;
import org.jet.cli.input.SocketAddressConverter;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.pcap.CaptureStats;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.jet.collector.record.RecordKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jet decode}: decodes captures and raw datagram files offline, through the same decoders the collector
 * uses. All files go through one decoder and one exporter table, so templates carry from one file to the next.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    versionProvider = org.jet.cli.JetVersion.class,
    sortOptions = false,
    description = {
        "Decode NetFlow v5/v9, IPFIX and sFlow v5 datagrams from pcap/pcapng captures or raw payload files.",
        "",
        "A capture (pcap or pcapng, told by its first bytes) yields every UDP datagram in it, the exporter being " +
            "its source address and port. Any other file is one raw UDP payload; such files are fed in the order " +
            "given, as one exporter (--exporter). All files share one decoder, so templates carry across files.",
        "",
        "Records go to stdout (JSON lines by default); problems go to stderr as " +
            "'FILE: packet N: exporter X: reason (offset K)', then a summary line. Missing templates and " +
            "sequence gaps are notes; only malformed datagrams count as rejected.",
    })
public final class DecodeCommand implements Callable<Integer>
{
    /** Output formats. */
    enum Format
    {
        json, text
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
        description = "json (one object per line, default) or text (one aligned line per record).")
    private Format format;

    @Option(names = "--default-sampling-rate", paramLabel = "N", defaultValue = "1",
        description = "Sampling rate assumed when the exporter tells none (reported with sampling_rate_known " +
            "false). Default: ${DEFAULT-VALUE}.")
    private long defaultSamplingRate;

    @Option(names = "--exporter", paramLabel = "ADDR:PORT", defaultValue = DatagramFiles.DEFAULT_RAW_EXPORTER,
        converter = SocketAddressConverter.class,
        description = "Exporter of raw payload files. Default: ${DEFAULT-VALUE}.")
    private InetSocketAddress exporter;

    @Option(names = "--port", paramLabel = "PORT", split = ",",
        description = "Only decode captured datagrams sent to these UDP ports (e.g. 2055,4739,6343). Default: all.")
    private int[] ports = new int[0];

    @Option(names = "--template-expiry", paramLabel = "SECONDS", defaultValue = "1800",
        description = "Forget NetFlow v9/IPFIX templates not refreshed for this long, in capture time; 0 keeps " +
            "them. Default: ${DEFAULT-VALUE}.")
    private long templateExpirySeconds;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture (pcap, pcapng) or raw payload files.")
    private List<Path> files;

    @Override
    public Integer call() throws IOException
    {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        final CaptureClock clock = new CaptureClock();
        final DecoderConfig config = new DecoderConfig()
            .defaultSamplingRate(defaultSamplingRate)
            .templateExpiryMs(templateExpirySeconds * 1000L)
            .clock(clock);
        final DecodeReport report = new DecodeReport(err);
        final DatagramDecoder decoder = new DatagramDecoder(config, report);
        final ExporterTable exporters = new ExporterTable(1 << 16);
        final RecordWriter writer = format == Format.json ? new JsonRecordWriter(out) : new TextRecordWriter(out);
        final Counting sink = new Counting(writer, out);
        final DatagramFiles input = new DatagramFiles(exporter, ports);

        int unreadable = 0;
        for (final Path file : files)
        {
            try
            {
                input.read(file, datagram ->
                {
                    clock.advanceTo(datagram.timestampMs());
                    return decode(datagram, exporters, decoder, report, sink);
                });
            }
            catch (final InputException ex)
            {
                writer.flush();
                report.fileProblem(ex.getMessage());
                unreadable++;
            }
            if (input.lastWasCapture())
            {
                noteSkipped(report, file.toString(), input);
            }
            if (sink.failure != null || sink.closed)
            {
                break;
            }
        }
        writer.flush();
        out.flush();
        if (sink.failure != null)
        {
            throw sink.failure;
        }
        if (sink.closed)
        {
            err.println("jet decode: output closed; stopped early");
        }

        err.println("summary: " + count(files.size(), "file") + ", " + count(sink.packets, "packet") + ", " +
            count(sink.records(), "record") + " (flow " + sink.flows + ", options " + sink.options + ", counter " +
            sink.counters + "), " + report.rejected() + " rejected, " + count(report.notes(), "note") +
            (unreadable > 0 ? ", " + count(unreadable, "unreadable file") : ""));

        if (unreadable > 0)
        {
            return ExitCode.USAGE;
        }
        return report.rejected() > 0 ? ExitCode.REJECTED : ExitCode.OK;
    }

    private static String count(final long count, final String noun)
    {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private void validate()
    {
        if (defaultSamplingRate < 1)
        {
            throw new UserException("--default-sampling-rate must be at least 1");
        }
        if (templateExpirySeconds < 0)
        {
            throw new UserException("--template-expiry must not be negative");
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

    /**
     * @return false when decoding should stop (the output is gone, or failed).
     */
    private static boolean decode(
        final InputDatagram datagram,
        final ExporterTable exporters,
        final DatagramDecoder decoder,
        final DecodeReport report,
        final Counting sink)
    {
        if (sink.failure != null || sink.outputClosed())
        {
            return false;
        }
        sink.packets++;
        final Exporter exporter = exporters.lookup(
            datagram.exporterAddrHi(), datagram.exporterAddrLo(), datagram.exporterPort());
        if (exporter == null)
        {
            report.fileNote(datagram.file(), "more than " + (1 << 16) + " exporters; datagram " +
                datagram.index() + " ignored");
            return true;
        }
        sink.packet = datagram.index();
        report.begin(datagram);
        decoder.decode(exporter, datagram.buffer(), datagram.offset(), datagram.length(), sink);
        report.end();
        return true;
    }

    private static void noteSkipped(final DecodeReport report, final String file, final DatagramFiles input)
    {
        final CaptureStats stats = input.captureStats();
        final String skipped = stats.describeSkipped();
        if (!skipped.isEmpty() || input.filtered() > 0)
        {
            report.fileNote(file, stats.frames() + " frames, " + stats.datagrams() + " UDP datagrams" +
                (input.filtered() > 0 ? " (" + input.filtered() + " to other ports left out)" : "") +
                (skipped.isEmpty() ? "" : "; skipped: " + skipped));
        }
    }

    /**
     * Writes each record and counts them by kind.
     */
    private static final class Counting implements FlowSink
    {
        /** Checking the output for errors flushes it: do it now and then. */
        private static final int CHECK_EVERY = 4096;

        private final RecordWriter writer;
        private final PrintWriter out;
        private boolean closed;
        private long packet;
        private long packets;
        private long flows;
        private long options;
        private long counters;
        private IOException failure;

        Counting(final RecordWriter writer, final PrintWriter out)
        {
            this.writer = writer;
            this.out = out;
        }

        /**
         * @return true when stdout is gone (e.g. {@code jet decode x.pcap | head}): nobody reads further records.
         */
        boolean outputClosed()
        {
            if (!closed && packets % CHECK_EVERY == 0)
            {
                closed = out.checkError();
            }
            return closed;
        }

        long records()
        {
            return flows + options + counters;
        }

        @Override
        public void onRecord(final Exporter exporter, final FlowRecord record)
        {
            switch (record.kind())
            {
                case RecordKind.OPTIONS:
                    options++;
                    break;
                case RecordKind.COUNTER:
                    counters++;
                    break;
                default:
                    flows++;
                    break;
            }
            if (failure == null)
            {
                try
                {
                    writer.write(exporter, record, packet);
                }
                catch (final IOException ex)
                {
                    failure = ex;
                }
            }
        }
    }
}
