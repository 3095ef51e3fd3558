package org.jet.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jet.engine.ingest.RingFullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldUseDefaultsForAnEmptyFile() throws Exception
    {
        final JetConfig config = ConfigLoader.parse("jet.yml", "");
        assertEquals(JetConfig.DEFAULT_LISTEN, config.listen());
        assertEquals(1, config.receive().readers());
        assertTrue(config.receive().batched());
        assertEquals(500, config.receive().batchWaitMicros());
        assertEquals(1, config.receive().realtimePriority());
        assertEquals(RingFullPolicy.DROP, config.ring().whenFull());
        assertEquals(1, config.ring().engineRealtimePriority());
        assertEquals(JetConfig.Exporters.LOOPBACK, config.exporters().allow());
        assertEquals("127.0.0.1:7055", config.http().listen().toString());
    }

    @Test
    void shouldReadEveryKind() throws Exception
    {
        final JetConfig config = ConfigLoader.parse("jet.yml", String.join("\n",
            "data_dir: /var/lib/jet",
            "listen: ['0.0.0.0:9995', '[::1]:9996']",
            "receive:",
            "  readers: 2",
            "  max_datagram_bytes: 9000",
            "  batched: false",
            "  batch_wait_micros: 0",
            "  realtime_priority: 0",
            "ring:",
            "  size: 1024",
            "  when_full: block",
            "  engine_realtime_priority: 0",
            "exporters:",
            "  allow: [192.0.2.0/24, '2001:db8::/32']",
            "  sampling_overrides:",
            "    192.0.2.1: 1000",
            "decoder:",
            "  default_sampling_rate: 512",
            ""));
        assertEquals(Path.of("/var/lib/jet"), config.dataDir());
        assertEquals(List.of(HostPort.parse("0.0.0.0:9995"), HostPort.parse("[::1]:9996")), config.listen());
        assertEquals(9000, config.receive().maxDatagramBytes());
        assertEquals(false, config.receive().batched());
        assertEquals(0, config.receive().batchWaitMicros());
        assertEquals(0, config.receive().realtimePriority());
        assertEquals(RingFullPolicy.BLOCK, config.ring().whenFull());
        assertEquals(1024, config.ring().size());
        assertEquals(0, config.ring().engineRealtimePriority());
        assertEquals(512L, config.decoder().defaultSamplingRate());
        final Cidr v4 = config.exporters().allow().get(0);
        assertTrue(v4.contains(0, 0x0000_ffff_c000_0201L));
        assertTrue(!v4.contains(0, 0x0000_ffff_c000_0301L));
        assertEquals(1000L, config.exporters().samplingOverrides().get(Cidr.parse("192.0.2.1")));
    }

    @Test
    void shouldReportEveryUnknownKeyWithItsLine()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("jet.yml",
            String.join("\n", "listen: ['0.0.0.0:2055']", "recieve:", "  readers: 2", "ring:", "  sise: 1024", "")));
        assertEquals(2, ex.problems().size(), ex.getMessage());
        final String all = String.join("\n", ex.problems());
        assertTrue(all.contains("jet.yml:2: unknown key 'recieve'"), all);
        assertTrue(all.contains("jet.yml:5: unknown key 'ring.sise' (known keys here: busy_spin, engine_realtime_priority, size, when_full)"), all);
    }

    @Test
    void shouldSayWhatToDoAboutARemovedKey()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("jet.yml",
            String.join("\n", "receive:", "  readers: 1", "  transport: epoll", "")));
        assertEquals(List.of("jet.yml:3: key 'receive.transport' was removed; the readers now choose for themselves " +
            "(recvmmsg on Linux, see receive.batched): delete the line"), ex.problems());
    }

    @Test
    void shouldNameTheKeyAndLineOfABadValue()
    {
        assertProblem("ring:\n  size: 1000\n", "jet.yml:2:", "power of two");
        assertProblem("receive:\n  readers: lots\n", "jet.yml:2: receive.readers: expected a whole number", "lots");
        assertProblem("ring:\n  when_full: explode\n", "jet.yml:2: ring.when_full: expected one of drop, block",
            "explode");
        assertProblem("exporters:\n  allow: [10.0.0.0/33]\n", "jet.yml:2:", "prefix length must be 0..32");
        assertProblem("listen: ['2055']\n", "jet.yml:1:", "expected HOST:PORT");
        assertProblem("decoder:\n  max_templates_per_exporter: 0\n", "jet.yml:", "between 1 and 65536");
        assertProblem("receive:\n  realtime_priority: 100\n", "jet.yml:", "receive.realtime_priority");
        assertProblem("ring:\n  engine_realtime_priority: -1\n", "jet.yml:", "ring.engine_realtime_priority");
        assertProblem("receive:\n  batch_wait_micros: -1\n", "jet.yml:", "receive.batch_wait_micros");
    }

    @Test
    void shouldSayWhenTheFileIsMissing()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(dir.resolve("nope.yml")));
        assertEquals(List.of(dir.resolve("nope.yml") + ": no such file"), ex.problems());
    }

    @Test
    void shouldLoadTheShippedConfig() throws Exception
    {
        final Path shipped = Path.of("../packaging/src/main/dist/conf/jet.yml");
        if (Files.exists(shipped))
        {
            final JetConfig config = ConfigLoader.load(shipped);
            assertEquals(JetConfig.defaults().listen(), config.listen(), "the shipped config documents the defaults");
            assertEquals(JetConfig.defaults().ring(), config.ring());
            assertEquals(JetConfig.defaults().decoder(), config.decoder());
        }
    }

    @Test
    void shouldReadRadiusClientsAndLeaveRadiusOffWithoutThem() throws Exception
    {
        assertTrue(!JetConfig.defaults().radius().enabled(), "no clients, no RADIUS port");
        assertEquals("0.0.0.0:1813", JetConfig.defaults().radius().listen().toString());

        final Path secretFile = dir.resolve("bras.secret");
        Files.writeString(secretFile, "from-a-file\n");
        final JetConfig config = ConfigLoader.parse("jet.yml", String.join("\n",
            "radius:",
            "  listen: '[::]:11813'",
            "  clients:",
            "    - address: 192.0.2.0/24",
            "      name: bras",
            "      secret_file: " + secretFile,
            "    - address: '2001:db8::1'",
            "      secret: inline",
            ""));

        final JetConfig.Radius radius = config.radius();
        assertTrue(radius.enabled());
        assertEquals("[::]:11813", radius.listen().toString());
        assertEquals(2, radius.clients().size());
        assertEquals("bras", radius.clients().get(0).name());
        assertEquals("from-a-file", new String(radius.clients().get(0).secretBytes(), StandardCharsets.UTF_8));
        assertEquals("2001:db8::1", radius.clients().get(1).name(), "the name defaults to the address");
        assertEquals("inline", new String(radius.clients().get(1).secretBytes(), StandardCharsets.UTF_8));
        assertTrue(!radius.clients().get(1).toString().contains("inline"), "the secret stays out of messages");
    }

    @Test
    void shouldPointAtTheLineOfABadRadiusClient() throws Exception
    {
        final String clients = "radius:\n  clients:\n    - address: 10.0.0.0/8\n      secret: a\n";
        assertProblem(clients + "    - address: 10.0.0.0/33\n      secret: b\n", "jet.yml:5: radius.clients[1].address",
            "prefix length must be 0..32");
        assertProblem(clients + "    - address: 192.0.2.1\n      name: no-secret\n", "jet.yml:5: radius.clients[1]",
            "needs a secret or a secret_file");
        assertProblem(clients + "    - address: 192.0.2.1\n      secret: b\n      secret_file: /x\n",
            "jet.yml:5: radius.clients[1]", "both secret and secret_file");
        assertProblem(clients + "    - address: 192.0.2.1\n      secret_file: " + dir.resolve("missing") + "\n",
            "jet.yml:6: radius.clients[1].secret_file", "no such file");
        assertProblem(clients + "    - address: 192.0.2.1\n      secret: ''\n", "jet.yml:6: radius.clients[1].secret",
            "is empty");
        assertProblem(clients + "    - address: 10.0.0.0/8\n      secret: b\n", "jet.yml:5: radius.clients[1].address",
            "is already the address of radius.clients[0]");
        assertProblem(clients + "    - secret: b\n", "jet.yml:5: radius.clients[1]", "has no address");
        assertProblem(clients + "    - address: 192.0.2.1\n      secert: b\n",
            "jet.yml:6: unknown key 'radius.clients[1].secert'", "known keys here: address, name, secret, secret_file");
        assertProblem("radius:\n  duplicate_cache_entries: 1\n", "jet.yml:2:", "between 16 and");
    }

    @Test
    void shouldReportUnknownKeysInEachRadiusClient()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("jet.yml",
            String.join("\n",
                "radius:",
                "  clients:",
                "    - address: 192.0.2.1",
                "      secert: a",
                "    - address: 192.0.2.2",
                "      secret: b",
                "    - address: 192.0.2.3",
                "      secert: c",
                "")));

        assertEquals(List.of(
            "jet.yml:4: unknown key 'radius.clients[0].secert' (known keys here: address, name, secret, secret_file)",
            "jet.yml:8: unknown key 'radius.clients[2].secert' (known keys here: address, name, secret, secret_file)"),
            ex.problems().subList(0, 2));
    }

    @Test
    void shouldNameUnknownKeysOfNestedSectionsAndListItemsByTheirPlaceInTheFile()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("jet.yml",
            String.join("\n",
                "accounting:",
                "  tick_mss: 100",
                "  traffic_classes:",
                "    - name: mirror",
                "      ratin: 0",
                "")));

        final String all = String.join("\n", ex.problems());
        assertTrue(all.contains("jet.yml:2: unknown key 'accounting.tick_mss'"), all);
        assertTrue(all.contains("jet.yml:5: unknown key 'accounting.traffic_classes[0].ratin'"), all);
    }

    @Test
    void shouldSayWhenASecretFileCannotBeRead() throws Exception
    {
        final Path secretFile = dir.resolve("locked.secret");
        Files.writeString(secretFile, "x");
        final Path directory = Files.createDirectory(dir.resolve("a-directory"));
        assertProblem("radius:\n  clients:\n    - address: 192.0.2.1\n      secret_file: " + directory + "\n",
            "jet.yml:4: radius.clients[0].secret_file", "cannot read");
        Files.writeString(secretFile, "\n");
        assertProblem("radius:\n  clients:\n    - address: 192.0.2.1\n      secret_file: " + secretFile + "\n",
            "jet.yml:4: radius.clients[0].secret_file", "is empty");
    }

    private static void assertProblem(final String yaml, final String prefix, final String fragment)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("jet.yml", yaml));
        final String problem = ex.problems().get(0);
        assertTrue(problem.startsWith(prefix) && problem.contains(fragment), problem);
        assertTrue(!problem.contains("\n") && !problem.contains("Exception"), "one clean line: " + problem);
    }
}
