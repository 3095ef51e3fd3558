package org.jet.engine.session.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jet.engine.config.Cidr;
import org.jet.engine.session.SessionChange;

/**
 * Jazzer fuzz tests of the RADIUS accounting parser, which reads bytes from the network. {@code mvn test} runs them
 * in regression mode over the inputs under
 * {@code src/test/resources/org/jet/engine/session/radius/RadiusFuzzTestInputs/<method>/}; to fuzz:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl engine test -Dtest=RadiusFuzzTest#handler} (one method at a
 * time; the corpus it grows goes to {@code .cifuzz-corpus/}, which git ignores).
 *
 * <p>{@link #request}: the input is one datagram, in a buffer of its own length (a read past the datagram throws).
 * No exception may escape, and what a well-formed packet reports must be within its bounds.
 *
 * <p>{@link #handler}: the first input byte holds flags, the rest is the datagram. Unless flag bit 0 is set, the
 * harness writes the correct Request Authenticator into the datagram (when its Length field allows), so the fuzzer
 * reaches the code behind the authenticator check instead of stopping at it. The datagram is handled twice from the
 * same source: no exception, an answer is 20 bytes or none, and a second identical datagram is answered the same
 * without publishing anything again.
 */
class RadiusFuzzTest
{
    private static final InetAddress NAS = loopback();

    static
    {
        // Each run makes a new handler, whose first warnings would flood the log while fuzzing.
        System.setProperty("org.slf4j.simpleLogger.log.org.jet.engine.session.radius", "error");
    }

    @FuzzTest(maxDuration = "30s")
    void request(final byte[] data)
    {
        final AccountingRequest request = new AccountingRequest();
        final RadiusMalformation malformation = request.wrap(data, data.length);
        if (malformation == null)
        {
            assertTrue(request.length() >= AccountingRequest.HEADER_LENGTH && request.length() <= data.length);
            assertTrue(request.addressCount() <= AccountingRequest.MAX_ADDRESSES);
            for (int i = 0; i < request.addressCount(); i++)
            {
                assertTrue(request.prefixLength(i) == 64 || request.prefixLength(i) == 128);
            }
            request.userName();
            request.sessionId();
            request.nasIdentifier();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void handler(final byte[] data)
    {
        if (data.length == 0)
        {
            return;
        }
        final byte[] datagram = Arrays.copyOfRange(data, 1, data.length);
        if ((data[0] & 1) == 0)
        {
            sign(datagram);
        }
        final CollectingSink sink = new CollectingSink();
        final RadiusCounters counters = new RadiusCounters();
        final AccountingHandler handler = new AccountingHandler(new RadiusClients(List.of(
            new RadiusClients.Client("fuzz", Cidr.parse("127.0.0.0/8"), Packets.TESTING123))),
            sink, counters, 16, () -> 1_000_000L);
        final byte[] first = new byte[RadiusAuthenticator.RESPONSE_LENGTH];
        final byte[] second = new byte[RadiusAuthenticator.RESPONSE_LENGTH];

        final int firstLength = handler.handle(datagram, datagram.length, NAS, 1813, first);
        final List<SessionChange> published = sink.changes();
        final int secondLength = handler.handle(datagram, datagram.length, NAS, 1813, second);

        assertTrue(firstLength == 0 || firstLength == RadiusAuthenticator.RESPONSE_LENGTH);
        assertEquals(firstLength, secondLength);
        if (firstLength > 0)
        {
            assertArrayEquals(first, second);
            assertEquals(published, sink.changes(), "a duplicate publishes nothing");
            assertEquals(1, counters.duplicates());
        }
        assertEquals(0, counters.errors());
    }

    /**
     * Writes the Request Authenticator for secret testing123, when the Length field lies within the datagram.
     */
    private static void sign(final byte[] datagram)
    {
        if (datagram.length < AccountingRequest.HEADER_LENGTH)
        {
            return;
        }
        final int length = AccountingRequest.u16(datagram, AccountingRequest.LENGTH_OFFSET);
        if (length < AccountingRequest.HEADER_LENGTH || length > datagram.length)
        {
            return;
        }
        Arrays.fill(datagram, AccountingRequest.AUTHENTICATOR_OFFSET, AccountingRequest.HEADER_LENGTH, (byte)0);
        final MessageDigest md5 = Packets.md5();
        md5.update(datagram, 0, length);
        md5.update(Packets.TESTING123);
        System.arraycopy(md5.digest(), 0, datagram, AccountingRequest.AUTHENTICATOR_OFFSET,
            AccountingRequest.AUTHENTICATOR_LENGTH);
    }

    private static InetAddress loopback()
    {
        try
        {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
