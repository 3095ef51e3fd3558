package org.jet.plugin.radiuscoa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a NAS played by a UDP socket of the test's, answering what FreeRADIUS never would: answers
 * signed with another secret, for another identifier, with a forged Message-Authenticator. Each must be ignored,
 * and only a valid answer ends the exchange.
 */
class CoaClientTest
{
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private DatagramSocket nas;
    private Thread responder;

    @AfterEach
    void stop() throws Exception
    {
        if (nas != null)
        {
            nas.close();
            responder.join(2_000);
        }
    }

    @Test
    void shouldIgnoreForgedAnswersAndTakeTheValidOne() throws Exception
    {
        start(request -> List.of(
            Answers.answer(Radius.COA_ACK, id(request), request, -1, true, "other".getBytes()),
            Answers.answer(Radius.COA_ACK, id(request) + 1 & 0xFF, request, -1, true, Answers.SECRET),
            Answers.answer(Radius.DISCONNECT_ACK, id(request), request, -1, false, Answers.SECRET),
            forgedMessageAuthenticator(Answers.answer(Radius.COA_ACK, id(request), request, -1, true,
                Answers.SECRET), request),
            Answers.answer(Radius.COA_NAK, id(request), request, 506, true, Answers.SECRET)));

        final CoaClient.Outcome outcome = client(1).exchange(request(), Radius.COA_ACK);

        assertTrue(outcome.answered());
        assertEquals(Radius.COA_NAK, outcome.code());
        assertEquals(506, outcome.errorCause());
    }

    @Test
    void shouldResendTheSameBytesUntilTheAttemptsAreSpent() throws Exception
    {
        start(request -> List.of(Answers.answer(Radius.COA_ACK, id(request), request, -1, false, "other".getBytes())));

        final byte[] request = request();
        final CoaClient.Outcome outcome = client(3).exchange(request, Radius.COA_ACK);

        assertFalse(outcome.answered());
        assertEquals(3, requests.size());
        for (final byte[] sent : requests)
        {
            assertTrue(Arrays.equals(request, sent), "a retransmission repeats the request");
        }
        assertTrue(outcome.noAnswer().contains("after 3 attempts of 150 ms (3 answers ignored"), outcome::noAnswer);
    }

    private void start(final Function<byte[], List<byte[]>> answers) throws Exception
    {
        nas = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        responder = new Thread(() ->
        {
            final byte[] buffer = new byte[4096];
            while (!nas.isClosed())
            {
                try
                {
                    final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    nas.receive(packet);
                    final byte[] request = Arrays.copyOf(buffer, packet.getLength());
                    requests.add(request);
                    for (final byte[] answer : answers.apply(request))
                    {
                        nas.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                    }
                }
                catch (final java.io.IOException ex)
                {
                    return; // closed
                }
            }
        });
        responder.start();
    }

    private CoaClient client(final int attempts)
    {
        return new CoaClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), nas.getLocalPort()),
            Answers.SECRET, 150, attempts);
    }

    private static byte[] request()
    {
        return new RequestEncoder().begin(Radius.COA_REQUEST, 7).string(Radius.USER_NAME, "alice")
            .finish(Answers.SECRET);
    }

    private static int id(final byte[] request)
    {
        return request[Radius.IDENTIFIER_OFFSET] & 0xFF;
    }

    /** Flips a bit of the Message-Authenticator and signs again: the Response Authenticator alone is right. */
    private static byte[] forgedMessageAuthenticator(final byte[] answer, final byte[] request)
    {
        final byte[] forged = Answers.copy(answer);
        forged[forged.length - 1] ^= 1;
        Answers.sign(forged, forged.length, request, Answers.SECRET);
        return forged;
    }
}
