package org.jet.engine.session.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.jet.collector.record.IpAddress;
import org.junit.jupiter.api.Test;

class AccountingRequestTest
{
    private final AccountingRequest request = new AccountingRequest();

    @Test
    void shouldReadTheStartRadclientSent()
    {
        final byte[] packet = Packets.resource("radclient-start.bin");

        assertNull(request.wrap(packet, packet.length));
        assertEquals(87, request.length());
        assertEquals(141, request.identifier());
        assertEquals(AcctStatusType.START, request.statusType());
        assertEquals("alice", request.userName());
        assertEquals("sess-1", request.sessionId());
        assertEquals("bras-1", request.nasIdentifier());
        assertEquals(1_700_000_000L, request.eventTimestamp());
        assertEquals(5, request.delayTime());
        assertFalse(request.hasNasIpv4());
        assertEquals(2, request.addressCount());
        assertAddress(0, 0, IpAddress.mappedLo(0x0a01_0203), 128);
        assertAddress(1, 0x2001_0db8_0001_0002L, 0, 64);
    }

    @Test
    void shouldReadTheIpv6InterimUpdateRadclientSent()
    {
        final byte[] packet = Packets.resource("radclient-interim-ipv6.bin");

        assertNull(request.wrap(packet, packet.length));
        assertEquals(AcctStatusType.INTERIM_UPDATE, request.statusType());
        assertEquals("bob@example.org", request.userName());
        assertTrue(request.hasNasIpv6());
        assertEquals(0x2001_0db8_0000_0000L, request.nasIpv6Hi());
        assertEquals(1, request.nasIpv6Lo());
        assertEquals(-1, request.eventTimestamp());
        assertEquals(0, request.delayTime());
        assertEquals(2, request.addressCount());
        assertAddress(0, 0x2001_0db8_0000_0000L, 5, 128);
        assertAddress(1, 0x2001_0db8_00aa_0000L, 0, 64);
    }

    @Test
    void shouldReadTheAccountingOnRadclientSent()
    {
        final byte[] packet = Packets.resource("radclient-accounting-on.bin");

        assertNull(request.wrap(packet, packet.length));
        assertEquals(AcctStatusType.ACCOUNTING_ON, request.statusType());
        assertTrue(request.hasNasIpv4());
        assertEquals(0xc000_0201, request.nasIpv4());
        assertNull(request.userName());
        assertEquals(0, request.addressCount());
    }

    @Test
    void shouldIgnorePaddingAfterTheLengthField()
    {
        final byte[] packet = Packets.resource("radclient-accounting-on.bin");
        final byte[] padded = Arrays.copyOf(packet, packet.length + 9);
        Arrays.fill(padded, packet.length, padded.length, (byte)0xee);

        assertNull(request.wrap(padded, padded.length));
        assertEquals(packet.length, request.length());
    }

    @Test
    void shouldRejectBrokenHeaders()
    {
        final byte[] good = Packets.request().status(1).unsigned();

        assertEquals(RadiusMalformation.TOO_SHORT, request.wrap(new byte[0], 0));
        assertEquals(RadiusMalformation.TOO_SHORT, request.wrap(good, 19));
        assertEquals(RadiusMalformation.BAD_LENGTH, request.wrap(withLength(good, 19), good.length));
        assertEquals(RadiusMalformation.BAD_LENGTH, request.wrap(withLength(good, 0), good.length));
        assertEquals(RadiusMalformation.BAD_LENGTH, request.wrap(withLength(Arrays.copyOf(good, 5000), 4097), 5000));
        assertEquals(RadiusMalformation.TRUNCATED, request.wrap(withLength(good, good.length + 1), good.length));
        assertEquals(RadiusMalformation.TRUNCATED, request.wrap(good, good.length - 1));
        assertEquals(RadiusMalformation.NOT_ACCOUNTING_REQUEST,
            request.wrap(Packets.request().code(1).status(1).unsigned(), good.length));
        assertEquals(RadiusMalformation.NO_STATUS_TYPE, request.wrap(withLength(good, 20), good.length));
    }

    @Test
    void shouldRejectBrokenAttributes()
    {
        assertMalformed(RadiusMalformation.ATTRIBUTE_TOO_SHORT, Packets.request().status(1).raw((byte)1, (byte)0));
        assertMalformed(RadiusMalformation.ATTRIBUTE_TOO_SHORT, Packets.request().status(1).raw((byte)1, (byte)1));
        assertMalformed(RadiusMalformation.ATTRIBUTE_PAST_END, Packets.request().status(1).raw((byte)1));
        assertMalformed(RadiusMalformation.ATTRIBUTE_PAST_END,
            Packets.request().status(1).raw((byte)1, (byte)9, (byte)'a', (byte)'b'));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE, Packets.request().attribute(40, (byte)1));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE,
            Packets.request().status(1).attribute(8, (byte)10, (byte)0, (byte)0, (byte)1, (byte)0));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE,
            Packets.request().status(1).attribute(168, new byte[15]));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE,
            Packets.request().status(1).attribute(95, new byte[4]));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE,
            Packets.request().status(1).attribute(55, new byte[8]));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE,
            Packets.request().status(1).attribute(41, new byte[2]));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE,
            Packets.request().status(1).attribute(4, new byte[16]));
    }

    @Test
    void shouldCapTheNumberOfAttributes()
    {
        final Packets many = Packets.request().status(1);
        for (int i = 0; i < AccountingRequest.MAX_ATTRIBUTES - 1; i++)
        {
            many.attribute(200);
        }
        final byte[] atCap = many.unsigned();
        assertNull(request.wrap(atCap, atCap.length));

        assertMalformed(RadiusMalformation.TOO_MANY_ATTRIBUTES, many.attribute(200));
    }

    @Test
    void shouldMapIpv6PrefixesToTheirSlash64()
    {
        // /64 in the minimal 8 octets RFC 8044 allows.
        assertPrefix(Packets.hex("00 40 20010db8 00010002"), 0x2001_0db8_0001_0002L);
        // /56 with stray bits past the prefix: the /64 at its start.
        assertPrefix(Packets.hex("00 38 20010db8 00aa00ff ffffffff ffffffff"), 0x2001_0db8_00aa_0000L);
        // /48 in 6 octets.
        assertPrefix(Packets.hex("00 30 20010db8 0001"), 0x2001_0db8_0001_0000L);
        // /96 and /128: the /64 holding them.
        assertPrefix(Packets.hex("00 60 20010db8 00010002 00000005"), 0x2001_0db8_0001_0002L);
        assertPrefix(Packets.hex("00 80 20010db8 00010002 00000000 00000005"), 0x2001_0db8_0001_0002L);
    }

    @Test
    void shouldRejectImpossibleIpv6Prefixes()
    {
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE, Packets.request().status(1)
            .attribute(97, Packets.hex("00 81 20010db8 00010002 00000000 00000005")));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE, Packets.request().status(1)
            .attribute(97, Packets.hex("00 00")));
        // /64 needs 8 octets of prefix.
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE, Packets.request().status(1)
            .attribute(97, Packets.hex("00 40 20010db8")));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE, Packets.request().status(1)
            .attribute(97, Packets.hex("00")));
        assertMalformed(RadiusMalformation.BAD_ATTRIBUTE_VALUE, Packets.request().status(1)
            .attribute(97, new byte[19]));
    }

    @Test
    void shouldSkipAddressesThatNameNoHostAndRepeats()
    {
        final byte[] packet = Packets.request().status(1)
            .attribute(8, Packets.ipv4(255, 255, 255, 254))
            .attribute(8, Packets.ipv4(255, 255, 255, 255))
            .attribute(8, Packets.ipv4(0, 0, 0, 0))
            .attribute(168, new byte[16])
            .attribute(8, Packets.ipv4(10, 0, 0, 9))
            .attribute(8, Packets.ipv4(10, 0, 0, 9))
            .unsigned();

        assertNull(request.wrap(packet, packet.length));
        assertEquals(1, request.addressCount());
        assertAddress(0, 0, IpAddress.mappedLo(0x0a00_0009), 128);
    }

    @Test
    void shouldKeepAtMostEightAddresses()
    {
        final Packets packets = Packets.request().status(1);
        for (int i = 1; i <= 10; i++)
        {
            packets.attribute(8, Packets.ipv4(10, 0, 0, i));
        }
        final byte[] packet = packets.unsigned();

        assertNull(request.wrap(packet, packet.length));
        assertEquals(AccountingRequest.MAX_ADDRESSES, request.addressCount());
        assertEquals(2, request.addressesIgnored());
    }

    @Test
    void shouldTakeTheFirstOfRepeatedSingleAttributesAndMapUnknownStatusTypes()
    {
        final byte[] packet = Packets.request().status(15).status(1).text(1, "first").text(1, "second")
            .attribute(26, Packets.hex("00000009 0105 6162 63")).unsigned();

        assertNull(request.wrap(packet, packet.length));
        assertEquals(AcctStatusType.OTHER, request.statusType());
        assertEquals(15, request.statusTypeCode());
        assertEquals("first", request.userName());
    }

    @Test
    void shouldForgetThePreviousPacketOnWrap()
    {
        final byte[] start = Packets.resource("radclient-start.bin");
        final byte[] on = Packets.resource("radclient-accounting-on.bin");
        assertNull(request.wrap(start, start.length));

        assertNull(request.wrap(on, on.length));
        assertNull(request.userName());
        assertNull(request.nasIdentifier());
        assertEquals(0, request.addressCount());
        assertEquals(-1, request.eventTimestamp());
    }

    private void assertPrefix(final byte[] value, final long expectedHi)
    {
        final byte[] packet = Packets.request().status(1).attribute(97, value).unsigned();
        assertNull(request.wrap(packet, packet.length));
        assertEquals(1, request.addressCount());
        assertAddress(0, expectedHi, 0, 64);
    }

    private void assertMalformed(final RadiusMalformation expected, final Packets packets)
    {
        final byte[] packet = packets.unsigned();
        assertEquals(expected, request.wrap(packet, packet.length));
    }

    private void assertAddress(final int index, final long hi, final long lo, final int prefixLength)
    {
        assertEquals(hi, request.addrHi(index), "hi of address " + index);
        assertEquals(lo, request.addrLo(index), "lo of address " + index);
        assertEquals(prefixLength, request.prefixLength(index), "prefix length of address " + index);
    }

    private static byte[] withLength(final byte[] packet, final int length)
    {
        final byte[] copy = packet.clone();
        copy[2] = (byte)(length >>> 8);
        copy[3] = (byte)length;
        return copy;
    }
}
