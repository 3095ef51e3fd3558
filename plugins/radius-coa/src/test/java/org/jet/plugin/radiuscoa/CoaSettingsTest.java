package org.jet.plugin.radiuscoa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CoaSettingsTest
{
    @Test
    void shouldTakeDefaults()
    {
        final CoaSettings settings = CoaSettings.parse(Map.of("nas", "nas.example.org", "secret", "x",
            "vendor", "mikrotik"));

        assertEquals("nas.example.org", settings.nasHost());
        assertEquals(3799, settings.nasPort());
        assertEquals(3000, settings.timeoutMs());
        assertEquals(3, settings.attempts());
        assertEquals(true, settings.byUserName());
        assertEquals(false, settings.byFramedIp());
        assertEquals("0/0", settings.unshaped());
    }

    @Test
    void shouldReadHostAndPortForms()
    {
        assertEquals(1700, CoaSettings.parse(valid(Map.of("nas", "10.1.1.1:1700"))).nasPort());
        final CoaSettings bracketed = CoaSettings.parse(valid(Map.of("nas", "[2001:db8::1]:1700")));
        assertEquals("2001:db8::1", bracketed.nasHost());
        assertEquals(1700, bracketed.nasPort());
        assertEquals(3799, CoaSettings.parse(valid(Map.of("nas", "2001:db8::1"))).nasPort());
    }

    @Test
    void shouldNameTheBadKeyInOneLine()
    {
        assertEquals("plugins.settings.radius-coa.timeout: unknown key (known: attempts, cisco_avpair, " +
            "event_timestamp, identify_by, nas, nas_ip_address, secret, secret_file, timeout_ms, unshaped, " +
            "unshaped_rate_bps, vendor)", refusal(Map.of("timeout", 5)));
        assertEquals("plugins.settings.radius-coa.vendor: one of mikrotik, cisco, wispr is needed",
            refusal(Map.of("vendor", "juniper")));
        assertEquals("plugins.settings.radius-coa.nas: the port after ':' must be 1-65535",
            refusal(Map.of("nas", "10.1.1.1:99999")));
        assertEquals("plugins.settings.radius-coa.attempts: a whole number from 1 to 10 is needed",
            refusal(Map.of("attempts", 0)));
        assertEquals("plugins.settings.radius-coa.identify_by: Calling-Station-Id is neither User-Name nor " +
            "Framed-IP-Address", refusal(Map.of("identify_by", List.of("Calling-Station-Id"))));
        assertEquals("plugins.settings.radius-coa.unshaped_rate_bps: restore needs the normal rate (or nothing " +
            "else for wispr)", refusal(Map.of("vendor", "wispr")));
        assertEquals("plugins.settings.radius-coa.nas_ip_address: an IPv4 address is needed, not nas1",
            refusal(Map.of("nas_ip_address", "nas1")));
        final Map<String, Object> noSecret = valid(Map.of());
        noSecret.remove("secret");
        assertEquals("plugins.settings.radius-coa: give exactly one of secret and secret_file",
            assertThrows(IllegalArgumentException.class, () -> CoaSettings.parse(noSecret)).getMessage());
    }

    private static String refusal(final Map<String, Object> overrides)
    {
        return assertThrows(IllegalArgumentException.class, () -> CoaSettings.parse(valid(overrides))).getMessage();
    }

    private static Map<String, Object> valid(final Map<String, Object> overrides)
    {
        final Map<String, Object> settings = new HashMap<>(Map.of("nas", "127.0.0.1", "secret", "x",
            "vendor", "mikrotik"));
        settings.putAll(overrides);
        return settings;
    }
}
