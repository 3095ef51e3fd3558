package org.jet.collector.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the UDP datagrams out of a classic pcap or a pcapng capture, in file order, streaming: memory use is fixed
 * (one packet buffer and a bounded set of IP fragment slots) whatever the file size.
 *
 * <p>Nothing in the file is trusted: a record whose lengths do not add up stops the read with a
 * {@link CaptureException} ({@code file: reason (offset K)}); datagrams before it have already been handed on. Frames
 * that are not UDP over IPv4/IPv6, or are cut short, are skipped and counted in {@link #stats()}.
 *
 * <p>One instance per thread; reusable for many files.
 */
public final class CaptureReader
{
    /** The largest packet record read (libpcap's MAXIMUM_SNAPLEN); larger ones are corrupt or skipped. */
    public static final int MAX_PACKET_LENGTH = 262_144;
    /** Room for a pcapng packet block's header and options around the largest packet. */
    private static final int BUFFER_LENGTH = MAX_PACKET_LENGTH + 64 * 1024;
    private static final int READ_BUFFER_LENGTH = 64 * 1024;

    private final byte[] bytes = new byte[BUFFER_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final CaptureStats stats = new CaptureStats();
    private final FrameDecoder frames = new FrameDecoder(stats);
    private final UdpDatagram datagram = new UdpDatagram();
    private UdpDatagramHandler handler;
    private boolean stopped;

    /**
     * @param head the first bytes of a file.
     * @return true when they start a classic pcap (either byte order, micro- or nanosecond) or a pcapng file.
     */
    public static boolean isCapture(final byte[] head, final int length)
    {
        if (length < 4)
        {
            return false;
        }
        final int magic = new UnsafeBuffer(head, 0, 4).getInt(0, ByteOrder.BIG_ENDIAN);
        return ClassicPcapFile.isMagic(magic) || magic == PcapngFile.SECTION_HEADER_BLOCK;
    }

    /**
     * @return what the last (or current) read saw and skipped.
     */
    public CaptureStats stats()
    {
        return stats;
    }

    /**
     * Reads a capture file.
     *
     * @param file    the file.
     * @param handler receives each UDP datagram.
     * @throws CaptureException when the file cannot be opened, is not a capture, or is truncated or corrupt.
     */
    public void read(final Path file, final UdpDatagramHandler handler) throws CaptureException
    {
        final String name = file.toString();
        if (Files.isDirectory(file))
        {
            throw new CaptureException(name, "is a directory");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER_LENGTH))
        {
            read(name, in, handler);
        }
        catch (final NoSuchFileException ex)
        {
            throw new CaptureException(name, "no such file");
        }
        catch (final AccessDeniedException ex)
        {
            throw new CaptureException(name, "permission denied");
        }
        catch (final CaptureException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new CaptureException(name, "cannot read: " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a capture from a stream (not closed).
     *
     * @param name    the name errors are reported under.
     * @param in      the capture's bytes.
     * @param handler receives each UDP datagram.
     * @throws CaptureException when the stream is not a capture, or is truncated or corrupt.
     */
    public void read(final String name, final InputStream in, final UdpDatagramHandler handler)
        throws CaptureException
    {
        stats.reset();
        stopped = false;
        this.handler = handler;
        final CaptureInput input = new CaptureInput(name, in);
        try
        {
            final int read = input.readUpTo(bytes, 0, 4);
            if (read < 4)
            {
                throw new CaptureException(name, "not a pcap or pcapng file (only " + read + " bytes long)");
            }
            final int magic = buffer.getInt(0, ByteOrder.BIG_ENDIAN);
            if (ClassicPcapFile.isMagic(magic))
            {
                ClassicPcapFile.read(this, input, bytes, magic);
            }
            else if (magic == PcapngFile.SECTION_HEADER_BLOCK)
            {
                PcapngFile.read(this, input, bytes);
            }
            else
            {
                throw new CaptureException(name, String.format(
                    "not a pcap or pcapng file (starts with 0x%08x)", magic));
            }
        }
        finally
        {
            frames.reset();
            this.handler = null;
        }
    }

    /**
     * Ends the current read after the datagram being handled: for a handler that has seen enough.
     */
    public void stop()
    {
        stopped = true;
    }

    boolean stopped()
    {
        return stopped;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    void onFrame(final int linkType, final int offset, final int length, final long frame, final long timestampNanos)
    {
        stats.frames++;
        datagram.frame(frame, timestampNanos);
        if (frames.decode(linkType, buffer, offset, length, datagram))
        {
            stats.datagrams++;
            handler.onDatagram(datagram);
        }
    }
}
