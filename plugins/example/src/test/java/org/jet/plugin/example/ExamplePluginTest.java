package org.jet.plugin.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.jet.cli.JetCommand;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.config.PluginsConfig;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.plugin.PluginException;
import org.jet.engine.plugin.PluginHost;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Notifier;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The example plugin as the daemon meets it: its compiled classes built into a plugin jar (the manifest the pom
 * writes, the extension index pf4j's annotation processor wrote), dropped in a plugins directory, loaded in its own
 * class loader, configured and called.
 */
class ExamplePluginTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLoadTheExamplePluginFromItsJarAndNotify() throws Exception
    {
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildPluginJar(plugins.resolve("jet-plugin-example.jar"));
        Files.createDirectories(plugins.resolve("backup"));
        Files.writeString(plugins.resolve("README"), "what goes here");

        try (PluginHost host = PluginHost.load(plugins))
        {
            assertEquals(List.of(new PluginHost.Failed("backup", "not a plugin (a plugin is a jar, or a directory, " +
                "whose manifest names a Plugin-Id)")), host.failures(), "a stray directory is said in one line");
            assertEquals(1, host.extensions().size());
            final PluginHost.Loaded loaded = host.extensions().get(0);
            assertEquals("example", loaded.plugin());
            assertEquals("notifier", loaded.kind());
            assertEquals("json-lines", loaded.name());
            assertTrue(loaded.extension().getClass().getClassLoader() != getClass().getClassLoader(),
                "the plugin runs in its own class loader");

            final Notifier notifier = host.extensions(Notifier.class).get(0);
            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> notifier.configure(Map.of()));
            assertEquals("plugins.settings.json-lines.path: a file name is needed", bad.getMessage());
            final Path out = dir.resolve("events.jsonl");
            notifier.configure(Map.of("path", out.toString()));
            notifier.notify(new JetEvent("e-1", JetEvent.Type.WARNED, Instant.parse("2026-11-26T08:00:00Z"),
                new Subject("alice", null, null, "cs", List.of("10.0.0.1")), null, Map.of()));
            assertEquals(List.of("{\"id\":\"e-1\",\"type\":\"WARNED\",\"time\":\"2026-11-26T08:00:00Z\"," +
                "\"login\":\"alice\"}"), Files.readAllLines(out));
        }

        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final CommandLine jet = JetCommand.commandLine(new PrintWriter(text, true), new PrintWriter(System.err, true));
        assertEquals(1, jet.execute("plugins", "list", "--directory", plugins.toString()), "a plugin did not load");
        Files.delete(plugins.resolve("backup"));
        assertEquals(0, jet.execute("plugins", "list", "--directory", plugins.toString()));
        final String listing = text.toString();
        assertTrue(listing.contains("example") && listing.contains("notifier") && listing.contains("json-lines"),
            listing);
    }

    /**
     * The daemon with the plugin enabled: adding a user writes a USER_CREATED event to the outbox in the same
     * batch, and the dispatcher hands it to the plugin.
     */
    @Test
    void shouldWelcomeANewUserThroughTheEnabledPlugin() throws Exception
    {
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildPluginJar(plugins.resolve("jet-plugin-example.jar"));
        final Path out = dir.resolve("welcome.jsonl");
        final JetConfig config = new JetConfig(dir.resolve("data"), List.of(HostPort.parse("127.0.0.1:0")), null,
            null, null, null, new JetConfig.Http(HostPort.parse("127.0.0.1:0")), null, null,
            new PluginsConfig(plugins, List.of("json-lines"), Map.of("json-lines", Map.of("path", out.toString())),
                null, null), null);
        try (Daemon daemon = Daemon.start(config))
        {
            daemon.directory().addCostCentre("cs", "Computer Science", null, "test");
            daemon.directory().addUser("carol", "Carol", null, "cs", "test");
            final long deadline = System.currentTimeMillis() + 10_000;
            while (!(Files.exists(out) && Files.readString(out).contains("carol")) &&
                System.currentTimeMillis() < deadline)
            {
                Thread.sleep(20);
            }
            final List<String> lines = Files.readAllLines(out);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("\"type\":\"USER_CREATED\"") && lines.get(0).contains("carol"),
                lines.get(0));
            final long emptied = System.currentTimeMillis() + 5_000;
            while (daemon.outbox().pending() > 0 && System.currentTimeMillis() < emptied)
            {
                Thread.sleep(20);
            }
            assertEquals(0, daemon.outbox().pending(), "the event leaves the outbox once delivered");
        }

        final PluginsConfig missing = new PluginsConfig(plugins, List.of("email"), null, null, null);
        final PluginException refused = assertThrows(PluginException.class, () -> Daemon.start(new JetConfig(
            dir.resolve("data2"), List.of(HostPort.parse("127.0.0.1:0")), null, null, null, null,
            new JetConfig.Http(HostPort.parse("127.0.0.1:0")), null, null, missing, null)));
        assertEquals("plugins.enabled: no extension named 'email' is loaded (loaded: [json-lines]; see jet plugins " +
            "list)", refused.getMessage());
    }

    @Test
    void shouldSayWhenThereAreNoPlugins()
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final CommandLine jet = JetCommand.commandLine(new PrintWriter(text, true), new PrintWriter(System.err, true));
        assertEquals(0, jet.execute("plugins", "list", "--directory", dir.resolve("none").toString()));
        assertEquals("no plugins in " + dir.resolve("none"), text.toString().trim());
    }

    /** The jar maven-jar-plugin makes in the package phase, made here from target/classes. */
    private static void buildPluginJar(final Path jar) throws Exception
    {
        final Path classes = Path.of("target", "classes");
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/extensions.idx")),
            "pf4j's annotation processor wrote the extension index");
        final Manifest manifest = new Manifest();
        final Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "example");
        main.putValue("Plugin-Version", "0.1.0");
        main.putValue("Plugin-Provider", "Jet");
        try (OutputStream file = Files.newOutputStream(jar);
            JarOutputStream out = new JarOutputStream(file, manifest);
            Stream<Path> paths = Files.walk(classes))
        {
            for (final Path path : (Iterable<Path>)paths.filter(Files::isRegularFile)::iterator)
            {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
