package org.jet.engine.config;

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
 */
public record JetConfig(
    Path dataDir,
    List<HostPort> listen,
    Receive receive,
    Ring ring,
    Exporters exporters,
    Decoder decoder,
    Http http,
    AccountingConfig accounting)
{
    public static final List<HostPort> DEFAULT_LISTEN = List.of(
        HostPort.parse("0.0.0.0:2055"), HostPort.parse("0.0.0.0:4739"), HostPort.parse("0.0.0.0:6343"));

    public JetConfig
    {
        dataDir = dataDir != null ? dataDir : Path.of("data");
        listen = listen != null ? List.copyOf(listen) : DEFAULT_LISTEN;
        receive = receive != null ? receive : new Receive(null, null, null, null);
        ring = ring != null ? ring : new Ring(null, null, null);
        exporters = exporters != null ? exporters : new Exporters(null, null);
        decoder = decoder != null ? decoder : new Decoder(null, null, null, null, null, null, null);
        http = http != null ? http : new Http(null);
        accounting = accounting != null ? accounting : new AccountingConfig(null, null, null, null, null, null, null,
            null, null, null);
    }

    /** @return the configuration with every default. */
    public static JetConfig defaults()
    {
        return new JetConfig(null, null, null, null, null, null, null, null);
    }

    /**
     * @param readers            reader threads per listen address (SO_REUSEPORT); an exporter stays on one reader.
     * @param receiveBufferBytes SO_RCVBUF asked for each socket (the kernel caps it at net.core.rmem_max).
     * @param maxDatagramBytes   largest datagram accepted (IPFIX over UDP may use up to 65,507 bytes).
     * @param transport          auto (epoll where available, else NIO), epoll or nio.
     */
    public record Receive(Integer readers, Integer receiveBufferBytes, Integer maxDatagramBytes, Transport transport)
    {
        public Receive
        {
            readers = readers != null ? readers : 1;
            receiveBufferBytes = receiveBufferBytes != null ? receiveBufferBytes : 32 << 20;
            maxDatagramBytes = maxDatagramBytes != null ? maxDatagramBytes : 65_535;
            transport = transport != null ? transport : Transport.AUTO;
            Checks.range("receive.readers", readers, 1, 64);
            Checks.range("receive.receive_buffer_bytes", receiveBufferBytes, 4096, Integer.MAX_VALUE);
            Checks.range("receive.max_datagram_bytes", maxDatagramBytes, 512, 65_535);
        }
    }

    public enum Transport
    {
        AUTO, EPOLL, NIO
    }

    /**
     * @param size     slots, a power of two.
     * @param whenFull drop (count and go on) or block (the reader waits for the engine).
     * @param busySpin the engine spins while idle: lowest latency, one core always busy.
     */
    public record Ring(Integer size, RingFullPolicy whenFull, Boolean busySpin)
    {
        public Ring
        {
            size = size != null ? size : 1 << 16;
            whenFull = whenFull != null ? whenFull : RingFullPolicy.DROP;
            busySpin = busySpin != null ? busySpin : Boolean.FALSE;
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
}
