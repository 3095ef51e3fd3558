package org.jet.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes small classic pcap files (Ethernet, IPv4, UDP) for tests.
 */
public final class Captures
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Captures()
    {
        final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(header.array());
    }

    /**
     * Adds a frame carrying {@code payload} from {@code src}:{@code srcPort} to 10.9.9.9:{@code dstPort}.
     */
    public Captures udp(final long seconds, final int src, final int srcPort, final int dstPort, final byte[] payload)
    {
        final int ipLength = 20 + 8 + payload.length;
        final ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);
        frame.put(new byte[]{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short)0x0800);
        frame.put((byte)0x45).put((byte)0).putShort((short)ipLength).putInt(0).put((byte)64).put((byte)17)
            .putShort((short)0).putInt(src).putInt(0x0a090909);
        frame.putShort((short)srcPort).putShort((short)dstPort).putShort((short)(8 + payload.length))
            .putShort((short)0).put(payload);
        final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int)seconds).putInt(0).putInt(frame.capacity()).putInt(frame.capacity());
        out.writeBytes(record.array());
        out.writeBytes(frame.array());
        return this;
    }

    public byte[] bytes()
    {
        return out.toByteArray();
    }

    /**
     * @return a NetFlow v5 datagram with two TCP/UDP records (10.0.0.1:1000 to 10.0.0.2:80, 100 bytes, 2 packets;
     * 10.0.0.3:53 to 10.0.0.4:5353, 300 bytes, 3 packets; interfaces 1 to 2).
     */
    public static byte[] netflow5()
    {
        final ByteBuffer datagram = ByteBuffer.allocate(24 + 2 * 48);
        datagram.putShort((short)5).putShort((short)2).putInt(100_000).putInt(1_700_000_000).putInt(0)
            .putInt(1).put((byte)0).put((byte)0).putShort((short)0);
        record(datagram, 0x0a000001, 0x0a000002, 1000, 80, 6, 100, 2);
        record(datagram, 0x0a000003, 0x0a000004, 53, 5353, 17, 300, 3);
        return datagram.array();
    }

    private static void record(
        final ByteBuffer out, final int src, final int dst, final int srcPort, final int dstPort, final int protocol,
        final int bytes, final int packets)
    {
        out.putInt(src).putInt(dst).putInt(0).putShort((short)1).putShort((short)2)
            .putInt(packets).putInt(bytes).putInt(90_000).putInt(99_000)
            .putShort((short)srcPort).putShort((short)dstPort).put((byte)0).put((byte)0x18).put((byte)protocol)
            .put((byte)0).putShort((short)0).putShort((short)0).put((byte)24).put((byte)24).putShort((short)0);
    }
}
