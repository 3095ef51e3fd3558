package org.jet.plugin.linuxtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.Test;

/**
 * Settings, address checks and the parsing of tc's and nft's listings, without a kernel.
 */
class LinuxTcSettingsTest
{
    @Test
    void shouldTakeDefaultsForEverythingButTheInterface()
    {
        final TcSettings settings = TcSettings.parse(Map.of("interface", "eth1"));
        assertEquals("eth1", settings.interfaceName());
        assertNull(settings.uploadInterface());
        assertNull(settings.netns());
        assertEquals(5000, settings.commandTimeoutMs());
        assertEquals(10_000_000_000L, settings.defaultClassRate());
        assertEquals(TcSettings.SuspendMode.TC, settings.suspendMode());
        assertEquals(800_000_000L, TcSettings.parse(Map.of("interface", "eth1", "default_class_rate", "800mbit"))
            .defaultClassRate());
        assertEquals(TcSettings.SuspendMode.NFTABLES,
            TcSettings.parse(Map.of("interface", "eth1", "suspend_mode", "nftables")).suspendMode());
    }

    @Test
    void shouldRefuseMistakesWithOneLineNamingTheKey()
    {
        assertError("plugins.settings.linux-tc.interface: needed", Map.of());
        assertError("plugins.settings.linux-tc.interfaces: unknown setting", Map.of("interfaces", "eth1"));
        assertError("plugins.settings.linux-tc.interface: not a valid name: eth1; reboot",
            Map.of("interface", "eth1; reboot"));
        assertError("plugins.settings.linux-tc.interface: not a valid name: -eth1", Map.of("interface", "-eth1"));
        assertError("plugins.settings.linux-tc.upload_interface: must differ",
            Map.of("interface", "eth1", "upload_interface", "eth1"));
        assertError("plugins.settings.linux-tc.netns: not a valid name", Map.of("interface", "eth1", "netns", "a/b"));
        assertError("plugins.settings.linux-tc.command_timeout_ms: a positive number",
            Map.of("interface", "eth1", "command_timeout_ms", 0));
        assertError("plugins.settings.linux-tc.default_class_rate: a rate like 10gbit",
            Map.of("interface", "eth1", "default_class_rate", "fast"));
        assertError("plugins.settings.linux-tc.suspend_mode: tc or nftables, not iptables",
            Map.of("interface", "eth1", "suspend_mode", "iptables"));
    }

    @Test
    void shouldCanonicaliseAddressesAndPrefixes()
    {
        assertEquals(new UserPrefix(false, "10.0.0.5/32"), UserPrefix.parse("10.0.0.5"));
        assertEquals(new UserPrefix(false, "10.0.0.4/30"), UserPrefix.parse("10.0.0.5/30"));
        assertEquals(new UserPrefix(true, "2001:db8:1:2:0:0:0:0/64"), UserPrefix.parse("2001:db8:1:2::/64"));
        assertEquals(new UserPrefix(true, "2001:db8:1:2:0:0:0:0/64"), UserPrefix.parse("2001:db8:1:2:a::5/64"));
        assertEquals(new UserPrefix(true, "2001:db8:0:0:0:0:0:1/128"), UserPrefix.parse("2001:DB8::1"));
        assertEquals(new UserPrefix(false, "10.0.0.5/32"), UserPrefix.parse("::ffff:10.0.0.5"));
    }

    @Test
    void shouldRefuseWhatIsNotAUsersAddress()
    {
        for (final String bad : List.of("example.org", "localhost", "1.2.3", "10.0.0.256", "10.0.0.0/8", "::/0",
            "10.0.0.5/33", "2001:db8::/129", "fe80::1%eth0", "-1", "", "10.0.0.5/", "10.0.0.5 dev lo", "0x0a000005"))
        {
            assertThrows(IllegalArgumentException.class, () -> UserPrefix.parse(bad), bad);
        }
    }

    @Test
    void shouldRefuseTheWholeCallWhenOneAddressIsBadAndNotRetryIt()
    {
        final ActionException error = assertThrows(ActionException.class, () -> LinuxTc.prefixes(
            new Subject("alice", null, null, "cs", List.of("10.0.0.5", "10.0.0.0/8"))));
        assertEquals("linux-tc: alice: prefix length must be 16 to 32: 10.0.0.0/8", error.getMessage());
        assertFalse(error.retryable());
    }

    @Test
    void shouldSayWhatIsWorthRetrying()
    {
        assertTrue(Commands.retryable("Cannot find device \"eth1\""));
        assertTrue(Commands.retryable("Cannot open network namespace \"r\": No such file or directory"));
        assertTrue(Commands.retryable("RTNETLINK answers: Device or resource busy"));
        assertFalse(Commands.retryable("exec of \"tc\" failed: No such file or directory"));
        assertFalse(Commands.retryable("RTNETLINK answers: Operation not permitted"));
        assertFalse(Commands.retryable("Error: Failed to load TC action module."));
        assertTrue(Commands.absent("Error: Filter with specified priority/protocol not found."));
        assertFalse(Commands.absent("Cannot open network namespace \"r\": No such file or directory"));
    }

    @Test
    void shouldFailWithoutRetryWhenTheBinaryIsMissing()
    {
        final ActionException error = assertThrows(ActionException.class,
            () -> new Commands(null, 1000).run("no-such-tc-binary", "qdisc", "show"));
        assertTrue(error.getMessage().startsWith("no-such-tc-binary qdisc show: cannot run no-such-tc-binary"),
            error.getMessage());
        assertFalse(error.retryable());
    }

    @Test
    void shouldReadMarkersAndIgnoreOtherHashTablesInTheListing()
    {
        final String listing = """
            filter protocol ip pref 33392 u32
            filter protocol ip pref 33392 u32 fh 801: ht divisor 1
            filter protocol ip pref 33392 u32 fh 801::800 order 2048 key ht 801 bkt 0 *flowid 1:1 not_in_hw
              match 2bd806c9/ffffffff at 0
              match 7f0e00af/ffffffff at 4
              match 1a1fc332/ffffffff at 8
              match 8fa763a9/ffffffff at 12
            filter protocol ip pref 40 u32 fh 803::800 order 2048 key ht 803 bkt 0 *flowid 1:14 not_in_hw
              match 0a4d0102/ffffffff at 16
            """;
        assertEquals(Map.of(33392 - Slots.MARKER_PRIO, "2bd806c97f0e00af1a1fc3328fa763a9"), Slots.parse(listing));
        assertEquals("2bd806c97f0e00af1a1fc3328fa763a9", Slots.owner("alice"));
    }

    @Test
    void shouldFindAUsersElementsInAnNftListing()
    {
        final String listing = """
            table inet jet_linux_tc {
                set suspended6 {
                    type ipv6_addr
                    flags interval
                    elements = { fd77:1::/64 comment "jet-aa", 2001:db8::/64 comment "jet-bb",
                                 fd77:2::/64 comment "jet-aa" }
                }
            }
            """;
        assertEquals(List.of("fd77:1::/64", "fd77:2::/64"), NftSuspensions.elements(listing, "jet-aa"));
    }

    private static void assertError(final String start, final Map<String, Object> settings)
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> TcSettings.parse(settings));
        assertTrue(error.getMessage().startsWith(start), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }
}
