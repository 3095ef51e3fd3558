package org.jet.cli.input;

import org.agrona.DirectBuffer;

/**
 * One datagram read from an input file: where it claims to come from, where it sits in the input, its payload.
 * Reused for every datagram.
 */
public final class InputDatagram
{
    String file;
    long index;
    long frame;
    long timestampMs;
    long exporterAddrHi;
    long exporterAddrLo;
    int exporterPort;
    DirectBuffer buffer;
    int offset;
    int length;

    /** @return the file it came from, as given on the command line. */
    public String file()
    {
        return file;
    }

    /** @return 0-based position among all datagrams read in this run, across files. */
    public long index()
    {
        return index;
    }

    /** @return the 1-based frame number within a capture; 0 for a raw payload file. */
    public long frame()
    {
        return frame;
    }

    /** @return capture time in epoch milliseconds; -1 when unknown (raw files, pcapng simple packets). */
    public long timestampMs()
    {
        return timestampMs;
    }

    public long exporterAddrHi()
    {
        return exporterAddrHi;
    }

    public long exporterAddrLo()
    {
        return exporterAddrLo;
    }

    public int exporterPort()
    {
        return exporterPort;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }
}
