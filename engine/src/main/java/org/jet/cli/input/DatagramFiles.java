package org.jet.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.pcap.CaptureException;
import org.jet.collector.pcap.CaptureReader;
import org.jet.collector.pcap.CaptureStats;
import org.jet.collector.pcap.UdpDatagram;
import org.jet.collector.record.IpAddress;

/**
 * Reads datagrams from the files given to {@code jet decode} and {@code jet replay}: a pcap or pcapng capture
 * (told by its magic number) yields each UDP datagram with its source as the exporter; any other file is one raw
 * datagram payload from a fixed exporter (the layout of the flow corpus: {@code packets/000.bin, 001.bin...}).
 */
public final class DatagramFiles
{
    /** The exporter raw payload files are attributed to unless told otherwise (TEST-NET-1, RFC 5737). */
    public static final String DEFAULT_RAW_EXPORTER = "192.0.2.1:50000";
    /** A UDP payload cannot be larger. */
    public static final int MAX_DATAGRAM = 65_535;

    /**
     * Told each datagram; it is valid only during the call.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @return false to stop reading the current file.
         */
        boolean onDatagram(InputDatagram datagram);
    }

    private final CaptureReader captures = new CaptureReader();
    private final byte[] raw = new byte[MAX_DATAGRAM + 1];
    private final UnsafeBuffer rawBuffer = new UnsafeBuffer(raw);
    private final InputDatagram datagram = new InputDatagram();
    private final long rawExporterHi;
    private final long rawExporterLo;
    private final int rawExporterPort;
    private final int[] ports;
    private boolean lastWasCapture;
    private long filtered;

    /**
     * @param rawExporter the exporter of raw payload files.
     * @param ports       UDP destination ports to keep from captures; empty keeps all.
     */
    public DatagramFiles(final InetSocketAddress rawExporter, final int[] ports)
    {
        final byte[] address = rawExporter.getAddress().getAddress();
        if (rawExporter.getAddress() instanceof Inet4Address)
        {
            rawExporterHi = 0;
            rawExporterLo = IpAddress.mappedLo(ByteBuffer.wrap(address).getInt());
        }
        else
        {
            final ByteBuffer bytes = ByteBuffer.wrap(address);
            rawExporterHi = bytes.getLong();
            rawExporterLo = bytes.getLong();
        }
        rawExporterPort = rawExporter.getPort();
        this.ports = ports.clone();
    }

    /**
     * @return why the file cannot be read (one line, naming the file), or null when it can be opened.
     */
    public static String checkReadable(final Path file)
    {
        if (!Files.exists(file))
        {
            return file + ": no such file";
        }
        if (Files.isDirectory(file))
        {
            return file + ": is a directory";
        }
        if (!Files.isReadable(file))
        {
            return file + ": permission denied";
        }
        return null;
    }

    /**
     * Reads every datagram of {@code file}, numbering them on from the previous files.
     *
     * @throws InputException when the file cannot be read (any further): the datagrams before the problem have
     *                        been handed on.
     */
    public void read(final Path file, final Handler handler) throws InputException
    {
        final String name = file.toString();
        final String unreadable = checkReadable(file);
        if (unreadable != null)
        {
            throw new InputException(unreadable);
        }

        final int headLength;
        try (InputStream in = Files.newInputStream(file))
        {
            headLength = in.readNBytes(raw, 0, raw.length);
        }
        catch (final NoSuchFileException ex)
        {
            throw new InputException(name + ": no such file");
        }
        catch (final AccessDeniedException ex)
        {
            throw new InputException(name + ": permission denied");
        }
        catch (final IOException ex)
        {
            throw new InputException(name + ": cannot read: " + ex.getMessage());
        }

        datagram.file = name;
        lastWasCapture = CaptureReader.isCapture(raw, headLength);
        if (lastWasCapture)
        {
            readCapture(file, handler);
        }
        else
        {
            readRaw(name, headLength, handler);
        }
    }

    /** @return true when the last file read was a capture (then {@link #captureStats()} describes it). */
    public boolean lastWasCapture()
    {
        return lastWasCapture;
    }

    /** @return what the last capture held and what of it was skipped. */
    public CaptureStats captureStats()
    {
        return captures.stats();
    }

    /** @return datagrams of the last capture left out by the port filter. */
    public long filtered()
    {
        return filtered;
    }

    private void readCapture(final Path file, final Handler handler) throws InputException
    {
        filtered = 0;
        try
        {
            captures.read(file, captured -> onCaptured(captured, handler));
        }
        catch (final CaptureException ex)
        {
            throw new InputException(ex.getMessage());
        }
    }

    private void onCaptured(final UdpDatagram captured, final Handler handler)
    {
        if (!keep(captured.dstPort()))
        {
            filtered++;
            return;
        }
        datagram.frame = captured.frame();
        datagram.timestampMs = captured.timestampNanos() == 0 ? -1 : captured.timestampNanos() / 1_000_000L;
        datagram.exporterAddrHi = captured.srcAddrHi();
        datagram.exporterAddrLo = captured.srcAddrLo();
        datagram.exporterPort = captured.srcPort();
        datagram.buffer = captured.buffer();
        datagram.offset = captured.offset();
        datagram.length = captured.length();
        final boolean more = handler.onDatagram(datagram);
        datagram.index++;
        if (!more)
        {
            captures.stop();
        }
    }

    private void readRaw(final String name, final int length, final Handler handler) throws InputException
    {
        if (length == 0)
        {
            throw new InputException(name + ": empty file (neither a capture nor a datagram)");
        }
        if (length > MAX_DATAGRAM)
        {
            throw new InputException(name + ": not a pcap or pcapng capture, and too large to be one raw " +
                "datagram (over " + MAX_DATAGRAM + " bytes)");
        }
        datagram.frame = 0;
        datagram.timestampMs = -1;
        datagram.exporterAddrHi = rawExporterHi;
        datagram.exporterAddrLo = rawExporterLo;
        datagram.exporterPort = rawExporterPort;
        datagram.buffer = rawBuffer;
        datagram.offset = 0;
        datagram.length = length;
        handler.onDatagram(datagram);
        datagram.index++;
    }

    private boolean keep(final int port)
    {
        if (ports.length == 0)
        {
            return true;
        }
        for (final int wanted : ports)
        {
            if (wanted == port)
            {
                return true;
            }
        }
        return false;
    }
}
