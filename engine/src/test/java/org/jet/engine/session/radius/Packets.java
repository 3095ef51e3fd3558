package org.jet.engine.session.radius;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hand-made RADIUS packets for tests, and the fixtures radclient sent (secret {@code testing123}).
 */
final class Packets
{
    static final byte[] TESTING123 = "testing123".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream();
    private int code = 4;
    private int identifier = 7;

    static Packets request()
    {
        return new Packets();
    }

    Packets code(final int value)
    {
        code = value;
        return this;
    }

    Packets identifier(final int value)
    {
        identifier = value;
        return this;
    }

    Packets attribute(final int type, final byte... value)
    {
        attributes.write(type);
        attributes.write(value.length + 2);
        attributes.writeBytes(value);
        return this;
    }

    Packets text(final int type, final String value)
    {
        return attribute(type, value.getBytes(StandardCharsets.UTF_8));
    }

    Packets integer(final int type, final long value)
    {
        return attribute(type, (byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value);
    }

    Packets status(final int value)
    {
        return integer(AccountingRequest.ACCT_STATUS_TYPE, value);
    }

    /** Appends raw bytes after the attributes (to make broken ones). */
    Packets raw(final byte... bytes)
    {
        attributes.writeBytes(bytes);
        return this;
    }

    /** @return the packet with a correct Request Authenticator for the secret. */
    byte[] sign(final byte[] secret)
    {
        final byte[] packet = unsigned();
        final MessageDigest md5 = md5();
        md5.update(packet);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, packet, 4, 16);
        return packet;
    }

    /** @return the packet with a zero authenticator. */
    byte[] unsigned()
    {
        final byte[] body = attributes.toByteArray();
        final int length = 20 + body.length;
        final byte[] packet = new byte[length];
        packet[0] = (byte)code;
        packet[1] = (byte)identifier;
        packet[2] = (byte)(length >>> 8);
        packet[3] = (byte)length;
        System.arraycopy(body, 0, packet, 20, body.length);
        return packet;
    }

    static byte[] ipv4(final int a, final int b, final int c, final int d)
    {
        return new byte[] {(byte)a, (byte)b, (byte)c, (byte)d};
    }

    static byte[] hex(final String hex)
    {
        final String digits = hex.replace(" ", "").replace(":", "");
        final byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static byte[] resource(final String name)
    {
        try (InputStream in = Packets.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static MessageDigest md5()
    {
        try
        {
            return MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
