package org.jet.engine.session.radius;

import java.nio.charset.StandardCharsets;

import org.jet.collector.record.IpAddress;

/**
 * An Accounting-Request (RFC 2866) read in place from the datagram's bytes: {@link #wrap} checks the structure and
 * notes where the attributes Jet uses are, the accessors read them. One instance is reused for every datagram of a
 * server; nothing is allocated while wrapping (strings are made only when asked for).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Code (4)     |  Identifier   |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  |                 Request Authenticator (16 octets)             |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Type         |  Length (>=2) |  Value (Length - 2 octets) ...   repeated up to the packet's Length
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Rules for untrusted bytes: every length is checked against the packet before it is used, the number of
 * attributes is capped, and no allocation is sized from the wire. Bytes after the Length field are padding
 * (RFC 2865 §3) and ignored. The first occurrence of a single-valued attribute wins. Known attributes of the wrong
 * size are malformed; unknown attributes, Vendor-Specific and Message-Authenticator are skipped (the Request
 * Authenticator already covers every byte). Addresses that name no host (Framed-IP-Address 0.0.0.0,
 * 255.255.255.254 and 255.255.255.255, which mean "let the NAS or the user choose" in RFC 2865 §5.8, and the IPv6
 * unspecified address) are left out.
 *
 * <p>Framed-IPv6-Prefix (RFC 3162, value encoding of RFC 8044 §3.10: reserved octet, prefix length 1..128, the
 * prefix in at least {@code ceil(length / 8)} octets) becomes a /64, the granularity Jet attributes IPv6 traffic
 * at: a prefix of 64 bits or shorter yields the /64 at its start (bits past the prefix length are cleared); a longer
 * prefix yields the /64 that holds it.
 *
 * <p>Why not tinyradius (org.tinyradius:tinyradius 1.1.3, the RADIUS library in Jet's dependency list)? Jet needs
 * only a small, security-relevant part of RADIUS: read one packet type, check two MD5 authenticators, write a
 * 20-byte answer. tinyradius reads a packet through an {@code InputStream} and trusts its Length field: a datagram
 * shorter than it claims is read as if padded with zeros instead of being rejected; its attribute classes throw
 * unchecked exceptions on bad values (its IPv6 prefix attribute throws {@code IllegalArgumentException}); it builds
 * an object per attribute through a dictionary parsed at start-up and pulls in two more libraries (commons-logging,
 * an IP address library). Making that robust would mean wrapping it in the same checks this class makes anyway, and
 * its failures would still not say which rule the packet broke (each reason is a counter here). This flyweight is
 * about 250 lines, allocates nothing per packet and is fuzzed ({@code RadiusFuzzTest}).
 */
final class AccountingRequest
{
    static final int CODE_ACCOUNTING_REQUEST = 4;
    static final int CODE_ACCOUNTING_RESPONSE = 5;

    static final int CODE_OFFSET = 0;
    static final int IDENTIFIER_OFFSET = 1;
    static final int LENGTH_OFFSET = 2;
    static final int AUTHENTICATOR_OFFSET = 4;
    static final int AUTHENTICATOR_LENGTH = 16;
    static final int HEADER_LENGTH = 20;
    /** RFC 2865 §3: the largest packet. */
    static final int MAX_LENGTH = 4096;
    /** Real requests carry a few dozen attributes; a 4096-byte packet could hold 2038 empty ones. */
    static final int MAX_ATTRIBUTES = 256;
    /** Addresses kept per request (one IPv4, a prefix and a few IPv6 addresses in practice); more are ignored. */
    static final int MAX_ADDRESSES = 8;

    static final int USER_NAME = 1;
    static final int NAS_IP_ADDRESS = 4;
    static final int FRAMED_IP_ADDRESS = 8;
    static final int NAS_IDENTIFIER = 32;
    static final int ACCT_STATUS_TYPE = 40;
    static final int ACCT_DELAY_TIME = 41;
    static final int ACCT_SESSION_ID = 44;
    static final int EVENT_TIMESTAMP = 55;
    static final int NAS_IPV6_ADDRESS = 95;
    static final int FRAMED_IPV6_PREFIX = 97;
    static final int FRAMED_IPV6_ADDRESS = 168;

    private static final long ABSENT = -1;

    private byte[] buffer;
    private int length;
    private int attributeCount;
    private long statusType;
    private long eventTimestamp;
    private long delayTime;
    private int userNameOffset;
    private int userNameLength;
    private int sessionIdOffset;
    private int sessionIdLength;
    private int nasIdentifierOffset;
    private int nasIdentifierLength;
    private boolean hasNasIpv4;
    private int nasIpv4;
    private boolean hasNasIpv6;
    private long nasIpv6Hi;
    private long nasIpv6Lo;
    private int addressCount;
    private int addressesIgnored;
    private final long[] addrHi = new long[MAX_ADDRESSES];
    private final long[] addrLo = new long[MAX_ADDRESSES];
    private final int[] prefixLength = new int[MAX_ADDRESSES];

    /**
     * Reads the packet's structure and the attributes Jet uses. Does not check the authenticator: see
     * {@link RadiusAuthenticator}.
     *
     * @param buffer         the datagram; kept (not copied) until the next wrap.
     * @param datagramLength how many bytes of {@code buffer} the datagram has.
     * @return null when the packet is a well-formed Accounting-Request, else why it is not.
     */
    RadiusMalformation wrap(final byte[] buffer, final int datagramLength)
    {
        reset(buffer);
        if (datagramLength < HEADER_LENGTH)
        {
            return RadiusMalformation.TOO_SHORT;
        }
        final int declared = u16(buffer, LENGTH_OFFSET);
        if (declared < HEADER_LENGTH || declared > MAX_LENGTH)
        {
            return RadiusMalformation.BAD_LENGTH;
        }
        if (declared > datagramLength)
        {
            return RadiusMalformation.TRUNCATED;
        }
        length = declared;
        if ((buffer[CODE_OFFSET] & 0xff) != CODE_ACCOUNTING_REQUEST)
        {
            return RadiusMalformation.NOT_ACCOUNTING_REQUEST;
        }
        int offset = HEADER_LENGTH;
        while (offset < declared)
        {
            if (declared - offset < 2)
            {
                return RadiusMalformation.ATTRIBUTE_PAST_END;
            }
            final int type = buffer[offset] & 0xff;
            final int attributeLength = buffer[offset + 1] & 0xff;
            if (attributeLength < 2)
            {
                return RadiusMalformation.ATTRIBUTE_TOO_SHORT;
            }
            if (attributeLength > declared - offset)
            {
                return RadiusMalformation.ATTRIBUTE_PAST_END;
            }
            if (++attributeCount > MAX_ATTRIBUTES)
            {
                return RadiusMalformation.TOO_MANY_ATTRIBUTES;
            }
            if (!attribute(type, offset + 2, attributeLength - 2))
            {
                return RadiusMalformation.BAD_ATTRIBUTE_VALUE;
            }
            offset += attributeLength;
        }
        return statusType == ABSENT ? RadiusMalformation.NO_STATUS_TYPE : null;
    }

    private void reset(final byte[] buffer)
    {
        this.buffer = buffer;
        length = 0;
        attributeCount = 0;
        statusType = ABSENT;
        eventTimestamp = ABSENT;
        delayTime = 0;
        userNameOffset = -1;
        userNameLength = 0;
        sessionIdOffset = -1;
        sessionIdLength = 0;
        nasIdentifierOffset = -1;
        nasIdentifierLength = 0;
        hasNasIpv4 = false;
        nasIpv4 = 0;
        hasNasIpv6 = false;
        nasIpv6Hi = 0;
        nasIpv6Lo = 0;
        addressCount = 0;
        addressesIgnored = 0;
    }

    /**
     * @return false when a known attribute's value is malformed.
     */
    private boolean attribute(final int type, final int offset, final int valueLength)
    {
        switch (type)
        {
            case USER_NAME:
                if (userNameOffset < 0)
                {
                    userNameOffset = offset;
                    userNameLength = valueLength;
                }
                return true;
            case ACCT_SESSION_ID:
                if (sessionIdOffset < 0)
                {
                    sessionIdOffset = offset;
                    sessionIdLength = valueLength;
                }
                return true;
            case NAS_IDENTIFIER:
                if (nasIdentifierOffset < 0)
                {
                    nasIdentifierOffset = offset;
                    nasIdentifierLength = valueLength;
                }
                return true;
            case ACCT_STATUS_TYPE:
                if (valueLength != 4)
                {
                    return false;
                }
                if (statusType == ABSENT)
                {
                    statusType = u32(buffer, offset);
                }
                return true;
            case ACCT_DELAY_TIME:
                if (valueLength != 4)
                {
                    return false;
                }
                delayTime = u32(buffer, offset);
                return true;
            case EVENT_TIMESTAMP:
                if (valueLength != 4)
                {
                    return false;
                }
                if (eventTimestamp == ABSENT)
                {
                    eventTimestamp = u32(buffer, offset);
                }
                return true;
            case NAS_IP_ADDRESS:
                if (valueLength != 4)
                {
                    return false;
                }
                if (!hasNasIpv4)
                {
                    hasNasIpv4 = true;
                    nasIpv4 = (int)u32(buffer, offset);
                }
                return true;
            case NAS_IPV6_ADDRESS:
                if (valueLength != 16)
                {
                    return false;
                }
                if (!hasNasIpv6)
                {
                    hasNasIpv6 = true;
                    nasIpv6Hi = u64(buffer, offset);
                    nasIpv6Lo = u64(buffer, offset + 8);
                }
                return true;
            case FRAMED_IP_ADDRESS:
                return framedIpv4(offset, valueLength);
            case FRAMED_IPV6_ADDRESS:
                return framedIpv6(offset, valueLength);
            case FRAMED_IPV6_PREFIX:
                return framedIpv6Prefix(offset, valueLength);
            default:
                return true;
        }
    }

    private boolean framedIpv4(final int offset, final int valueLength)
    {
        if (valueLength != 4)
        {
            return false;
        }
        final int v4 = (int)u32(buffer, offset);
        if (v4 != 0 && v4 != 0xffff_ffff && v4 != 0xffff_fffe)
        {
            addAddress(0, IpAddress.mappedLo(v4), 128);
        }
        return true;
    }

    private boolean framedIpv6(final int offset, final int valueLength)
    {
        if (valueLength != 16)
        {
            return false;
        }
        final long hi = u64(buffer, offset);
        final long lo = u64(buffer, offset + 8);
        if (hi != 0 || lo != 0)
        {
            addAddress(hi, lo, 128);
        }
        return true;
    }

    private boolean framedIpv6Prefix(final int offset, final int valueLength)
    {
        // Reserved (1), Prefix-Length (1), Prefix (0..16 octets, at least enough for Prefix-Length bits).
        if (valueLength < 2 || valueLength > 18)
        {
            return false;
        }
        final int bits = buffer[offset + 1] & 0xff;
        final int prefixOctets = valueLength - 2;
        if (bits < 1 || bits > 128 || prefixOctets < (bits + 7) / 8)
        {
            return false;
        }
        long hi = 0;
        for (int i = 0; i < 8; i++)
        {
            hi = (hi << 8) | (i < prefixOctets ? buffer[offset + 2 + i] & 0xff : 0);
        }
        if (bits < 64)
        {
            hi &= -1L << (64 - bits);
        }
        addAddress(hi, 0, 64);
        return true;
    }

    private void addAddress(final long hi, final long lo, final int prefix)
    {
        for (int i = 0; i < addressCount; i++)
        {
            if (addrHi[i] == hi && addrLo[i] == lo && prefixLength[i] == prefix)
            {
                return;
            }
        }
        if (addressCount == MAX_ADDRESSES)
        {
            addressesIgnored++;
            return;
        }
        addrHi[addressCount] = hi;
        addrLo[addressCount] = lo;
        prefixLength[addressCount] = prefix;
        addressCount++;
    }

    /** @return the Length field: the packet's bytes (the datagram may carry padding after them). */
    int length()
    {
        return length;
    }

    int identifier()
    {
        return buffer[IDENTIFIER_OFFSET] & 0xff;
    }

    /** @return the first 8 octets of the Request Authenticator. */
    long authenticatorHi()
    {
        return u64(buffer, AUTHENTICATOR_OFFSET);
    }

    /** @return the last 8 octets of the Request Authenticator. */
    long authenticatorLo()
    {
        return u64(buffer, AUTHENTICATOR_OFFSET + 8);
    }

    byte[] buffer()
    {
        return buffer;
    }

    AcctStatusType statusType()
    {
        return AcctStatusType.of(statusType);
    }

    /** @return the raw Acct-Status-Type value. */
    long statusTypeCode()
    {
        return statusType;
    }

    /** @return Event-Timestamp in epoch seconds, or -1 when absent. */
    long eventTimestamp()
    {
        return eventTimestamp;
    }

    /** @return Acct-Delay-Time in seconds (0 when absent). */
    long delayTime()
    {
        return delayTime;
    }

    /** @return User-Name, or null when absent. */
    String userName()
    {
        return text(userNameOffset, userNameLength);
    }

    /** @return Acct-Session-Id, or null when absent. */
    String sessionId()
    {
        return text(sessionIdOffset, sessionIdLength);
    }

    /** @return NAS-Identifier, or null when absent. */
    String nasIdentifier()
    {
        return text(nasIdentifierOffset, nasIdentifierLength);
    }

    boolean hasNasIpv4()
    {
        return hasNasIpv4;
    }

    /** @return NAS-IP-Address as read (big-endian int). */
    int nasIpv4()
    {
        return nasIpv4;
    }

    boolean hasNasIpv6()
    {
        return hasNasIpv6;
    }

    long nasIpv6Hi()
    {
        return nasIpv6Hi;
    }

    long nasIpv6Lo()
    {
        return nasIpv6Lo;
    }

    /** @return how many distinct addresses (IPv4, IPv6, IPv6 /64) the request names, at most {@link #MAX_ADDRESSES}. */
    int addressCount()
    {
        return addressCount;
    }

    /** @return addresses past {@link #MAX_ADDRESSES}, left out. */
    int addressesIgnored()
    {
        return addressesIgnored;
    }

    long addrHi(final int index)
    {
        return addrHi[index];
    }

    long addrLo(final int index)
    {
        return addrLo[index];
    }

    /** @return 128 for one address (IPv4 is mapped), 64 for an IPv6 /64. */
    int prefixLength(final int index)
    {
        return prefixLength[index];
    }

    private String text(final int offset, final int textLength)
    {
        return offset < 0 ? null : new String(buffer, offset, textLength, StandardCharsets.UTF_8);
    }

    static int u16(final byte[] buffer, final int offset)
    {
        return ((buffer[offset] & 0xff) << 8) | (buffer[offset + 1] & 0xff);
    }

    static long u32(final byte[] buffer, final int offset)
    {
        return ((buffer[offset] & 0xffL) << 24) | ((buffer[offset + 1] & 0xffL) << 16) |
            ((buffer[offset + 2] & 0xffL) << 8) | (buffer[offset + 3] & 0xffL);
    }

    static long u64(final byte[] buffer, final int offset)
    {
        return (u32(buffer, offset) << 32) | u32(buffer, offset + 4);
    }
}
