package org.jet.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jet.engine.ingest.RingFullPolicy;

/**
 * Jet's configuration: one YAML file whose keys are these records' components in snake_case. Every key is optional;
 * a missing key takes the default given here (and documented in the shipped {@code conf/jet.yml}).
 *
 * @param dataDir   where Jet keeps its state (templates, ledger, admin token); relative to the working directory.
 * @param listen    UDP addresses to receive flows on; each accepts NetFlow v5/v9, IPFIX and sFlow (told apart by
 *                  version), the ports are only conventions.
 * @param receive   socket and reader settings.
 * @param ring      the queue between readers and engine.
 * @param exporters which exporters are billed, and their sampling overrides.
 * @param decoder   decoder limits and defaults.
 * @param http      the local HTTP API (status, metrics, admin).
 * @param accounting how flows become usage: internal networks, traffic classes, ticks.
 * @param radius    the RADIUS accounting server, a session source (off until clients are listed).
 */
public record JetConfig(
    Path dataDir,
    List<HostPort> listen,
    Receive receive,
    Ring ring,
    Exporters exporters,
    Decoder decoder,
    Http http,
    AccountingConfig accounting,
    Radius radius,
    PluginsConfig plugins,
    QuotaConfig quota)
{
    public static final List<HostPort> DEFAULT_LISTEN = List.of(
        HostPort.parse("0.0.0.0:2055"), HostPort.parse("0.0.0.0:4739"), HostPort.parse("0.0.0.0:6343"));

    public JetConfig
    {
        dataDir = dataDir != null ? dataDir : Path.of("data");
        listen = listen != null ? List.copyOf(listen) : DEFAULT_LISTEN;
        receive = receive != null ? receive : new Receive(null, null, null, null, null, null);
        ring = ring != null ? ring : new Ring(null, null, null, null);
        exporters = exporters != null ? exporters : new Exporters(null, null);
        decoder = decoder != null ? decoder : new Decoder(null, null, null, null, null, null, null);
        http = http != null ? http : new Http(null);
        accounting = accounting != null ? accounting : new AccountingConfig(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);
        radius = radius != null ? radius : new Radius(null, null, null);
        plugins = plugins != null ? plugins : new PluginsConfig(null, null, null, null, null);
        quota = quota != null ? quota : new QuotaConfig(null, null, null, null, null, null, null);
        for (final QuotaConfig.Step step : quota.order())
        {
            for (final String name : step.classes())
            {
                if (!accounting.classNames().contains(name))
                {
                    throw new IllegalArgumentException("quota.order: traffic class '" + name + "' is not one of " +
                        accounting.classNames());
                }
            }
        }
    }

    /** @return the configuration with every default. */
    public static JetConfig defaults()
    {
        return new JetConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * @param readers            reader threads per listen address (SO_REUSEPORT); an exporter stays on one reader.
     * @param receiveBufferBytes SO_RCVBUF asked for each socket (the kernel caps it at net.core.rmem_max).
     * @param maxDatagramBytes   largest datagram accepted (IPFIX over UDP may use up to 65,507 bytes).
     * @param batched            take many datagrams per system call ({@code recvmmsg}, Linux) where it can be had.
     * @param batchWaitMicros    after a take that found datagrams, how long a reader waits before looking again, so
     *                           that the next take finds many (bench/README.md, session 17); 0 looks at once.
     * @param realtimePriority   the readers' SCHED_FIFO priority (1-99), so that they run the moment datagrams come,
     *                           ahead of the ledger: a socket buffer lasts tens of milliseconds, the ring hundreds
     *                           (bench/README.md, session 17). Where it is not permitted the readers stay ordinary
     *                           threads, and say so; 0 leaves them ordinary.
     */
    public record Receive(Integer readers, Integer receiveBufferBytes, Integer maxDatagramBytes, Boolean batched,
        Integer batchWaitMicros, Integer realtimePriority)
    {
        public Receive
        {
            readers = readers != null ? readers : 1;
            receiveBufferBytes = receiveBufferBytes != null ? receiveBufferBytes : 32 << 20;
            maxDatagramBytes = maxDatagramBytes != null ? maxDatagramBytes : 65_535;
            batched = batched != null ? batched : Boolean.TRUE;
            batchWaitMicros = batchWaitMicros != null ? batchWaitMicros : 500;
            realtimePriority = realtimePriority != null ? realtimePriority : 1;
            Checks.range("receive.readers", readers, 1, 64);
            Checks.range("receive.receive_buffer_bytes", receiveBufferBytes, 4096, Integer.MAX_VALUE);
            Checks.range("receive.max_datagram_bytes", maxDatagramBytes, 512, 65_535);
            Checks.range("receive.batch_wait_micros", batchWaitMicros, 0, 100_000);
            Checks.range("receive.realtime_priority", realtimePriority, 0, 99);
        }

        /** @return these settings with the readers' real-time priority replaced. */
        public Receive withRealtimePriority(final int priority)
        {
            return new Receive(readers, receiveBufferBytes, maxDatagramBytes, batched, batchWaitMicros, priority);
        }
    }

    /**
     * @param size     slots, a power of two; the default, 524,288 (about 105 MB of heap), holds half a second at a
     *                 million records a second: what the engine's stalls need when a large population keeps it
     *                 busy (the ledger's thread taking the core, a minute's address hand-over). The ring is larger
     *                 than the cache either way, so doubling it costs memory, not speed (bench/README.md, session
     *                 14: with 100,000 users at 1.6M records/s, no ring-full drops where 262,144 slots dropped
     *                 0.13-0.20 %).
     * @param whenFull drop (count and go on) or block (the reader waits for the engine).
     * @param busySpin the engine spins while idle: lowest latency, one core always busy.
     * @param engineRealtimePriority the engine's SCHED_FIFO priority (1-99), the readers' by default: it must keep up
     *                 with the ring, and the ledger's thread and RocksDB's have seconds of slack where the engine has
     *                 the ring's half second (bench/README.md, session 18). At the same priority a reader that wakes
     *                 takes the other core rather than preempting the engine. Not permitted: an ordinary thread, said
     *                 so; 0 leaves it ordinary, as do busy_spin (a real-time thread that spins keeps its core) and a
     *                 machine of one core.
     */
    public record Ring(Integer size, RingFullPolicy whenFull, Boolean busySpin, Integer engineRealtimePriority)
    {
        public Ring
        {
            size = size != null ? size : 1 << 19;
            whenFull = whenFull != null ? whenFull : RingFullPolicy.DROP;
            busySpin = busySpin != null ? busySpin : Boolean.FALSE;
            engineRealtimePriority = engineRealtimePriority != null ? engineRealtimePriority : 1;
            Checks.range("ring.engine_realtime_priority", engineRealtimePriority, 0, 99);
            Checks.range("ring.size", size, 64, 1 << 26);
            if (Integer.bitCount(size) != 1)
            {
                throw new IllegalArgumentException("ring.size must be a power of two, got " + size);
            }
        }
    }

    /**
     * @param allow             prefixes of exporters whose flows are accepted; everything else is dropped and
     *                          counted. Default: loopback only.
     * @param samplingOverrides exporter address or prefix to a sampling rate that replaces what it reports.
     */
    public record Exporters(List<Cidr> allow, Map<Cidr, Long> samplingOverrides)
    {
        public static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));

        public Exporters
        {
            allow = allow != null ? List.copyOf(allow) : LOOPBACK;
            samplingOverrides = samplingOverrides != null ? Map.copyOf(samplingOverrides) : Map.of();
            for (final Map.Entry<Cidr, Long> entry : samplingOverrides.entrySet())
            {
                Checks.range("exporters.sampling_overrides." + entry.getKey(), entry.getValue(), 1, 1L << 32);
            }
        }
    }

    /**
     * @param defaultSamplingRate         rate assumed when an exporter never tells one (records are marked).
     * @param templateExpirySeconds       templates not refreshed for this long are forgotten; 0 = never.
     * @param maxTemplatesPerExporter     cap per exporter (hostile input must not grow memory).
     * @param maxFieldsPerTemplate        cap per template.
     * @param pendingDatagramsPerExporter datagrams held while their template is unknown.
     * @param pendingBytesPerExporter     bytes held while their template is unknown.
     * @param maxExporters                exporters tracked per reader.
     */
    public record Decoder(
        Long defaultSamplingRate,
        Long templateExpirySeconds,
        Integer maxTemplatesPerExporter,
        Integer maxFieldsPerTemplate,
        Integer pendingDatagramsPerExporter,
        Integer pendingBytesPerExporter,
        Integer maxExporters)
    {
        public Decoder
        {
            defaultSamplingRate = defaultSamplingRate != null ? defaultSamplingRate : 1L;
            templateExpirySeconds = templateExpirySeconds != null ? templateExpirySeconds : 1800L;
            maxTemplatesPerExporter = maxTemplatesPerExporter != null ? maxTemplatesPerExporter : 1024;
            maxFieldsPerTemplate = maxFieldsPerTemplate != null ? maxFieldsPerTemplate : 512;
            pendingDatagramsPerExporter = pendingDatagramsPerExporter != null ? pendingDatagramsPerExporter : 64;
            pendingBytesPerExporter = pendingBytesPerExporter != null ? pendingBytesPerExporter : 1 << 20;
            maxExporters = maxExporters != null ? maxExporters : 4096;
            Checks.range("decoder.default_sampling_rate", defaultSamplingRate, 1, 1L << 32);
            Checks.range("decoder.template_expiry_seconds", templateExpirySeconds, 0, 365L * 86_400);
            Checks.range("decoder.max_templates_per_exporter", maxTemplatesPerExporter, 1, 65_536);
            Checks.range("decoder.max_fields_per_template", maxFieldsPerTemplate, 1, 65_535);
            Checks.range("decoder.pending_datagrams_per_exporter", pendingDatagramsPerExporter, 0, 1 << 16);
            Checks.range("decoder.pending_bytes_per_exporter", pendingBytesPerExporter, 0, 1 << 30);
            Checks.range("decoder.max_exporters", maxExporters, 1, 1 << 20);
        }
    }

    /**
     * @param listen address of the HTTP API (/metrics, /api/v1); keep it on loopback unless fronted by a proxy.
     */
    public record Http(HostPort listen)
    {
        public Http
        {
            listen = listen != null ? listen : HostPort.parse("127.0.0.1:7055");
        }
    }

    /**
     * RADIUS accounting (RFC 2866) as a session source: NASes (BRAS, wireless controllers, VPN concentrators) tell
     * Jet which user holds which address. The server runs only when at least one client is listed, so a config
     * without clients opens no port.
     *
     * @param listen                UDP address to receive Accounting-Request packets on.
     * @param clients               the NASes allowed to send accounting, each with its shared secret; packets from
     *                              any other address are dropped unanswered.
     * @param duplicateCacheEntries requests remembered so a retransmit is answered again without being counted
     *                              twice; at least a NAS's retry window of requests.
     */
    public record Radius(HostPort listen, List<RadiusClient> clients, Integer duplicateCacheEntries)
    {
        public Radius
        {
            listen = listen != null ? listen : HostPort.parse("0.0.0.0:1813");
            clients = clients != null ? List.copyOf(clients) : List.of();
            duplicateCacheEntries = duplicateCacheEntries != null ? duplicateCacheEntries : 16_384;
            Checks.range("radius.duplicate_cache_entries", duplicateCacheEntries, 16, 1 << 22);
            for (int i = 0; i < clients.size(); i++)
            {
                clients.get(i).check("radius.clients[" + i + "]");
                for (int j = 0; j < i; j++)
                {
                    if (clients.get(j).address().equals(clients.get(i).address()))
                    {
                        throw new IllegalArgumentException("radius.clients[" + i + "].address " +
                            clients.get(i).address() + " is already the address of radius.clients[" + j + "]");
                    }
                }
            }
        }

        /** @return true when clients are listed, so the server should run. */
        public boolean enabled()
        {
            return !clients.isEmpty();
        }
    }

    /**
     * One NAS, or a prefix of NASes sharing a secret. Give the secret inline or, better, in a file only Jet can
     * read ({@code secret_file}, relative to the working directory; one line, the trailing line break is not part
     * of it).
     *
     * @param address    the NAS's address or prefix; the longest matching prefix picks the client.
     * @param name       what logs call it; defaults to the address.
     * @param secret     the shared secret.
     * @param secretFile a file holding the shared secret, instead of {@code secret}.
     */
    public record RadiusClient(Cidr address, String name, String secret, Path secretFile)
    {
        public RadiusClient
        {
            name = name != null || address == null ? name : address.toString();
        }

        /**
         * @return the shared secret's bytes (inline, or read from {@code secret_file} now).
         * @throws IOException when the file cannot be read.
         */
        public byte[] secretBytes() throws IOException
        {
            if (secret != null)
            {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
            String text = Files.readString(secretFile, StandardCharsets.UTF_8);
            while (text.endsWith("\n") || text.endsWith("\r"))
            {
                text = text.substring(0, text.length() - 1);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        void check(final String key)
        {
            if (address == null)
            {
                throw new IllegalArgumentException(key + " has no address (the NAS's address or prefix)");
            }
            if ((secret == null) == (secretFile == null))
            {
                throw new IllegalArgumentException(key + (secret == null ?
                    " needs a secret or a secret_file" : " has both secret and secret_file: keep one"));
            }
            final byte[] bytes;
            try
            {
                bytes = secretBytes();
            }
            catch (final NoSuchFileException ex)
            {
                throw new IllegalArgumentException(key + ".secret_file " + secretFile + ": no such file");
            }
            catch (final AccessDeniedException ex)
            {
                throw new IllegalArgumentException(key + ".secret_file " + secretFile + ": permission denied");
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException(key + ".secret_file " + secretFile + ": cannot read: " +
                    ex.getMessage());
            }
            if (bytes.length == 0)
            {
                throw new IllegalArgumentException(key + (secret != null ? ".secret is empty" :
                    ".secret_file " + secretFile + " is empty"));
            }
        }

        /** Keeps the secret out of logs and messages. */
        @Override
        public String toString()
        {
            return "RadiusClient[address=" + address + ", name=" + name + ", secret=" +
                (secret != null ? "***" : "file " + secretFile) + "]";
        }
    }
}
