package org.jet.bench.loadgen;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.agrona.concurrent.UnsafeBuffer;
import org.jet.bench.gen.FlowPacketWriter;

/**
 * One simulated exporter: its own non-blocking UDP socket (so its own source port, optionally its own loopback
 * source address), its own {@link FlowPacketWriter} (so its own sequence numbers and source id) and exact totals of
 * what left the socket. A datagram counts only once the kernel took it; a send that fails counts as an error.
 */
final class ExporterSender implements AutoCloseable
{
    /** Spins on a full socket buffer before the datagram is given up and counted as a send error. */
    static final int MAX_SEND_RETRIES = 100_000;

    private final Protocol protocol;
    private final int sourceId;
    private final int samplingRate;
    private final DatagramChannel channel;
    private final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(65_536);
    private final UnsafeBuffer buffer = new UnsafeBuffer(byteBuffer);
    private final FlowPacketWriter writer;
    private final String source;

    private long datagrams;
    private long records;
    private long octets;
    private long flowBytes;
    private long flowPackets;
    private long templateDatagrams;
    private long templateOctets;
    private long sendErrors;
    private long sendRetries;
    private String firstError;

    /**
     * @param index   which exporter of the run, from 0: v9 source id, IPFIX observation domain, v5 engine id and
     *                sFlow sub-agent id are index + 1 (v5 engine ids wrap at 256), and the flows it writes start
     *                at a different point of the synthetic sequence.
     * @param bindTo  loopback source address to bind, or null for the system's choice.
     */
    ExporterSender(final LoadSettings settings, final int index, final InetAddress bindTo) throws IOException
    {
        this.protocol = settings.protocol();
        this.sourceId = index + 1;
        this.samplingRate = settings.samplingRate();
        this.writer = new FlowPacketWriter(settings.internalHosts(), settings.externalHosts(), index * 1_000_003L)
            .internalNetwork(settings.internalBase());
        final InetSocketAddress target = settings.target();
        final boolean v6 = !(target.getAddress() instanceof Inet4Address);
        final DatagramChannel opened =
            DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try
        {
            opened.configureBlocking(false);
            if (bindTo != null)
            {
                opened.bind(new InetSocketAddress(bindTo, 0));
            }
            // Connected: the kernel skips the route lookup per send and reports an unreachable port as an error.
            opened.connect(target);
        }
        catch (final IOException ex)
        {
            opened.close();
            throw ex;
        }
        this.channel = opened;
        final InetSocketAddress local = (InetSocketAddress)channel.getLocalAddress();
        this.source = local.getAddress().getHostAddress() + ":" + local.getPort();
        final int agent = bindTo instanceof Inet4Address ? ipv4(bindTo) : FlowPacketWriter.DEFAULT_SFLOW_AGENT;
        writer.sflowAgent(agent, sourceId);
        writer.netflow5Engine(0, sourceId).ipProtocol(settings.ipProtocol());
    }

    private static int ipv4(final InetAddress address)
    {
        final byte[] octets = address.getAddress();
        return (octets[0] & 0xff) << 24 | (octets[1] & 0xff) << 16 | (octets[2] & 0xff) << 8 | (octets[3] & 0xff);
    }

    /**
     * Sends the template datagram of a v9 or IPFIX exporter; does nothing for other protocols.
     *
     * @return true when sent (or nothing to send).
     */
    boolean sendTemplates(final long nowMs)
    {
        final int length;
        switch (protocol)
        {
            case NETFLOW9:
                length = writer.netflow9Template(buffer, nowMs, sourceId);
                break;
            case IPFIX:
                length = writer.ipfixTemplate(buffer, nowMs, sourceId);
                break;
            default:
                return true;
        }
        if (send(length))
        {
            templateDatagrams++;
            templateOctets += length;
            return true;
        }
        return false;
    }

    /**
     * Writes one data datagram of {@code count} records and sends it.
     *
     * @return the records sent: {@code count}, or 0 when the send failed (counted in {@link #sendErrors()}).
     */
    int sendData(final int count, final long nowMs)
    {
        final int length;
        switch (protocol)
        {
            case NETFLOW5:
                length = writer.netflow5(buffer, count, nowMs);
                break;
            case NETFLOW9:
                length = writer.netflow9Data(buffer, count, nowMs, sourceId);
                break;
            case IPFIX:
                length = writer.ipfixData(buffer, count, nowMs, sourceId);
                break;
            default:
                length = writer.sflow(buffer, count, nowMs, samplingRate);
                break;
        }
        if (!send(length))
        {
            return 0;
        }
        datagrams++;
        records += writer.records();
        octets += length;
        flowBytes += writer.flowBytes();
        flowPackets += writer.flowPackets();
        return writer.records();
    }

    private boolean send(final int length)
    {
        byteBuffer.limit(length).position(0);
        for (int attempt = 0; attempt <= MAX_SEND_RETRIES; attempt++)
        {
            try
            {
                if (channel.write(byteBuffer) > 0)
                {
                    return true;
                }
            }
            catch (final IOException ex)
            {
                // Typically "Connection refused": an ICMP port unreachable for an earlier datagram. This one is lost.
                onError(ex.toString());
                return false;
            }
            sendRetries++;
            Thread.onSpinWait();
        }
        onError("socket send buffer stayed full for " + MAX_SEND_RETRIES + " retries");
        return false;
    }

    private void onError(final String message)
    {
        sendErrors++;
        if (firstError == null)
        {
            firstError = message;
        }
    }

    /** @return the totals so far, with this exporter's source address and id. */
    ExporterTotals totals()
    {
        return new ExporterTotals(
            source, sourceId, datagrams, records, octets, flowBytes, flowPackets, templateDatagrams, templateOctets,
            sendErrors, sendRetries, firstError);
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
