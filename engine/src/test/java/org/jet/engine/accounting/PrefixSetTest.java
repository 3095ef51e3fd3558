package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jet.collector.record.IpAddress;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.Cidr;
import org.junit.jupiter.api.Test;

class PrefixSetTest
{
    private static long v4(final String address)
    {
        final Cidr cidr = Cidr.parse(address);
        return cidr.lo();
    }

    @Test
    void defaultInternalNetworksByTheirSixteens()
    {
        final PrefixSet set = new PrefixSet(AccountingConfig.PRIVATE_NETWORKS);
        assertTrue(set.contains(0, v4("10.1.2.3")));
        assertTrue(set.contains(0, v4("172.31.255.255")));
        assertFalse(set.contains(0, v4("172.32.0.0")));
        assertTrue(set.contains(0, v4("192.168.0.1")));
        assertFalse(set.contains(0, v4("192.169.0.1")));
        assertTrue(set.contains(0, v4("100.127.1.1")));
        assertFalse(set.contains(0, v4("100.128.1.1")));
        assertFalse(set.contains(0, v4("8.8.8.8")));
        final Cidr ula = Cidr.parse("fd12:3456::1");
        assertTrue(set.contains(ula.hi(), ula.lo()));
        final Cidr global = Cidr.parse("2001:db8::1");
        assertFalse(set.contains(global.hi(), global.lo()));
    }

    @Test
    void prefixesLongerThanASixteenAreScanned()
    {
        final PrefixSet set = new PrefixSet(List.of(Cidr.parse("203.0.113.0/24"), Cidr.parse("198.51.100.128/25"),
            Cidr.parse("192.0.2.7/32")));
        assertTrue(set.contains(0, v4("203.0.113.200")));
        assertFalse(set.contains(0, v4("203.0.114.1")));
        assertFalse(set.contains(0, v4("198.51.100.127")));
        assertTrue(set.contains(0, v4("198.51.100.128")));
        assertTrue(set.contains(0, v4("192.0.2.7")));
        assertFalse(set.contains(0, v4("192.0.2.8")));
    }

    @Test
    void anIpv6PrefixAroundIpv4MappedAddressesHoldsThemAll()
    {
        final PrefixSet set = new PrefixSet(List.of(Cidr.parse("::/0"), Cidr.parse("10.0.0.0/8")));
        assertTrue(set.contains(0, v4("8.8.8.8")));
        final PrefixSet mapped = new PrefixSet(List.of(Cidr.parse("::fffe:0:0/95"), Cidr.parse("fc00::/7")));
        assertTrue(mapped.contains(0, v4("1.2.3.4")));
        assertFalse(mapped.contains(0, 5)); // ::5 is not IPv4-mapped
    }

    /** The /16 bitmaps answer exactly as testing every prefix in turn. */
    @Test
    void answersAsAScanOfEveryPrefix()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++)
        {
            final List<Cidr> prefixes = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(7); i < n; i++)
            {
                final int address = random.nextInt();
                final int length = random.nextInt(33);
                prefixes.add(Cidr.parse(IpAddress.toString(0, IpAddress.mappedLo(address)) + "/" + length));
            }
            final PrefixSet set = new PrefixSet(prefixes);
            for (int i = 0; i < 20_000; i++)
            {
                // Addresses near the prefixes' own, so that most /16s tested hold some.
                final Cidr near = prefixes.get(random.nextInt(prefixes.size()));
                final int address = (int)near.lo() ^ (random.nextInt() >>> random.nextInt(32));
                final long lo = IpAddress.mappedLo(address);
                final boolean expected = prefixes.stream().anyMatch(cidr -> cidr.contains(0, lo));
                assertEquals(expected, set.contains(0, lo), () -> prefixes + " " + IpAddress.toString(0, lo));
            }
        }
    }
}
