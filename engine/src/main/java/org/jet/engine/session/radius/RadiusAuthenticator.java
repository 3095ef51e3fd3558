package org.jet.engine.session.radius;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two MD5 authenticators of RADIUS accounting (RFC 2866 §3):
 * <pre>
 *   Request Authenticator  = MD5(Code + Identifier + Length + 16 zero octets + request attributes + secret)
 *   Response Authenticator = MD5(Code + Identifier + Length + Request Authenticator + response attributes + secret)
 * </pre>
 * Not thread-safe: one per server thread (it keeps its digest and scratch space).
 */
final class RadiusAuthenticator
{
    static final int RESPONSE_LENGTH = AccountingRequest.HEADER_LENGTH;

    private static final byte[] ZEROS = new byte[AccountingRequest.AUTHENTICATOR_LENGTH];

    private final MessageDigest md5;
    private final byte[] digest = new byte[AccountingRequest.AUTHENTICATOR_LENGTH];

    RadiusAuthenticator()
    {
        try
        {
            md5 = MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("MD5 is required of every Java platform", ex);
        }
    }

    /**
     * @param packet a packet {@link AccountingRequest#wrap wrapped} without malformation.
     * @param length its Length field.
     * @return true when the Request Authenticator matches the secret (compared in constant time).
     */
    boolean verifyRequest(final byte[] packet, final int length, final byte[] secret)
    {
        md5.reset();
        md5.update(packet, 0, AccountingRequest.AUTHENTICATOR_OFFSET);
        md5.update(ZEROS);
        md5.update(packet, AccountingRequest.HEADER_LENGTH, length - AccountingRequest.HEADER_LENGTH);
        md5.update(secret);
        digestInto(digest, 0);
        int difference = 0;
        for (int i = 0; i < AccountingRequest.AUTHENTICATOR_LENGTH; i++)
        {
            difference |= digest[i] ^ packet[AccountingRequest.AUTHENTICATOR_OFFSET + i];
        }
        return difference == 0;
    }

    /**
     * Writes the Accounting-Response to a request: no attributes, so 20 bytes.
     *
     * @param request  the request's bytes (its identifier and Request Authenticator are used).
     * @param response where to write, at least {@link #RESPONSE_LENGTH} bytes.
     * @return {@link #RESPONSE_LENGTH}.
     */
    int writeResponse(final byte[] request, final byte[] secret, final byte[] response)
    {
        response[AccountingRequest.CODE_OFFSET] = (byte)AccountingRequest.CODE_ACCOUNTING_RESPONSE;
        response[AccountingRequest.IDENTIFIER_OFFSET] = request[AccountingRequest.IDENTIFIER_OFFSET];
        response[AccountingRequest.LENGTH_OFFSET] = (byte)(RESPONSE_LENGTH >>> 8);
        response[AccountingRequest.LENGTH_OFFSET + 1] = (byte)RESPONSE_LENGTH;
        md5.reset();
        md5.update(response, 0, AccountingRequest.AUTHENTICATOR_OFFSET);
        md5.update(request, AccountingRequest.AUTHENTICATOR_OFFSET, AccountingRequest.AUTHENTICATOR_LENGTH);
        md5.update(secret);
        digestInto(response, AccountingRequest.AUTHENTICATOR_OFFSET);
        return RESPONSE_LENGTH;
    }

    private void digestInto(final byte[] out, final int offset)
    {
        try
        {
            md5.digest(out, offset, AccountingRequest.AUTHENTICATOR_LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("16 bytes always hold an MD5 digest", ex);
        }
    }
}
