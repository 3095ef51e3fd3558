package org.jet.collector.pcap;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sequential reads from a capture file that know where they are, so every error names the file and the offset.
 */
final class CaptureInput
{
    private final String name;
    private final InputStream in;
    private long position;

    CaptureInput(final String name, final InputStream in)
    {
        this.name = name;
        this.in = in;
    }

    String name()
    {
        return name;
    }

    /** @return bytes consumed so far: the file offset of the next read. */
    long position()
    {
        return position;
    }

    /**
     * Reads up to {@code length} bytes, fewer only at the end of the file.
     *
     * @return the number of bytes read.
     */
    int readUpTo(final byte[] destination, final int offset, final int length) throws CaptureException
    {
        int total = 0;
        while (total < length)
        {
            final int read;
            try
            {
                read = in.read(destination, offset + total, length - total);
            }
            catch (final IOException ex)
            {
                throw new CaptureException(name, "read error at offset " + (position + total) + ": " + ex.getMessage(),
                    ex);
            }
            if (read < 0)
            {
                break;
            }
            total += read;
        }
        position += total;
        return total;
    }

    /**
     * Reads the start of the next record: exactly {@code length} bytes, or nothing at a clean end of file.
     *
     * @return false at the end of the file.
     * @throws CaptureException when the file ends inside the record.
     */
    boolean readRecord(final byte[] destination, final int offset, final int length, final String what)
        throws CaptureException
    {
        final long start = position;
        final int read = readUpTo(destination, offset, length);
        if (read == 0)
        {
            return false;
        }
        if (read < length)
        {
            throw truncated(what, start, length, read);
        }
        return true;
    }

    /**
     * Reads exactly {@code length} bytes.
     *
     * @throws CaptureException when the file ends first.
     */
    void readFully(final byte[] destination, final int offset, final int length, final String what)
        throws CaptureException
    {
        final long start = position;
        final int read = readUpTo(destination, offset, length);
        if (read < length)
        {
            throw truncated(what, start, length, read);
        }
    }

    /**
     * Skips exactly {@code length} bytes.
     *
     * @throws CaptureException when the file ends first.
     */
    void skip(final long length, final String what) throws CaptureException
    {
        final long start = position;
        try
        {
            in.skipNBytes(length);
        }
        catch (final EOFException ex)
        {
            throw new CaptureException(name, "truncated capture: " + what + " at offset " + start + " needs " +
                length + " bytes, the file ends first");
        }
        catch (final IOException ex)
        {
            throw new CaptureException(name, "read error at offset " + start + ": " + ex.getMessage(), ex);
        }
        position += length;
    }

    /**
     * @return an error for a file that does not follow its format, naming where.
     */
    CaptureException corrupt(final String reason, final long offset)
    {
        return new CaptureException(name, reason + " (offset " + offset + ")");
    }

    private CaptureException truncated(final String what, final long start, final int needed, final int read)
    {
        return new CaptureException(name, "truncated capture: " + what + " at offset " + start + " needs " +
            needed + " bytes, only " + read + " remain");
    }
}
