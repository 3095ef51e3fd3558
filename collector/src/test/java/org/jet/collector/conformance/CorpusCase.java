package org.jet.collector.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One case of the shared flow corpus ({@code ../shared/corpus/<case>}): its datagrams in feeding order, the
 * exporter of each, and the expected decoding.
 */
final class CorpusCase
{
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final JsonNode expected;
    final List<Datagram> datagrams;

    record Datagram(int index, byte[] payload, byte[] exporterAddress, int exporterPort)
    {
    }

    private CorpusCase(final String name, final JsonNode expected, final List<Datagram> datagrams)
    {
        this.name = name;
        this.expected = expected;
        this.datagrams = datagrams;
    }

    /**
     * @return the corpus directory, or null when it is not there (tests then skip).
     */
    static Path corpusDirectory()
    {
        final String configured = System.getProperty("jet.corpus");
        final Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/corpus");
        return Files.isDirectory(dir) ? dir.normalize() : null;
    }

    static List<CorpusCase> all(final Path corpus) throws IOException
    {
        final List<CorpusCase> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus))
        {
            dirs.filter(dir -> Files.isRegularFile(dir.resolve("expected.json"))).sorted().forEach(dir -> cases.add(load(dir)));
        }
        return cases;
    }

    static CorpusCase load(final Path dir)
    {
        try
        {
            final JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
            final List<Datagram> datagrams = new ArrayList<>();
            for (final JsonNode packet : expected.get("packets"))
            {
                final int index = packet.get("index").asInt();
                final String file = packet.has("file") ? packet.get("file").asText() : String.format("%03d.bin", index);
                datagrams.add(new Datagram(
                    index,
                    Files.readAllBytes(dir.resolve("packets").resolve(file)),
                    InetAddress.getByName(packet.get("exporter_addr").asText()).getAddress(),
                    packet.get("exporter_port").asInt()));
            }
            return new CorpusCase(dir.getFileName().toString(), expected, datagrams);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("corpus case " + dir + ": " + ex.getMessage(), ex);
        }
    }

    String protocol()
    {
        return expected.get("protocol").asText();
    }

    String outcome()
    {
        return expected.get("expected_outcome").asText();
    }

    JsonNode summary()
    {
        return expected.get("summary");
    }

    @Override
    public String toString()
    {
        return name;
    }
}
