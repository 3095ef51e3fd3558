package org.jet.plugin.radiuscoa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;

/**
 * Writes answers as a NAS would, independently of {@link Response}: the Message-Authenticator (optional) and then
 * the Response Authenticator over the request's authenticator.
 */
final class Answers
{
    static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

    private Answers()
    {
    }

    /**
     * @param errorCause an Error-Cause to add, or -1.
     */
    static byte[] answer(final int code, final int identifier, final byte[] request, final long errorCause,
        final boolean messageAuthenticator, final byte[] secret)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(code);
        out.write(identifier);
        out.write(0);
        out.write(0);
        out.write(request, Radius.AUTHENTICATOR_OFFSET, Radius.AUTHENTICATOR_LENGTH);
        if (errorCause >= 0)
        {
            out.writeBytes(new byte[] {(byte)Radius.ERROR_CAUSE, 6, (byte)(errorCause >>> 24),
                (byte)(errorCause >>> 16), (byte)(errorCause >>> 8), (byte)errorCause});
        }
        int messageAuthenticatorOffset = -1;
        if (messageAuthenticator)
        {
            out.write(Radius.MESSAGE_AUTHENTICATOR);
            out.write(18);
            messageAuthenticatorOffset = out.size();
            out.writeBytes(new byte[16]);
        }
        final byte[] packet = out.toByteArray();
        packet[Radius.LENGTH_OFFSET] = (byte)(packet.length >>> 8);
        packet[Radius.LENGTH_OFFSET + 1] = (byte)packet.length;
        if (messageAuthenticatorOffset >= 0)
        {
            final Mac mac = Radius.hmacMd5(secret);
            System.arraycopy(mac.doFinal(packet), 0, packet, messageAuthenticatorOffset, 16);
        }
        sign(packet, packet.length, request, secret);
        return packet;
    }

    /** Writes the Response Authenticator of the first {@code length} bytes, given the request's. */
    static void sign(final byte[] packet, final int length, final byte[] request, final byte[] secret)
    {
        System.arraycopy(request, Radius.AUTHENTICATOR_OFFSET, packet, Radius.AUTHENTICATOR_OFFSET, 16);
        final MessageDigest md5 = Radius.md5();
        md5.update(packet, 0, length);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, packet, Radius.AUTHENTICATOR_OFFSET, 16);
    }

    static byte[] copy(final byte[] packet)
    {
        return Arrays.copyOf(packet, packet.length);
    }
}
