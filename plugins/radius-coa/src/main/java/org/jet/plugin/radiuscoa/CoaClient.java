package org.jet.plugin.radiuscoa;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;

/**
 * Sends one request to the NAS and waits for its answer, sending the same bytes again (same Identifier, as RFC 5176
 * §2.3 asks of a retransmission) after each timeout, up to the configured attempts. A datagram that is malformed,
 * answers another Identifier, has an unexpected Code or fails authentication is ignored, as RFC 2865 §3 says: only
 * the timeout ends the wait. One socket per exchange, connected to the NAS, so nobody else's datagrams arrive.
 */
final class CoaClient
{
    /** What came back, or why nothing did. */
    record Outcome(int code, long errorCause, String noAnswer)
    {
        boolean answered()
        {
            return noAnswer == null;
        }
    }

    private final InetSocketAddress nas;
    private final byte[] secret;
    private final int timeoutMs;
    private final int attempts;

    CoaClient(final InetSocketAddress nas, final byte[] secret, final int timeoutMs, final int attempts)
    {
        this.nas = nas;
        this.secret = secret;
        this.timeoutMs = timeoutMs;
        this.attempts = attempts;
    }

    /**
     * @param request a packet from {@link RequestEncoder#finish}.
     * @param ack     the Code of a positive answer; {@code ack + 1} is the negative one.
     */
    Outcome exchange(final byte[] request, final int ack) throws IOException, InterruptedException
    {
        final int identifier = request[Radius.IDENTIFIER_OFFSET] & 0xFF;
        final byte[] received = new byte[Radius.MAX_PACKET_LENGTH];
        final DatagramPacket incoming = new DatagramPacket(received, received.length);
        final Response response = new Response();
        int ignored = 0;
        int unreachable = 0;
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.connect(nas);
            for (int attempt = 0; attempt < attempts; attempt++)
            {
                if (Thread.interrupted())
                {
                    throw new InterruptedException();
                }
                socket.send(new DatagramPacket(request, request.length));
                final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
                long remainingMs = timeoutMs;
                while (remainingMs > 0)
                {
                    socket.setSoTimeout((int)remainingMs);
                    try
                    {
                        incoming.setLength(received.length);
                        socket.receive(incoming);
                    }
                    catch (final SocketTimeoutException ex)
                    {
                        break;
                    }
                    catch (final PortUnreachableException ex)
                    {
                        // ICMP port unreachable: nothing listens there now; the next attempt may find it up.
                        unreachable++;
                        break;
                    }
                    if (response.wrap(received, incoming.getLength()) == null &&
                        response.identifier() == identifier &&
                        (response.code() == ack || response.code() == ack + 1) &&
                        response.authentic(request, secret))
                    {
                        return new Outcome(response.code(), response.errorCause(), null);
                    }
                    ignored++;
                    remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                }
            }
        }
        final StringBuilder why = new StringBuilder()
            .append("no answer from ").append(nas.getHostString()).append(':').append(nas.getPort())
            .append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts")
            .append(" of ").append(timeoutMs).append(" ms");
        if (unreachable > 0)
        {
            why.append(" (port unreachable)");
        }
        if (ignored > 0)
        {
            why.append(" (").append(ignored).append(ignored == 1 ? " answer" : " answers")
                .append(" ignored: malformed, another identifier, or a bad authenticator; is the secret right?)");
        }
        return new Outcome(-1, -1, why.toString());
    }
}
