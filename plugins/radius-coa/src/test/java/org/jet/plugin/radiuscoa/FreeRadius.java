package org.jet.plugin.radiuscoa;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real FreeRADIUS 3 (Debian package freeradius) answering CoA and Disconnect requests on a free loopback port,
 * configured from scratch in a directory of the test's, apart from the system's own service. Its policy:
 * User-Name {@code alice...} or Framed-IP-Address 10.0.0.5 is a known session (ACK); {@code busy} gets a NAK with
 * Error-Cause 506 Resources Unavailable; anyone else a NAK with 503 Session Context Not Found. Every request it
 * accepts as authentic is written, attributes and all, to a detail file that {@link #received} reads.
 */
final class FreeRadius implements AutoCloseable
{
    static final String SECRET = "s3cret";
    private static final String BINARY = "/usr/sbin/freeradius";

    private final Path dir;
    private final int port;
    private final Process process;

    private FreeRadius(final Path dir, final int port, final Process process)
    {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static FreeRadius start(final Path dir) throws IOException, InterruptedException
    {
        Assumptions.assumeTrue(new File(BINARY).canExecute(),
            "freeradius (Debian package freeradius) is not installed: the real CoA peer is missing");
        final int port = freeUdpPort();
        Files.writeString(dir.resolve("dictionary"), ""); // the system dictionaries are read from /usr/share
        Files.writeString(dir.resolve("radiusd.conf"), config(dir, port));
        final Path log = dir.resolve("radiusd.log");
        final Process process = new ProcessBuilder(BINARY, "-f", "-X", "-d", dir.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final FreeRadius server = new FreeRadius(dir, port, process);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.log().contains("Ready to process requests"))
        {
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                server.close();
                throw new IllegalStateException("freeradius did not start:\n" + server.log());
            }
            Thread.sleep(50);
        }
        return server;
    }

    int port()
    {
        return port;
    }

    String log() throws IOException
    {
        final Path log = dir.resolve("radiusd.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /**
     * @return each request written to the detail file, as its {@code Attribute = value} lines.
     */
    List<List<String>> received() throws IOException
    {
        final Path detail = dir.resolve("received.detail");
        final List<List<String>> entries = new ArrayList<>();
        if (!Files.exists(detail))
        {
            return entries;
        }
        List<String> entry = null;
        for (final String line : Files.readAllLines(detail, StandardCharsets.UTF_8))
        {
            if (line.startsWith("\t"))
            {
                entry.add(line.strip());
            }
            else if (!line.isBlank())
            {
                entry = new ArrayList<>();
                entries.add(entry);
            }
        }
        return entries;
    }

    @Override
    public void close() throws IOException
    {
        process.destroy();
        try
        {
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static String config(final Path dir, final int port)
    {
        return """
            prefix = /usr
            exec_prefix = /usr
            sysconfdir = /etc
            sbindir = /usr/sbin
            libdir = /usr/lib/freeradius
            localstatedir = DIR
            logdir = DIR
            raddbdir = DIR
            radacctdir = DIR
            confdir = DIR
            run_dir = DIR
            db_dir = DIR
            pidfile = DIR/radiusd.pid
            name = freeradius
            max_request_time = 5
            cleanup_delay = 1
            max_requests = 1024
            log {
              destination = stdout
            }
            security {
              allow_core_dumps = no
              max_attributes = 200
              reject_delay = 0
              status_server = no
            }
            client local {
              ipaddr = 127.0.0.1
              secret = SECRET
            }
            modules {
              always ok {
                rcode = ok
              }
              always reject {
                rcode = reject
              }
              detail received {
                filename = DIR/received.detail
                header = "%t"
                permissions = 0600
                locking = no
              }
            }
            listen {
              type = coa
              ipaddr = 127.0.0.1
              port = PORT
              virtual_server = coa
            }
            server coa {
              recv-coa {
                received
                if (&Framed-IP-Address && &Framed-IP-Address == 10.0.0.5) {
                  ok
                }
                elsif (&User-Name && &User-Name =~ /^alice/) {
                  ok
                }
                elsif (&User-Name == "busy") {
                  update reply {
                    &Error-Cause := Resources-Unavailable
                  }
                  reject
                }
                else {
                  update reply {
                    &Error-Cause := Session-Context-Not-Found
                  }
                  reject
                }
              }
              send-coa {
                ok
              }
            }
            """.replace("DIR", dir.toString()).replace("PORT", Integer.toString(port)).replace("SECRET", SECRET);
    }
}
