package org.jet.plugin.linuxtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plugin on a real kernel: three network namespaces, client - router - server, joined by veth pairs; the
 * plugin works in the router's namespace (interface {@code down0} toward the client, {@code up0} toward the server
 * as the upload interface), and iperf3 measures what gets through. Needs root, ip, tc and iperf3 (nft for the
 * nftables case); skips otherwise. The namespaces have a random suffix and are always deleted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinuxTcKernelTest
{
    private static final long SHAPED = 20_000_000;
    private static final String SUFFIX = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    private static final String CLIENT = "jet-c-" + SUFFIX;
    private static final String ROUTER = "jet-r-" + SUFFIX;
    private static final String SERVER = "jet-s-" + SUFFIX;
    private static final Subject ALICE = new Subject("alice", null, null, "cs", List.of("10.77.1.2", "fd77:1::/64"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What each measurement gave, printed at the end for the record. */
    private static final Map<String, Double> MEASURED = new HashMap<>();

    private static final List<String> CREATED = new ArrayList<>();
    private static Process iperfServer;

    @BeforeAll
    static void network() throws Exception
    {
        Assumptions.assumeTrue("0".equals(output("id", "-u").strip()), "not root: network namespaces need root");
        final List<String> missing = new ArrayList<>();
        for (final String tool : List.of("ip", "tc", "iperf3"))
        {
            if (!onPath(tool))
            {
                missing.add(tool);
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "missing on PATH: " + String.join(", ", missing));

        for (final String ns : List.of(CLIENT, ROUTER, SERVER))
        {
            sh("ip", "netns", "add", ns);
            CREATED.add(ns);
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        sh("ip", "-n", ROUTER, "link", "add", "down0", "type", "veth", "peer", "name", "eth0", "netns", CLIENT);
        sh("ip", "-n", ROUTER, "link", "add", "up0", "type", "veth", "peer", "name", "eth0", "netns", SERVER);
        address(ROUTER, "down0", "10.77.1.1/24", "fd77:1::1/64");
        address(CLIENT, "eth0", "10.77.1.2/24", "fd77:1::2/64");
        address(ROUTER, "up0", "10.77.2.1/24", "fd77:2::1/64");
        address(SERVER, "eth0", "10.77.2.2/24", "fd77:2::2/64");
        sh("ip", "netns", "exec", ROUTER, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        sh("ip", "netns", "exec", ROUTER, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        sh("ip", "-n", CLIENT, "route", "add", "default", "via", "10.77.1.1");
        sh("ip", "-n", CLIENT, "-6", "route", "add", "default", "via", "fd77:1::1");
        sh("ip", "-n", SERVER, "route", "add", "default", "via", "10.77.2.1");
        sh("ip", "-n", SERVER, "-6", "route", "add", "default", "via", "fd77:2::1");

        iperfServer = new ProcessBuilder("ip", "netns", "exec", SERVER, "iperf3", "-s")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Thread.sleep(300);
    }

    @AfterAll
    static void teardown() throws Exception
    {
        if (iperfServer != null)
        {
            iperfServer.destroy();
            iperfServer.waitFor(2, TimeUnit.SECONDS);
        }
        for (final String ns : CREATED)
        {
            // deleting a namespace deletes its veth ends, qdiscs and nftables tables with it
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(5, TimeUnit.SECONDS);
        }
        if (!MEASURED.isEmpty())
        {
            System.out.println("linux-tc throughput (bit/s): " + MEASURED);
        }
    }

    @Test
    @Order(1)
    void shouldHoldDownloadAndUploadToTheRateAndGiveItBackOnRestore() throws Exception
    {
        final double before = download("10.77.2.2", "before");
        assertTrue(before > 10 * SHAPED, "unshaped download only " + before);

        final LinuxTc device = device(Map.of());
        device.shape(ALICE, SHAPED);
        final double shapedDown = download("10.77.2.2", "shaped_download");
        final double shapedUp = upload("10.77.2.2", "shaped_upload");
        final double shapedV6 = download("fd77:2::2", "shaped_download_ipv6");
        assertEquals(SHAPED, shapedDown, SHAPED * 0.1, "download held to 20 Mbit/s");
        assertEquals(SHAPED, shapedUp, SHAPED * 0.1, "upload held to 20 Mbit/s");
        assertEquals(SHAPED, shapedV6, SHAPED * 0.1, "IPv6 download held to 20 Mbit/s");

        device.restore(ALICE);
        final double after = download("10.77.2.2", "after_restore");
        assertTrue(after > 5 * SHAPED, "restored download only " + after);
        assertEquals(List.of("1:1"), classes("down0"), "only the default class is left");
        assertEquals(List.of("1:1"), classes("up0"), "only the default class is left");
    }

    @Test
    @Order(2)
    void shouldReplaceOnShapingAgainAndRestoreAfterARestartFromKernelStateAlone() throws Exception
    {
        final LinuxTc first = device(Map.of());
        first.shape(ALICE, SHAPED);
        first.shape(ALICE, SHAPED);
        first.shape(ALICE, 2 * SHAPED);
        assertEquals(2, classes("down0").size(), "one class for alice, besides the default");
        assertTrue(tc("class", "show", "dev", "down0").contains("rate 40Mbit"), "the new rate replaced the old");
        final double shaped = download("10.77.2.2", "reshaped_40mbit");
        assertEquals(2 * SHAPED, shaped, 2 * SHAPED * 0.1);

        final LinuxTc restarted = device(Map.of());
        restarted.restore(ALICE);
        restarted.restore(ALICE);
        assertEquals(List.of("1:1"), classes("down0"));
        assertFalse(tc("filter", "show", "dev", "down0").contains("flowid"), "no filter left");
    }

    @Test
    @Order(3)
    void shouldTakeTheNextSlotWhenAnotherUserHoldsThePreferredOne() throws Exception
    {
        final int preferred = Slots.preferred(Slots.owner("alice"));
        final String foreign = Slots.owner("mallory");
        final Commands commands = new Commands(ROUTER, 5000);
        new HtbInterface(commands, "down0", false, 10_000_000_000L).ensureRoot();
        tc("filter", "add", "dev", "down0", "parent", "1:", "chain", Slots.MARKER_CHAIN, "protocol", "ip",
            "prio", Integer.toString(Slots.MARKER_PRIO + preferred), "u32",
            "match", "u32", "0x" + foreign.substring(0, 8), "0xffffffff", "at", "0",
            "match", "u32", "0x" + foreign.substring(8, 16), "0xffffffff", "at", "4",
            "match", "u32", "0x" + foreign.substring(16, 24), "0xffffffff", "at", "8",
            "match", "u32", "0x" + foreign.substring(24, 32), "0xffffffff", "at", "12", "flowid", "1:1");

        final LinuxTc device = device(Map.of());
        device.shape(ALICE, SHAPED);
        final Slots slots = new Slots(commands, "down0");
        final int slot = slots.find("alice");
        assertNotEquals(preferred, slot);
        assertTrue(slot > 0);
        assertTrue(classes("down0").contains(HtbInterface.classId(slot)));

        device.restore(ALICE);
        assertEquals(Map.of(preferred, foreign), slots.read(), "the other user's slot is untouched");
        tc("filter", "del", "dev", "down0", "parent", "1:", "chain", Slots.MARKER_CHAIN,
            "prio", Integer.toString(Slots.MARKER_PRIO + preferred), "protocol", "ip");
    }

    @Test
    @Order(4)
    void shouldCutOffASuspendedUserWithTc() throws Exception
    {
        final LinuxTc device = device(Map.of());
        device.shape(ALICE, SHAPED);
        device.suspend(ALICE);
        device.suspend(ALICE);
        final double suspended = download("10.77.2.2", "suspended_tc");
        assertTrue(suspended < 100_000, "suspended, yet " + suspended);

        device.restore(ALICE);
        assertTrue(download("10.77.2.2", "after_tc_suspension") > 5 * SHAPED);
    }

    @Test
    @Order(5)
    void shouldCutOffASuspendedUserWithNftables() throws Exception
    {
        Assumptions.assumeTrue(onPath("nft"), "missing on PATH: nft");
        final LinuxTc device = device(Map.of("suspend_mode", "nftables"));
        device.suspend(ALICE);
        device.suspend(ALICE);
        final String table = output("ip", "netns", "exec", ROUTER, "nft", "list", "table", "inet", "jet_linux_tc");
        assertTrue(table.contains("10.77.1.2") && table.contains("fd77:1::/64"), table);
        final double suspended = download("10.77.2.2", "suspended_nftables");
        assertTrue(suspended < 100_000, "suspended, yet " + suspended);

        final LinuxTc restarted = device(Map.of("suspend_mode", "nftables"));
        restarted.restore(ALICE);
        restarted.restore(ALICE);
        assertTrue(download("10.77.2.2", "after_nftables_suspension") > 5 * SHAPED);
        assertFalse(output("ip", "netns", "exec", ROUTER, "nft", "list", "table", "inet", "jet_linux_tc")
            .contains("10.77.1.2"));
    }

    private static LinuxTc device(final Map<String, Object> extra)
    {
        final Map<String, Object> settings = new HashMap<>(Map.of("interface", "down0", "upload_interface", "up0",
            "netns", ROUTER));
        settings.putAll(extra);
        final LinuxTc device = new LinuxTc();
        device.configure(settings);
        return device;
    }

    /** Throughput server to client (through down0's egress), or 0 when no connection could be made. */
    private static double download(final String server, final String label) throws Exception
    {
        return iperf(server, label, true);
    }

    private static double upload(final String server, final String label) throws Exception
    {
        return iperf(server, label, false);
    }

    private static double iperf(final String server, final String label, final boolean reverse) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", CLIENT, "iperf3", "-c", server,
            "-t", "2", "-J", "--connect-timeout", "1000"));
        if (reverse)
        {
            command.add("-R");
        }
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
        double bits = 0;
        final JsonNode report = out.length == 0 ? null : JSON.readTree(out);
        if (report != null && !report.has("error"))
        {
            bits = report.path("end").path("sum_received").path("bits_per_second").asDouble();
        }
        MEASURED.put(label, bits);
        return bits;
    }

    private static List<String> classes(final String device) throws Exception
    {
        final List<String> ids = new ArrayList<>();
        for (final String line : tc("class", "show", "dev", device).split("\n"))
        {
            if (line.startsWith("class htb "))
            {
                ids.add(line.split(" ")[2]);
            }
        }
        ids.sort(null);
        return ids;
    }

    private static String tc(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ROUTER, "tc"));
        command.addAll(List.of(args));
        return sh(command.toArray(new String[0]));
    }

    private static void address(final String ns, final String device, final String v4, final String v6)
        throws Exception
    {
        sh("ip", "-n", ns, "addr", "add", v4, "dev", device);
        sh("ip", "-n", ns, "addr", "add", v6, "dev", device, "nodad");
        sh("ip", "-n", ns, "link", "set", device, "up");
    }

    private static String sh(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
        return out;
    }

    private static String output(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static boolean onPath(final String tool)
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            if (Files.isExecutable(Path.of(dir, tool)))
            {
                return true;
            }
        }
        return false;
    }
}
