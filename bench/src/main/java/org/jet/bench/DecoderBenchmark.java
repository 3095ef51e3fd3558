package org.jet.bench;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.bench.gen.FlowPacketWriter;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records decoded per second per core, for each protocol, on realistic datagrams (v9/IPFIX: 25 records of a
 * typical router template; v5: 30 records; sFlow: 8 flow samples of 128-byte Ethernet/IPv4/TCP headers).
 *
 * <p>The score is per datagram; multiply by {@code records} for records/s (bench/README.md does). The baseline in
 * the same run is {@code copyOnly}: reading every byte of the same datagram, the floor any decoder pays.
 * Run: {@code java -jar bench/target/benchmarks.jar DecoderBenchmark -prof gc}; "gc.alloc.rate.norm" must be 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class DecoderBenchmark
{
    @Param({"netflow5", "netflow9", "ipfix", "sflow"})
    public String protocol;

    private final UnsafeBuffer datagram = new UnsafeBuffer(new byte[65_536]);
    private int length;
    private int records;
    private DatagramDecoder decoder;
    private Exporter exporter;
    private CountingSink sink;

    @Setup(Level.Trial)
    public void setUp()
    {
        final long now = System.currentTimeMillis();
        final FlowPacketWriter writer = new FlowPacketWriter(10_000, 100_000);
        decoder = new DatagramDecoder(new DecoderConfig(), DecodeListener.NONE);
        exporter = new ExporterTable(16).lookup(0, 0x0000_ffff_c000_0201L, 2055);
        sink = new CountingSink();
        switch (protocol)
        {
            case "netflow5":
                records = 30;
                length = writer.netflow5(datagram, records, now);
                break;
            case "netflow9":
                records = 25;
                learn(writer.netflow9Template(datagram, now, 0));
                length = writer.netflow9Data(datagram, records, now, 0);
                break;
            case "ipfix":
                records = 25;
                learn(writer.ipfixTemplate(datagram, now, 0));
                length = writer.ipfixData(datagram, records, now, 0);
                break;
            case "sflow":
                records = 8;
                length = writer.sflow(datagram, records, now, 1000);
                break;
            default:
                throw new IllegalArgumentException(protocol);
        }
        final int decoded = decoder.decode(exporter, datagram, 0, length, sink);
        if (decoded != records)
        {
            throw new IllegalStateException(protocol + ": decoded " + decoded + " of " + records + " records");
        }
    }

    private void learn(final int templateLength)
    {
        decoder.decode(exporter, datagram, 0, templateLength, sink);
    }

    @Benchmark
    public int decode()
    {
        return decoder.decode(exporter, datagram, 0, length, sink);
    }

    @Benchmark
    public void copyOnly(final Blackhole blackhole)
    {
        long sum = 0;
        for (int i = 0; i + 8 <= length; i += 8)
        {
            sum += datagram.getLong(i);
        }
        blackhole.consume(sum);
    }

    /**
     * Reads the fields billing needs, so the decoder's work cannot be optimised away.
     */
    static final class CountingSink implements FlowSink
    {
        long sum;

        @Override
        public void onRecord(final Exporter exporter, final FlowRecord record)
        {
            sum += record.bytes() + record.packets() + record.srcAddrLo() + record.dstAddrLo() + record.startMs();
        }
    }
}
