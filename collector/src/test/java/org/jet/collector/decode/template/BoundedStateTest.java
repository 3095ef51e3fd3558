package org.jet.collector.decode.template;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.decode.DatagramDecoder;
import org.jet.collector.decode.DecodeListener;
import org.jet.collector.decode.DecoderConfig;
import org.jet.collector.exporter.Exporter;
import org.jet.collector.exporter.ExporterTable;
import org.jet.collector.record.FlowRecord;
import org.jet.collector.record.FlowSink;
import org.junit.jupiter.api.Test;

/**
 * A hostile exporter sending endless new templates, options, withdrawals, data for unknown templates, new domains
 * and garbage must not grow the decoder's memory past its configured limits.
 */
class BoundedStateTest
{
    private static final int TEMPLATE_LIMIT = 32;
    private static final int PENDING_DATAGRAMS = 4;
    private static final int DOMAINS = 8;
    private static final long RETAINED_GROWTH_LIMIT = 4L << 20;

    private final long[] now = {1_700_000_000_000L};
    private final DecoderConfig config = new DecoderConfig()
        .clock(() -> now[0])
        .maxTemplatesPerExporter(TEMPLATE_LIMIT)
        .maxFieldsPerTemplate(64)
        .maxDomainsPerExporter(DOMAINS)
        .pendingDatagramsPerExporter(PENDING_DATAGRAMS)
        .pendingBytesPerExporter(16 * 1024)
        .pendingTimeoutMs(30_000);
    private final DatagramDecoder decoder = new DatagramDecoder(config, DecodeListener.NONE);
    private final Exporter exporter = new ExporterTable(1).lookup(0, 0x0000_ffff_c000_0201L, 2055);
    private final ByteBuffer datagram = ByteBuffer.allocate(1500);
    private final UnsafeBuffer buffer = new UnsafeBuffer(datagram.array());
    private final Random random = new Random(20_240_601);
    private long records;

    private final FlowSink sink = new FlowSink()
    {
        @Override
        public void onRecord(final Exporter exporter, final FlowRecord record)
        {
            records++;
        }
    };

    @Test
    void shouldKeepRetainedMemoryBoundedUnderHostileDatagrams()
    {
        decodeRandom(20_000);
        final long before = retainedHeap();
        decodeRandom(100_000);
        final long after = retainedHeap();

        assertTrue(records > 0, "some datagrams must decode");
        assertTrue(decoder.netflow9().templates().templateCount() <= TEMPLATE_LIMIT);
        assertTrue(decoder.ipfix().templates().templateCount() <= TEMPLATE_LIMIT);
        assertTrue(decoder.netflow9().templates().pendingSets() <= PENDING_DATAGRAMS);
        assertTrue(decoder.ipfix().templates().pendingSets() <= PENDING_DATAGRAMS);
        assertTrue(after - before < RETAINED_GROWTH_LIMIT,
            "retained heap grew by " + (after - before) + " bytes over 100k datagrams");
    }

    private void decodeRandom(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            now[0] += 10;
            final int length = random.nextInt(16) == 0 ? garbage() : random.nextBoolean() ? netflow9() : ipfix();
            decoder.decode(exporter, buffer, 0, length, sink);
            if (i % 100 == 0)
            {
                decoder.expire(now[0]);
            }
        }
    }

    private int garbage()
    {
        final int length = random.nextInt(datagram.capacity());
        random.nextBytes(datagram.array());
        datagram.array()[0] = 0;
        datagram.array()[1] = (byte)(random.nextBoolean() ? 9 : 10);
        return length;
    }

    private int netflow9()
    {
        datagram.clear();
        datagram.putShort((short)9).putShort((short)random.nextInt(8)).putInt((int)(now[0] / 3))
            .putInt((int)(now[0] / 1000)).putInt(random.nextInt()).putInt(random.nextInt(DOMAINS * 2));
        final int sets = 1 + random.nextInt(4);
        for (int i = 0; i < sets && datagram.remaining() > 300; i++)
        {
            final int start = datagram.position();
            switch (random.nextInt(4))
            {
                case 0:
                    datagram.putShort((short)0).putShort((short)0);
                    for (int t = random.nextInt(3); t >= 0; t--)
                    {
                        final int fields = 1 + random.nextInt(8);
                        datagram.putShort((short)templateId()).putShort((short)fields);
                        fields(fields, false);
                    }
                    break;
                case 1:
                    final int scopes = 1 + random.nextInt(2);
                    final int options = random.nextInt(4);
                    datagram.putShort((short)1).putShort((short)0).putShort((short)templateId())
                        .putShort((short)(scopes * 4)).putShort((short)(options * 4));
                    fields(scopes + options, false);
                    break;
                default:
                    datagram.putShort((short)templateId()).putShort((short)0);
                    datagram.position(datagram.position() + random.nextInt(200));
                    break;
            }
            datagram.putShort(start + 2, (short)(datagram.position() - start));
        }
        return datagram.position();
    }

    private int ipfix()
    {
        datagram.clear();
        datagram.putShort((short)10).putShort((short)0).putInt((int)(now[0] / 1000)).putInt(random.nextInt())
            .putInt(random.nextInt(DOMAINS * 2));
        final int sets = 1 + random.nextInt(4);
        for (int i = 0; i < sets && datagram.remaining() > 400; i++)
        {
            final int start = datagram.position();
            switch (random.nextInt(5))
            {
                case 0:
                    datagram.putShort((short)2).putShort((short)0);
                    for (int t = random.nextInt(3); t >= 0; t--)
                    {
                        final int fields = 1 + random.nextInt(8);
                        datagram.putShort((short)templateId()).putShort((short)fields);
                        fields(fields, true);
                    }
                    break;
                case 1:
                    final int fields = 1 + random.nextInt(6);
                    datagram.putShort((short)3).putShort((short)0).putShort((short)templateId())
                        .putShort((short)fields).putShort((short)(1 + random.nextInt(fields)));
                    fields(fields, true);
                    break;
                case 2:
                    final int withdrawn = random.nextInt(8) == 0 ? 2 + random.nextInt(2) : templateId();
                    datagram.putShort((short)(random.nextBoolean() ? 2 : 3)).putShort((short)0)
                        .putShort((short)withdrawn).putShort((short)0);
                    break;
                default:
                    datagram.putShort((short)templateId()).putShort((short)0);
                    datagram.position(datagram.position() + random.nextInt(200));
                    break;
            }
            datagram.putShort(start + 2, (short)(datagram.position() - start));
        }
        datagram.putShort(2, (short)datagram.position());
        return datagram.position();
    }

    /**
     * Half from a few ids, so data finds its template; half from all of them, so an unbounded store would grow.
     */
    private int templateId()
    {
        return 256 + (random.nextBoolean() ? random.nextInt(16) : random.nextInt(65536 - 256));
    }

    private void fields(final int count, final boolean enterprise)
    {
        for (int i = 0; i < count; i++)
        {
            final boolean pen = enterprise && random.nextInt(4) == 0;
            datagram.putShort((short)((pen ? 0x8000 : 0) | (1 + random.nextInt(400))));
            final int choice = random.nextInt(8);
            datagram.putShort((short)(choice == 0 ? 65535 : choice == 1 ? 0 : 1 << random.nextInt(5)));
            if (pen)
            {
                datagram.putInt(random.nextBoolean() ? 29305 : random.nextInt());
            }
        }
    }

    private static long retainedHeap()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
