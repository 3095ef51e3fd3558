package org.jet.bench.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.jet.bench.loadgen.LoadReport;
import org.jet.bench.loadgen.LoadRunner;
import org.jet.bench.loadgen.LoadSettings;
import org.jet.bench.loadgen.Protocol;
import org.jet.collector.record.IpAddress;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.quota.Bucket;
import org.jet.engine.session.SessionChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole quota path with real parts: a user with a small plan gets flows from the load generator (NetFlow v9 over
 * UDP), the warning mail reaches an SMTP server (GreenMail) through the e-mail plugin, the linux-tc plugin shapes
 * the user's address with tc at 100 %, and a top-up restores them (the tc class goes away, the receipt and the
 * all-clear are mailed). Needs root, ip and tc (a network namespace holds the router's interface); skipped without.
 */
class QuotaEndToEndTest
{
    /** The shipped plugins as the distribution has them (the e-mail plugin shaded), built earlier in the reactor. */
    private static final List<Path> SHIPPED = List.of(Path.of("..", "plugins", "email", "target"),
        Path.of("..", "plugins", "linux-tc", "target"));
    private static final int ADDRESS = 0x0a00_0000; // the load generator's first inside address, 10.0.0.0
    private static final long PLAN = 20_000_000;

    @TempDir
    Path dir;

    private final String netns = "jet-e2e-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private GreenMail smtp;

    @AfterEach
    void tearDown() throws Exception
    {
        if (smtp != null)
        {
            smtp.stop();
        }
        run("ip", "netns", "del", netns);
    }

    @Test
    void shouldWarnThenShapeThenRestoreAfterATopUp() throws Exception
    {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (network namespaces, tc)");
        assumeTrue(run("tc", "-V") == 0 && run("ip", "-V") == 0, "needs ip and tc (iproute2)");
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (final Path target : SHIPPED)
        {
            final Path jar = pluginJar(target);
            assumeTrue(jar != null, "no plugin jar in " + target +
                ": build the plugins first (mvn verify from the root)");
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        assertEquals(0, run("ip", "netns", "add", netns));
        assertEquals(0, run("ip", "-n", netns, "link", "add", "users0", "type", "veth", "peer", "name", "users1"));
        assertEquals(0, run("ip", "-n", netns, "link", "set", "users0", "up"));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        try (Daemon daemon = Daemon.start(ConfigLoader.load(config(smtp.getSmtp().getPort(), plugins))))
        {
            daemon.directory().addCostCentre("eng", "Engineering", null, "test");
            daemon.directory().addUser("ann", "Ann", "ann@example.org", "eng", "test");
            daemon.quotas().plan("ann", PLAN, "test");
            // Logged in ten minutes ago: the generator's flows end a second before they are sent, at whole seconds.
            assertTrue(daemon.sessions().accept(new SessionChange(SessionChange.Kind.START, "ann", 0,
                IpAddress.mappedLo(ADDRESS), 128, System.currentTimeMillis() - 600_000, "s1", "test")));
            awaitTrue(() -> !daemon.accounting().sessionStore().addressesOf(
                daemon.directory().user("ann").numericId()).isEmpty(), "the session is open");

            final LoadReport sent = send(daemon, 2_000);
            assertTrue(sent.total().flowBytes() > 2 * PLAN, "enough to run out: " + sent.total().flowBytes());

            final List<String> subjects = awaitMail(3); // welcome, 80 %, used up
            assertTrue(subjects.stream().anyMatch(s -> s.startsWith("[Jet] You have used")), subjects.toString());
            assertTrue(subjects.contains("[Jet] Your quota is used up: your connection is slowed down"),
                subjects.toString());
            awaitTrue(() -> tc("class", "show", "dev", "users0").contains("rate 2Mbit"),
                "ann's class at 2 Mbit/s: " + tc("class", "show", "dev", "users0"));
            awaitTrue(() -> tc("filter", "show", "dev", "users0").contains("match 0a000000/ffffffff"),
                "her address is matched: " + tc("filter", "show", "dev", "users0"));
            assertEquals("SHAPED", daemon.quotas().show("ann").state());

            daemon.quotas().topUp("ann", 1L << 30, 0, "receipt-1", Bucket.Kind.TOPUP, "test");
            awaitTrue(() -> !tc("class", "show", "dev", "users0").contains("rate 2Mbit"),
                "the class is gone after the top-up: " + tc("class", "show", "dev", "users0"));
            final List<String> after = awaitMail(5);
            assertTrue(after.contains("[Jet] Receipt for your top-up"), after.toString());
            assertTrue(after.contains("[Jet] Your connection is back to normal"), after.toString());
            assertEquals("NORMAL", daemon.quotas().show("ann").state());
            assertTrue(daemon.quotas().recompute("ann").matches(), daemon.quotas().recompute("ann").toString());
        }
    }

    private static Path pluginJar(final Path target) throws IOException
    {
        if (!Files.isDirectory(target))
        {
            return null;
        }
        try (var jars = Files.list(target))
        {
            return jars.filter(p -> p.getFileName().toString().matches("jet-plugin-.*\\.jar") &&
                !p.getFileName().toString().startsWith("original-")).findFirst().orElse(null);
        }
    }

    private Path config(final int smtpPort, final Path plugins) throws IOException
    {
        final Path config = dir.resolve("jet.yml");
        Files.writeString(config, String.join("\n",
            "data_dir: " + dir.resolve("data"),
            "listen: ['127.0.0.1:0']",
            "http: {listen: '127.0.0.1:0'}",
            "plugins:",
            "  directory: " + plugins,
            "  enabled: [email, linux-tc]",
            "  settings:",
            "    email: {host: 127.0.0.1, port: " + smtpPort + ", from: network@example.org}",
            "    linux-tc: {interface: users0, netns: " + netns + "}",
            "quota:",
            "  thresholds:",
            "    - {percent: 80, state: warned}",
            "    - {exhausted: true, state: shaped, shape_rate: 2Mbit}",
            ""));
        return config;
    }

    private static LoadReport send(final Daemon daemon, final long records) throws Exception
    {
        final int port = daemon.listenPorts().iterator().next();
        final LoadSettings settings = new LoadSettings()
            .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .protocol(Protocol.parse("netflow9"))
            .internalHosts(1)
            .externalHosts(50)
            .recordLimit(records)
            .recordsPerSecond(20_000)
            .conclude();
        try (LoadRunner runner = new LoadRunner(settings))
        {
            return runner.run();
        }
    }

    private List<String> awaitMail(final int count) throws Exception
    {
        assertTrue(smtp.waitForIncomingEmail(20_000, count), "mails: " + subjects());
        return subjects();
    }

    private List<String> subjects() throws Exception
    {
        final List<String> subjects = new ArrayList<>();
        for (final MimeMessage message : smtp.getReceivedMessages())
        {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private String tc(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns, "tc"));
        command.addAll(Arrays.asList(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        }
        catch (final IOException | InterruptedException ex)
        {
            return ex.toString();
        }
    }

    private static int run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }
        catch (final IOException | InterruptedException ex)
        {
            return -1;
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("waited 20 s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
