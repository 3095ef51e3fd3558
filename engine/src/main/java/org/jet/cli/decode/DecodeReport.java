package org.jet.cli.decode;

import java.io.PrintWriter;

import org.jet.cli.input.InputDatagram;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.Malformation;
import org.jet.collector.exporter.Exporter;

/**
 * Tells people on stderr what went wrong while decoding, one line each:
 * {@code FILE: packet N: exporter X: reason (offset K)}. Malformations reject the datagram; a missing template or
 * a sequence gap is only a note. Counts both, and stops printing (not counting) after {@link #MAX_LINES} lines so a
 * broken capture cannot flood the terminal.
 */
final class DecodeReport implements DecodeListener
{
    static final int MAX_LINES = 1000;

    private final PrintWriter err;
    private final StringBuilder line = new StringBuilder(160);
    private InputDatagram current;
    private boolean currentRejected;
    private long rejected;
    private long notes;
    private long lines;

    DecodeReport(final PrintWriter err)
    {
        this.err = err;
    }

    /**
     * The datagram about to be decoded: reports name it.
     */
    void begin(final InputDatagram datagram)
    {
        current = datagram;
        currentRejected = false;
    }

    /**
     * The datagram has been decoded.
     */
    void end()
    {
        if (currentRejected)
        {
            rejected++;
        }
        current = null;
    }

    /** @return datagrams with at least one malformation. */
    long rejected()
    {
        return rejected;
    }

    /** @return missing templates and sequence gaps reported. */
    long notes()
    {
        return notes;
    }

    @Override
    public void onMalformed(final Exporter exporter, final Malformation reason, final int offset)
    {
        currentRejected = true;
        if (start(exporter))
        {
            print(line.append(reason.description()).append(" (offset ").append(offset).append(')'));
        }
    }

    @Override
    public void onMissingTemplate(
        final Exporter exporter, final long observationDomain, final int templateId, final boolean buffered)
    {
        notes++;
        if (start(exporter))
        {
            print(line.append("note: no template ").append(templateId).append(" (domain ")
                .append(observationDomain).append(") yet; data ")
                .append(buffered ? "held until it arrives" : "dropped"));
        }
    }

    @Override
    public void onSequenceGap(final Exporter exporter, final long observationDomain, final long missing)
    {
        notes++;
        if (start(exporter))
        {
            print(line.append("note: sequence gap, ").append(Long.toUnsignedString(missing))
                .append(" missing (domain ").append(observationDomain).append(')'));
        }
    }

    /**
     * Prints a problem with a whole file (it could not be read, or not to its end).
     */
    void fileProblem(final String message)
    {
        line.setLength(0);
        lines++;
        print(line.append(message));
    }

    /**
     * Prints a note about a file, e.g. what of a capture was skipped.
     */
    void fileNote(final String file, final String note)
    {
        line.setLength(0);
        if (lines++ < MAX_LINES)
        {
            print(line.append(file).append(": note: ").append(note));
        }
    }

    private boolean start(final Exporter exporter)
    {
        if (lines++ >= MAX_LINES)
        {
            if (lines == MAX_LINES + 1)
            {
                err.println("jet decode: more than " + MAX_LINES + " problems; the rest are only counted");
            }
            return false;
        }
        line.setLength(0);
        if (current != null)
        {
            line.append(current.file()).append(": packet ").append(current.index());
            if (current.frame() > 0)
            {
                line.append(" (frame ").append(current.frame()).append(')');
            }
            line.append(": ");
        }
        line.append("exporter ").append(exporter.name()).append(": ");
        return true;
    }

    private void print(final StringBuilder text)
    {
        err.println(text);
    }
}
