package org.jet.collector.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class IpAddressTest
{
    @Test
    void shouldTakeAnIpv4AddressAsMappedAndAnIpv6OneAsIs() throws Exception
    {
        final byte[] v4 = InetAddress.getByName("192.0.2.200").getAddress();
        assertEquals(0, IpAddress.hiOf(v4));
        assertEquals(0x0000_ffff_c000_02c8L, IpAddress.loOf(v4));

        final byte[] v6 = InetAddress.getByName("2001:db8::ff:1").getAddress();
        assertEquals(0x2001_0db8_0000_0000L, IpAddress.hiOf(v6));
        assertEquals(0x0000_0000_00ff_0001L, IpAddress.loOf(v6));
        assertEquals("2001:db8::ff:1", IpAddress.toString(IpAddress.hiOf(v6), IpAddress.loOf(v6)));
    }
}
