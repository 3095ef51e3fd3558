package org.jet.plugin.radiuscoa;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RADIUS numbers used by Dynamic Authorization (RFC 5176) and the two digests it needs.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Code      |  Identifier   |            Length             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Authenticator (16)                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Attributes: Type (1), Length (1, includes both), Value ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class Radius
{
    static final int CODE_OFFSET = 0;
    static final int IDENTIFIER_OFFSET = 1;
    static final int LENGTH_OFFSET = 2;
    static final int AUTHENTICATOR_OFFSET = 4;
    static final int AUTHENTICATOR_LENGTH = 16;
    static final int HEADER_LENGTH = 20;
    /** RFC 2865 §3: the largest packet; a longer Length field is malformed. */
    static final int MAX_PACKET_LENGTH = 4096;
    static final int MAX_VALUE_LENGTH = 253;

    static final int DISCONNECT_REQUEST = 40;
    static final int DISCONNECT_ACK = 41;
    static final int DISCONNECT_NAK = 42;
    static final int COA_REQUEST = 43;
    static final int COA_ACK = 44;
    static final int COA_NAK = 45;

    static final int USER_NAME = 1;
    static final int NAS_IP_ADDRESS = 4;
    static final int FRAMED_IP_ADDRESS = 8;
    static final int VENDOR_SPECIFIC = 26;
    static final int EVENT_TIMESTAMP = 55;
    static final int MESSAGE_AUTHENTICATOR = 80;
    static final int FRAMED_IPV6_PREFIX = 97;
    static final int ERROR_CAUSE = 101;

    static final int MESSAGE_AUTHENTICATOR_LENGTH = 2 + AUTHENTICATOR_LENGTH;
    static final int ERROR_CAUSE_LENGTH = 6;

    private Radius()
    {
    }

    static String codeName(final int code)
    {
        return switch (code)
        {
            case DISCONNECT_REQUEST -> "Disconnect-Request";
            case DISCONNECT_ACK -> "Disconnect-ACK";
            case DISCONNECT_NAK -> "Disconnect-NAK";
            case COA_REQUEST -> "CoA-Request";
            case COA_ACK -> "CoA-ACK";
            case COA_NAK -> "CoA-NAK";
            default -> "code " + code;
        };
    }

    static int u16(final byte[] data, final int offset)
    {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }

    static MessageDigest md5()
    {
        try
        {
            return MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("MD5 is required of every Java platform", ex);
        }
    }

    static Mac hmacMd5(final byte[] secret)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret, "HmacMD5"));
            return mac;
        }
        catch (final java.security.GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacMD5 is part of every JDK", ex);
        }
    }
}
