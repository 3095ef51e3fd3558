package org.jet.collector.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A classic pcap of Ethernet/IPv4 TCP and UDP packets whose totals are known, written for exporters to read.
 *
 * <p>After the counted packets come {@link #FLUSH_PACKETS} packets from {@link #FLUSH_HOST}: exporters that buffer
 * (pmacctd's sfprobe drops its last partial buffer at end of file) lose those instead of counted ones, and the
 * test leaves that host out of its sums.
 */
final class SyntheticCapture
{
    static final String FLUSH_HOST = "10.255.255.254";
    static final int FLUSH_PACKETS = 64;

    final long ipBytes;
    final long frameBytes;
    final long packets;
    final Set<String> fiveTuples = new LinkedHashSet<>();

    private SyntheticCapture(final long ipBytes, final long frameBytes, final long packets)
    {
        this.ipBytes = ipBytes;
        this.frameBytes = frameBytes;
        this.packets = packets;
    }

    static SyntheticCapture write(final Path file, final int count) throws IOException
    {
        final ByteBuffer out = ByteBuffer.allocate(64 + (count + FLUSH_PACKETS) * 1200).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65_535).putInt(1);

        final long startSeconds = 1_764_115_200L;
        long ipBytes = 0;
        long frameBytes = 0;
        final SyntheticCapture capture = new SyntheticCapture(0, 0, count);
        for (int i = 0; i < count + FLUSH_PACKETS; i++)
        {
            final boolean flush = i >= count;
            final int protocol = i % 3 == 0 ? 17 : 6;
            final int srcHost = flush ? 0x0aff_fffe : 0x0a00_0001 + i % 5;
            final int dstHost = 0xc612_0001 + (i % 2);
            final int srcPort = 40_000 + i % 5;
            final int dstPort = protocol == 6 ? 443 : 53;
            final int payload = flush ? 10 : 10 + (i * 37) % 1000;
            final int l4Length = (protocol == 6 ? 20 : 8) + payload;
            final int ipLength = 20 + l4Length;
            final int frameLength = 14 + ipLength;

            final long micros = i * 10_000L;
            out.putInt((int)(startSeconds + micros / 1_000_000)).putInt((int)(micros % 1_000_000));
            out.putInt(frameLength).putInt(frameLength);
            out.order(ByteOrder.BIG_ENDIAN);
            out.putInt(0x0011_2233).putShort((short)0x4455).putInt(0x6677_8899).putShort((short)0xaabb);
            out.putShort((short)0x0800);
            out.put((byte)0x45).put((byte)0).putShort((short)ipLength).putShort((short)i).putShort((short)0);
            out.put((byte)64).put((byte)protocol).putShort((short)0).putInt(srcHost).putInt(dstHost);
            out.putShort((short)srcPort).putShort((short)dstPort);
            if (protocol == 6)
            {
                out.putInt(i).putInt(0).put((byte)0x50).put((byte)0x18).putShort((short)65_535).putInt(0);
            }
            else
            {
                out.putShort((short)l4Length).putShort((short)0);
            }
            for (int b = 0; b < payload; b++)
            {
                out.put((byte)'x');
            }
            out.order(ByteOrder.LITTLE_ENDIAN);

            if (!flush)
            {
                ipBytes += ipLength;
                frameBytes += frameLength;
                capture.fiveTuples.add(tuple(srcHost, dstHost, srcPort, dstPort, protocol));
            }
        }
        Files.write(file, java.util.Arrays.copyOf(out.array(), out.position()));
        final SyntheticCapture result = new SyntheticCapture(ipBytes, frameBytes, count);
        result.fiveTuples.addAll(capture.fiveTuples);
        return result;
    }

    static String tuple(final int src, final int dst, final int srcPort, final int dstPort, final int protocol)
    {
        return dotted(src) + ":" + srcPort + " -> " + dotted(dst) + ":" + dstPort + " proto " + protocol;
    }

    private static String dotted(final int address)
    {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." +
            (address & 0xff);
    }
}
