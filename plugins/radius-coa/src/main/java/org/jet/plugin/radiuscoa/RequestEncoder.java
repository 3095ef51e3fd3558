package org.jet.plugin.radiuscoa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;

/**
 * Writes a CoA-Request or Disconnect-Request: attributes in the order added, then a Message-Authenticator (RFC 3579
 * §3.2, HMAC-MD5 over the packet with the Authenticator field and its own value zero), then the Request
 * Authenticator of RFC 5176 §2.3: MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret).
 * A value too long for one attribute, or a packet past 4096 bytes, is refused with {@link IllegalArgumentException}.
 */
final class RequestEncoder
{
    private final byte[] buffer = new byte[Radius.MAX_PACKET_LENGTH];
    private int length;

    RequestEncoder begin(final int code, final int identifier)
    {
        Arrays.fill(buffer, 0, Radius.HEADER_LENGTH, (byte)0);
        buffer[Radius.CODE_OFFSET] = (byte)code;
        buffer[Radius.IDENTIFIER_OFFSET] = (byte)identifier;
        length = Radius.HEADER_LENGTH;
        return this;
    }

    RequestEncoder string(final int type, final String value)
    {
        return octets(type, value.getBytes(StandardCharsets.UTF_8));
    }

    RequestEncoder integer(final int type, final long value)
    {
        return octets(type, int32(value));
    }

    RequestEncoder octets(final int type, final byte[] value)
    {
        header(type, value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
        return this;
    }

    /** Framed-IPv6-Prefix and its kin (RFC 3162 §2.3): reserved, prefix length, the 16 address bytes. */
    RequestEncoder ipv6Prefix(final int type, final byte[] address, final int prefixLength)
    {
        final byte[] value = new byte[2 + 16];
        value[1] = (byte)prefixLength;
        System.arraycopy(address, 0, value, 2, 16);
        return octets(type, value);
    }

    /** A Vendor-Specific attribute holding one sub-attribute (RFC 2865 §5.26's suggested format). */
    RequestEncoder vendor(final int vendorId, final int vendorType, final byte[] value)
    {
        if (value.length > Radius.MAX_VALUE_LENGTH - 6)
        {
            throw new IllegalArgumentException("vendor attribute " + vendorId + "/" + vendorType + " is longer than " +
                (Radius.MAX_VALUE_LENGTH - 6) + " bytes");
        }
        header(Radius.VENDOR_SPECIFIC, 6 + value.length);
        System.arraycopy(int32(vendorId), 0, buffer, length, 4);
        buffer[length + 4] = (byte)vendorType;
        buffer[length + 5] = (byte)(2 + value.length);
        System.arraycopy(value, 0, buffer, length + 6, value.length);
        length += 6 + value.length;
        return this;
    }

    RequestEncoder vendorString(final int vendorId, final int vendorType, final String value)
    {
        return vendor(vendorId, vendorType, value.getBytes(StandardCharsets.UTF_8));
    }

    RequestEncoder vendorInteger(final int vendorId, final int vendorType, final long value)
    {
        return vendor(vendorId, vendorType, int32(value));
    }

    /**
     * Adds the Message-Authenticator and writes both authenticators.
     *
     * @return the packet's bytes; its Request Authenticator is at {@link Radius#AUTHENTICATOR_OFFSET}.
     */
    byte[] finish(final byte[] secret)
    {
        header(Radius.MESSAGE_AUTHENTICATOR, Radius.AUTHENTICATOR_LENGTH);
        final int messageAuthenticatorOffset = length;
        Arrays.fill(buffer, length, length + Radius.AUTHENTICATOR_LENGTH, (byte)0);
        length += Radius.AUTHENTICATOR_LENGTH;
        buffer[Radius.LENGTH_OFFSET] = (byte)(length >>> 8);
        buffer[Radius.LENGTH_OFFSET + 1] = (byte)length;

        final Mac mac = Radius.hmacMd5(secret);
        mac.update(buffer, 0, length);
        System.arraycopy(mac.doFinal(), 0, buffer, messageAuthenticatorOffset, Radius.AUTHENTICATOR_LENGTH);

        final MessageDigest md5 = Radius.md5();
        md5.update(buffer, 0, length);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, buffer, Radius.AUTHENTICATOR_OFFSET, Radius.AUTHENTICATOR_LENGTH);
        return Arrays.copyOf(buffer, length);
    }

    private void header(final int type, final int valueLength)
    {
        if (valueLength > Radius.MAX_VALUE_LENGTH)
        {
            throw new IllegalArgumentException("attribute " + type + " is longer than " + Radius.MAX_VALUE_LENGTH +
                " bytes");
        }
        if (length + 2 + valueLength > Radius.MAX_PACKET_LENGTH)
        {
            throw new IllegalArgumentException("the request would be longer than " + Radius.MAX_PACKET_LENGTH +
                " bytes");
        }
        buffer[length] = (byte)type;
        buffer[length + 1] = (byte)(2 + valueLength);
        length += 2;
    }

    private static byte[] int32(final long value)
    {
        return new byte[] {(byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value};
    }
}
