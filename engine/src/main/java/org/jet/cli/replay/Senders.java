package org.jet.cli.replay;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;

import org.jet.cli.input.InputDatagram;

/**
 * The local UDP sockets replayed datagrams leave from: one per original exporter (address and port), so a
 * collector that scopes templates per exporter sees the same separation as in the capture; past
 * {@link #MAX_SOCKETS} exporters, the rest share one socket.
 */
final class Senders implements AutoCloseable
{
    static final int MAX_SOCKETS = 64;

    private final InetSocketAddress target;
    private final boolean oneSocket;
    private final Map<ExporterKey, DatagramChannel> channels = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
    private DatagramChannel shared;

    Senders(final InetSocketAddress target, final boolean oneSocket)
    {
        this.target = target;
        this.oneSocket = oneSocket;
    }

    static String describe(final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    void send(final InputDatagram datagram) throws IOException
    {
        buffer.clear();
        datagram.buffer().getBytes(datagram.offset(), buffer, datagram.length());
        buffer.flip();
        channel(datagram).send(buffer, target);
    }

    @Override
    public void close() throws IOException
    {
        for (final DatagramChannel channel : channels.values())
        {
            channel.close();
        }
        if (shared != null)
        {
            shared.close();
        }
    }

    private DatagramChannel channel(final InputDatagram datagram) throws IOException
    {
        if (oneSocket)
        {
            return shared();
        }
        final ExporterKey key = new ExporterKey(
            datagram.exporterAddrHi(), datagram.exporterAddrLo(), datagram.exporterPort());
        DatagramChannel channel = channels.get(key);
        if (channel == null)
        {
            if (channels.size() >= MAX_SOCKETS)
            {
                return shared();
            }
            channel = open();
            channels.put(key, channel);
        }
        return channel;
    }

    private DatagramChannel shared() throws IOException
    {
        if (shared == null)
        {
            shared = open();
        }
        return shared;
    }

    private DatagramChannel open() throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(target.getAddress() instanceof Inet6Address ?
            StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.bind(null);
        return channel;
    }

    private record ExporterKey(long addrHi, long addrLo, int port)
    {
    }
}
