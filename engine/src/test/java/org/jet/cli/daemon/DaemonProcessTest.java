package org.jet.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jet daemon} as systemd runs it: a separate process, stopped with SIGTERM, which must drain what it
 * received and exit 0; and {@code jet status} against it.
 */
class DaemonProcessTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStopCleanlyOnSigtermAndExitZero() throws Exception
    {
        final int flowPort = freeUdpPort();
        final int httpPort = freeTcpPort();
        final Path config = dir.resolve("jet.yml");
        Files.writeString(config, String.join("\n",
            "data_dir: " + dir.resolve("data"),
            "listen: ['127.0.0.1:" + flowPort + "']",
            "http:",
            "  listen: 127.0.0.1:" + httpPort,
            ""));
        final Path log = dir.resolve("daemon.log");
        final Process daemon = jet(List.of("daemon", "--config", config.toString()), log);
        try
        {
            awaitHttp(httpPort, daemon, log);
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
            {
                final byte[] datagram = netflow5(10);
                for (int i = 0; i < 50; i++)
                {
                    socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                        flowPort));
                }
            }

            final Path statusOut = dir.resolve("status.txt");
            final Process status = jet(List.of("status", "--config", config.toString()), statusOut);
            assertTrue(status.waitFor(60, TimeUnit.SECONDS));
            final String statusText = Files.readString(statusOut);
            assertEquals(0, status.exitValue(), statusText);
            assertTrue(statusText.contains("ok") && statusText.contains("127.0.0.1:"), statusText);

            daemon.destroy(); // SIGTERM
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "daemon did not stop on SIGTERM");
            final String output = Files.readString(log);
            assertEquals(0, daemon.exitValue(), output);
            assertTrue(output.contains("stopped: 500 record(s) consumed"), output);
        }
        finally
        {
            daemon.destroyForcibly();
        }
    }

    @Test
    void shouldRefuseABadConfigWithOneLinePerProblem() throws Exception
    {
        final Path config = dir.resolve("bad.yml");
        Files.writeString(config, "listen: ['127.0.0.1:2055']\nring:\n  sise: 10\n");
        final Path log = dir.resolve("bad.log");
        final Process daemon = jet(List.of("daemon", "--config", config.toString()), log);
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, daemon.exitValue());
        final String output = Files.readString(log).trim();
        assertEquals("jet daemon: " + config + ":3: unknown key 'ring.sise' (known keys here: busy_spin, " +
            "engine_realtime_priority, size, when_full)", output);
    }

    /**
     * kill -9 in the middle of a stream: what the ledger held before the kill is still there, nothing the daemon
     * had not written is counted twice after the restart, and counting goes on exactly.
     */
    @Test
    void shouldKeepTheLedgerExactAcrossAKillNine() throws Exception
    {
        // One sender for the whole test, opened before the daemon's port is chosen: a sender opened while the
        // daemon restarts could be given the port the killed daemon just freed, and the daemon could not bind it.
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            killAndRestart(sender);
        }
    }

    private void killAndRestart(final DatagramSocket socket) throws Exception
    {
        final int flowPort = freeUdpPort();
        final int httpPort = freeTcpPort();
        final Path config = dir.resolve("jet.yml");
        Files.writeString(config, String.join("\n",
            "data_dir: " + dir.resolve("data"),
            "listen: ['127.0.0.1:" + flowPort + "']",
            "http:",
            "  listen: 127.0.0.1:" + httpPort,
            ""));
        Files.writeString(config, "accounting:\n  address_ledger_every_ticks: 10\n",
            java.nio.file.StandardOpenOption.APPEND);
        final byte[] datagram = netflow5(10); // 10 flows of 100 bytes, to 10.0.0.1 .. 10.0.0.10
        final long bytesPerDatagram = 1000;

        final Process first = jet(List.of("daemon", "--config", config.toString()), dir.resolve("first.log"));
        long sent = 0;
        long beforeKill;
        awaitHttp(httpPort, first, dir.resolve("first.log"));
        final long killAt = System.currentTimeMillis() + 2_500;
        while (System.currentTimeMillis() < killAt)
        {
            for (int i = 0; i < 20; i++)
            {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                    flowPort));
                sent++;
            }
            Thread.sleep(1);
        }
        beforeKill = usageBytesIn(httpPort);
        first.destroyForcibly(); // SIGKILL: no drain, no flush
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertTrue(beforeKill > 0, "the ledger had usage before the kill");

        final Process second = jet(List.of("daemon", "--config", config.toString()), dir.resolve("second.log"));
        final long afterRestart;
        try
        {
            awaitHttp(httpPort, second, dir.resolve("second.log"));
            afterRestart = usageBytesIn(httpPort);
            assertTrue(afterRestart >= beforeKill, "lost what the ledger held: " + beforeKill + " > " + afterRestart);
            assertTrue(afterRestart <= sent * bytesPerDatagram, "counted more than was sent");
            assertEquals(0, afterRestart % 100, "whole flows only");
            assertEquals(afterRestart, sumBytesIn(httpPort, "/api/v1/usage/current?by=ip"),
                "the live counters agree with the ledger after the kill");
            for (int i = 0; i < 100; i++)
            {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), flowPort));
                Thread.sleep(1);
            }
            Thread.sleep(500);
        }
        finally
        {
            second.destroy(); // SIGTERM: drains the ring and writes the rest
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        }

        final Process third = jet(List.of("daemon", "--config", config.toString()), dir.resolve("third.log"));
        try
        {
            awaitHttp(httpPort, third, dir.resolve("third.log"));
            assertEquals(afterRestart + 100 * bytesPerDatagram, usageBytesIn(httpPort),
                "after the restart every flow counts exactly once");
        }
        finally
        {
            third.destroy();
            third.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** @return bytes in of every address in the ledger, through the usage API. */
    private long usageBytesIn(final int httpPort) throws Exception
    {
        return sumBytesIn(httpPort, "/api/v1/usage?by=ip&from=2020-01-01");
    }

    private long sumBytesIn(final int httpPort, final String path) throws Exception
    {
        final String token = Files.readString(dir.resolve("data").resolve("admin.token")).trim();
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        long sum = 0;
        for (final com.fasterxml.jackson.databind.JsonNode row :
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("rows"))
        {
            sum += (row.has("total") ? row.get("total") : row).get("bytes_in").asLong();
        }
        return sum;
    }

    private Process jet(final List<String> args, final Path output) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(arg -> arg.startsWith("--add-") || arg.startsWith("--enable-native") ||
                arg.startsWith("-Dchronicle") || arg.startsWith("--sun-misc"))
            .toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.jet.cli.JetCommand");
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .directory(dir.toFile()).start();
    }

    private static void awaitHttp(final int port, final Process daemon, final Path log) throws Exception
    {
        final HttpClient client = HttpClient.newHttpClient();
        final long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline)
        {
            assertTrue(daemon.isAlive(), () -> "daemon died: " + read(log));
            try
            {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.discarding());
                return;
            }
            catch (final java.io.IOException ex)
            {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("daemon did not start: " + read(log));
    }

    private static String read(final Path log)
    {
        try
        {
            return Files.readString(log);
        }
        catch (final java.io.IOException ex)
        {
            return ex.toString();
        }
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static byte[] netflow5(final int count)
    {
        final ByteBuffer out = ByteBuffer.allocate(24 + 48 * count);
        out.putShort((short)5).putShort((short)count).putInt(100_000).putInt((int)(System.currentTimeMillis() / 1000))
            .putInt(0).putInt(0).putInt(0);
        for (int i = 0; i < count; i++)
        {
            out.putInt(0xc612_0001).putInt(0x0a00_0001 + i).putInt(0).putShort((short)1).putShort((short)2)
                .putInt(1).putInt(100).putInt(90_000).putInt(99_000).putShort((short)443)
                .putShort((short)(40_000 + i)).put((byte)0).put((byte)0x18).put((byte)6).put((byte)0)
                .putInt(0).putInt(0);
        }
        return out.array();
    }
}
