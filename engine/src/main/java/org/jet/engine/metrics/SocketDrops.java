package org.jet.engine.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped because a socket's receive buffer was full: the {@code drops} column of
 * {@code /proc/net/udp} and {@code /proc/net/udp6} for the sockets bound to Jet's ports. Zero where /proc is absent.
 */
public final class SocketDrops
{
    private static final Path[] TABLES = {Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")};

    private SocketDrops()
    {
    }

    /**
     * @param ports the local ports Jet listens on.
     * @return datagrams dropped on those sockets since they were opened.
     */
    public static long read(final Set<Integer> ports)
    {
        long drops = 0;
        for (final Path table : TABLES)
        {
            final List<String> lines;
            try
            {
                lines = Files.readAllLines(table);
            }
            catch (final IOException ex)
            {
                continue;
            }
            for (int i = 1; i < lines.size(); i++)
            {
                final String[] columns = lines.get(i).trim().split("\\s+");
                if (columns.length < 13)
                {
                    continue;
                }
                final String local = columns[1];
                final int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                if (ports.contains(port))
                {
                    drops += Long.parseLong(columns[columns.length - 1]);
                }
            }
        }
        return drops;
    }
}
