package org.jet.engine.session.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The fixtures are requests radclient (FreeRADIUS 3.2.1) sent with secret {@code testing123}; the expected responses
 * were computed apart from Jet (Python's hashlib) and radclient accepted each of them as a valid answer.
 */
class RadiusAuthenticatorTest
{
    private final RadiusAuthenticator authenticator = new RadiusAuthenticator();

    @Test
    void shouldVerifyTheRequestAuthenticatorsRadclientMade()
    {
        for (final String name : new String[] {"radclient-start.bin", "radclient-interim-ipv6.bin",
            "radclient-accounting-on.bin"})
        {
            final byte[] packet = Packets.resource(name);
            assertTrue(authenticator.verifyRequest(packet, packet.length, Packets.TESTING123), name);
            assertFalse(authenticator.verifyRequest(packet, packet.length,
                "testing124".getBytes(StandardCharsets.US_ASCII)), name);
        }
    }

    @Test
    void shouldNotVerifyAChangedRequest()
    {
        final byte[] packet = Packets.resource("radclient-start.bin");
        packet[packet.length - 1] ^= 1;

        assertFalse(authenticator.verifyRequest(packet, packet.length, Packets.TESTING123));
    }

    @Test
    void shouldVerifyOnlyTheBytesUpToTheLengthField()
    {
        final byte[] packet = Packets.resource("radclient-accounting-on.bin");
        final byte[] padded = Arrays.copyOf(packet, packet.length + 4);

        assertTrue(authenticator.verifyRequest(padded, packet.length, Packets.TESTING123));
    }

    @Test
    void shouldWriteTheResponseAuthenticatorsRadclientAccepted()
    {
        assertResponse("radclient-start.bin", "058d0014 bb6f1e9525606a5a6976291a76d5c8bc");
        assertResponse("radclient-interim-ipv6.bin", "05480014 efa20f626a9b4c4dece962a6a082cc1c");
        assertResponse("radclient-accounting-on.bin", "05660014 b236203bdfcb649c3da11461c592f906");
    }

    private void assertResponse(final String name, final String expectedHex)
    {
        final byte[] response = new byte[RadiusAuthenticator.RESPONSE_LENGTH];
        final int length = authenticator.writeResponse(Packets.resource(name), Packets.TESTING123, response);

        assertEquals(20, length);
        assertArrayEquals(Packets.hex(expectedHex), response, name);
    }
}
