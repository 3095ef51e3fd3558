package org.jet.collector.pcap;

import java.io.IOException;

/**
 * A capture file that cannot be read (any further): not a capture, truncated, or corrupt. The message is one line
 * for people: {@code file: reason}.
 */
public final class CaptureException extends IOException
{
    private static final long serialVersionUID = 1L;

    public CaptureException(final String file, final String reason)
    {
        super(file + ": " + reason);
    }

    public CaptureException(final String file, final String reason, final Throwable cause)
    {
        super(file + ": " + reason, cause);
    }
}
