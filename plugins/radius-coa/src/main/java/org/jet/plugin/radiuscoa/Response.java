package org.jet.plugin.radiuscoa;

import java.security.MessageDigest;

import javax.crypto.Mac;

/**
 * Reads an answer from the NAS (a datagram from the network, so untrusted): {@link #wrap} checks the header and
 * every attribute's bounds and returns why it refuses, never throwing; after a successful wrap the accessors read
 * only within the packet. Layout in {@link Radius}.
 */
final class Response
{
    /** Why a datagram is not a well-formed answer. */
    enum Rejection
    {
        SHORTER_THAN_HEADER,
        BAD_LENGTH_FIELD,
        ATTRIBUTE_PAST_END,
        BAD_MESSAGE_AUTHENTICATOR_LENGTH,
        BAD_ERROR_CAUSE_LENGTH
    }

    private byte[] data;
    private int length;
    private int messageAuthenticatorOffset;
    private long errorCause;

    /**
     * @param data   the datagram, from offset 0.
     * @param received how many bytes of {@code data} were received.
     * @return null when well-formed, else why not. Bytes past the Length field are padding (RFC 2865 §3).
     */
    Rejection wrap(final byte[] data, final int received)
    {
        this.data = null;
        messageAuthenticatorOffset = -1;
        errorCause = -1;
        if (received < Radius.HEADER_LENGTH || received > data.length)
        {
            return Rejection.SHORTER_THAN_HEADER;
        }
        final int declared = Radius.u16(data, Radius.LENGTH_OFFSET);
        if (declared < Radius.HEADER_LENGTH || declared > received || declared > Radius.MAX_PACKET_LENGTH)
        {
            return Rejection.BAD_LENGTH_FIELD;
        }
        int offset = Radius.HEADER_LENGTH;
        while (offset < declared)
        {
            if (offset + 2 > declared)
            {
                return Rejection.ATTRIBUTE_PAST_END;
            }
            final int type = data[offset] & 0xFF;
            final int attributeLength = data[offset + 1] & 0xFF;
            if (attributeLength < 2 || offset + attributeLength > declared)
            {
                return Rejection.ATTRIBUTE_PAST_END;
            }
            if (type == Radius.MESSAGE_AUTHENTICATOR)
            {
                if (attributeLength != Radius.MESSAGE_AUTHENTICATOR_LENGTH)
                {
                    return Rejection.BAD_MESSAGE_AUTHENTICATOR_LENGTH;
                }
                messageAuthenticatorOffset = offset + 2;
            }
            else if (type == Radius.ERROR_CAUSE)
            {
                if (attributeLength != Radius.ERROR_CAUSE_LENGTH)
                {
                    return Rejection.BAD_ERROR_CAUSE_LENGTH;
                }
                errorCause = ((long)Radius.u16(data, offset + 2) << 16 | Radius.u16(data, offset + 4));
            }
            offset += attributeLength;
        }
        this.data = data;
        length = declared;
        return null;
    }

    int code()
    {
        return data[Radius.CODE_OFFSET] & 0xFF;
    }

    int identifier()
    {
        return data[Radius.IDENTIFIER_OFFSET] & 0xFF;
    }

    int length()
    {
        return length;
    }

    /** @return the (first) Error-Cause, or -1 when the answer has none. */
    long errorCause()
    {
        return errorCause;
    }

    boolean hasMessageAuthenticator()
    {
        return messageAuthenticatorOffset >= 0;
    }

    /**
     * Checks the Response Authenticator, MD5(Code + Identifier + Length + Request Authenticator + Attributes +
     * Secret), and the Message-Authenticator when present (HMAC-MD5 with the Request Authenticator in the
     * Authenticator field and its own value zero, RFC 5176 §3.1). Both compared in constant time.
     *
     * @param request the request this answers (its first 20 bytes are read).
     */
    boolean authentic(final byte[] request, final byte[] secret)
    {
        final MessageDigest md5 = Radius.md5();
        md5.update(data, 0, Radius.AUTHENTICATOR_OFFSET);
        md5.update(request, Radius.AUTHENTICATOR_OFFSET, Radius.AUTHENTICATOR_LENGTH);
        md5.update(data, Radius.HEADER_LENGTH, length - Radius.HEADER_LENGTH);
        md5.update(secret);
        if (!equal(md5.digest(), data, Radius.AUTHENTICATOR_OFFSET))
        {
            return false;
        }
        if (messageAuthenticatorOffset < 0)
        {
            return true;
        }
        final Mac mac = Radius.hmacMd5(secret);
        mac.update(data, 0, Radius.AUTHENTICATOR_OFFSET);
        mac.update(request, Radius.AUTHENTICATOR_OFFSET, Radius.AUTHENTICATOR_LENGTH);
        mac.update(data, Radius.HEADER_LENGTH, messageAuthenticatorOffset - Radius.HEADER_LENGTH);
        mac.update(new byte[Radius.AUTHENTICATOR_LENGTH]);
        final int afterOffset = messageAuthenticatorOffset + Radius.AUTHENTICATOR_LENGTH;
        mac.update(data, afterOffset, length - afterOffset);
        return equal(mac.doFinal(), data, messageAuthenticatorOffset);
    }

    private static boolean equal(final byte[] expected, final byte[] data, final int offset)
    {
        int difference = 0;
        for (int i = 0; i < Radius.AUTHENTICATOR_LENGTH; i++)
        {
            difference |= expected[i] ^ data[offset + i];
        }
        return difference == 0;
    }
}
