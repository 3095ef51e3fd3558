package org.jet.plugin.radiuscoa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin against a real FreeRADIUS answering CoA and Disconnect requests ({@link FreeRadius} has its policy):
 * what FreeRADIUS accepted as authentic and wrote down is what each call must send.
 */
class RadiusCoaTest
{
    @TempDir
    static Path dir;
    private static FreeRadius radius;

    @BeforeAll
    static void startFreeRadius() throws Exception
    {
        radius = FreeRadius.start(dir);
    }

    @AfterAll
    static void stopFreeRadius() throws Exception
    {
        if (radius != null)
        {
            radius.close();
        }
    }

    @Test
    void shouldShapeWithAMikrotikRateLimitTheNasAcks() throws Exception
    {
        device(Map.of()).shape(subject("alice"), 20_000_000);

        final List<String> request = lastReceived();
        assertTrue(request.contains("Packet-Type = CoA-Request"), request::toString);
        assertTrue(request.contains("User-Name = \"alice\""), request::toString);
        assertTrue(request.contains("Mikrotik-Rate-Limit = \"20M/20M\""), request::toString);
        assertTrue(request.stream().anyMatch(line -> line.startsWith("Message-Authenticator = 0x")), request::toString);
        assertTrue(request.stream().anyMatch(line -> line.startsWith("Event-Timestamp = ")), request::toString);
        assertTrue(radius.log().contains("Sent CoA-ACK"));
    }

    @Test
    void shouldSuspendWithADisconnectRequestTheNasAcks() throws Exception
    {
        device(Map.of()).suspend(subject("alice-suspended"));

        final List<String> request = lastReceived();
        assertTrue(request.contains("Packet-Type = Disconnect-Request"), request::toString);
        assertTrue(request.contains("User-Name = \"alice-suspended\""), request::toString);
        assertFalse(request.stream().anyMatch(line -> line.startsWith("Mikrotik")), request::toString);
        assertTrue(radius.log().contains("Sent Disconnect-ACK"));
    }

    @Test
    void shouldRestoreMikrotikToNoLimitByDefault() throws Exception
    {
        device(Map.of()).restore(subject("alice-restored"));

        final List<String> request = lastReceived();
        assertTrue(request.contains("Packet-Type = CoA-Request"), request::toString);
        assertTrue(request.contains("Mikrotik-Rate-Limit = \"0/0\""), request::toString);
    }

    @Test
    void shouldSendWisprBandwidthInBitsPerSecondAndRestoreTheNormalRate() throws Exception
    {
        final RadiusCoa device = device(Map.of("vendor", "wispr", "unshaped_rate_bps", 100_000_000));
        device.shape(subject("alice-wispr"), 2_500_000);
        List<String> request = lastReceived();
        assertTrue(request.contains("WISPr-Bandwidth-Max-Down = 2500000"), request::toString);
        assertTrue(request.contains("WISPr-Bandwidth-Max-Up = 2500000"), request::toString);

        device.restore(subject("alice-wispr"));
        request = lastReceived();
        assertTrue(request.contains("WISPr-Bandwidth-Max-Down = 100000000"), request::toString);
    }

    @Test
    void shouldFillTheCiscoAvpairTemplates() throws Exception
    {
        device(Map.of("vendor", "cisco", "unshaped", "subscriber:sub-qos-policy-out=unlimited"))
            .shape(subject("alice-cisco"), 512_000);

        final List<String> request = lastReceived();
        assertTrue(request.contains("Cisco-AVPair = \"subscriber:sub-qos-policy-in=jet-512k\""), request::toString);
        assertTrue(request.contains("Cisco-AVPair = \"subscriber:sub-qos-policy-out=jet-512k\""), request::toString);
    }

    @Test
    void shouldNameEachAddressInARequestOfItsOwn() throws Exception
    {
        final int before = radius.received().size();
        device(Map.of("identify_by", List.of("User-Name", "Framed-IP-Address"), "nas_ip_address", "192.0.2.1"))
            .suspend(new Subject("alice-two", null, null, "cs", List.of("10.0.0.5", "2001:db8:1:2::/64")));

        final List<List<String>> received = radius.received();
        assertEquals(before + 2, received.size());
        assertTrue(received.get(before).contains("Framed-IP-Address = 10.0.0.5"), received::toString);
        assertTrue(received.get(before).contains("NAS-IP-Address = 192.0.2.1"), received::toString);
        assertTrue(received.get(before + 1).contains("Framed-IPv6-Prefix = 2001:db8:1:2::/64"), received::toString);
        assertTrue(received.get(before + 1).contains("User-Name = \"alice-two\""), received::toString);
    }

    @Test
    void shouldIdentifyByAddressAlone() throws Exception
    {
        device(Map.of("identify_by", "Framed-IP-Address")).shape(
            new Subject("not-named", null, null, "cs", List.of("10.0.0.5")), 1_000_000);

        final List<String> request = lastReceived();
        assertTrue(request.contains("Framed-IP-Address = 10.0.0.5"), request::toString);
        assertFalse(request.stream().anyMatch(line -> line.startsWith("User-Name")), request::toString);
    }

    @Test
    void shouldRefuseForGoodWhenTheNasDoesNotKnowTheUser() throws Exception
    {
        final ActionException ex = assertThrows(ActionException.class,
            () -> device(Map.of()).shape(subject("bob"), 1_000_000));

        assertFalse(ex.retryable());
        assertTrue(ex.getMessage().contains("CoA-NAK, Error-Cause 503 (Session Context Not Found)"), ex::getMessage);
        assertTrue(ex.getMessage().contains("bob"), ex::getMessage);
    }

    @Test
    void shouldRetryWhenTheNasIsShortOfResources() throws Exception
    {
        final ActionException ex = assertThrows(ActionException.class,
            () -> device(Map.of()).shape(subject("busy"), 1_000_000));

        assertTrue(ex.retryable());
        assertTrue(ex.getMessage().contains("Error-Cause 506 (Resources Unavailable)"), ex::getMessage);
    }

    @Test
    void shouldTakeTheDisconnectOfAGoneSessionAsDone() throws Exception
    {
        device(Map.of()).suspend(subject("carol"));

        final List<String> request = lastReceived();
        assertTrue(request.contains("User-Name = \"carol\""), request::toString);
        assertTrue(radius.log().contains("Sent Disconnect-NAK"));
    }

    @Test
    void shouldGiveUpRetryablyWhenTheSecretIsWrong() throws Exception
    {
        final int before = count(radius.log(), "Shared secret is incorrect");
        final RadiusCoa device = new RadiusCoa();
        device.configure(settings(Map.of("secret", "not-the-secret", "attempts", 2, "timeout_ms", 300)));

        final ActionException ex = assertThrows(ActionException.class,
            () -> device.shape(subject("alice"), 1_000_000));

        assertTrue(ex.retryable());
        assertTrue(ex.getMessage().contains("no answer from 127.0.0.1:" + radius.port() +
            " after 2 attempts of 300 ms"), ex::getMessage);
        // FreeRADIUS logs this error at most once a second, so the two attempts may show as one line
        assertTrue(count(radius.log(), "Shared secret is incorrect") > before, "FreeRADIUS refused the secret");
    }

    @Test
    void shouldGiveUpRetryablyWhenNothingListens() throws Exception
    {
        final RadiusCoa device = new RadiusCoa();
        device.configure(settings(Map.of("nas", "127.0.0.1:" + FreeRadius.freeUdpPort(), "timeout_ms", 200)));

        final ActionException ex = assertThrows(ActionException.class, () -> device.suspend(subject("alice")));

        assertTrue(ex.retryable());
        assertTrue(ex.getMessage().contains("after 3 attempts"), ex::getMessage);
    }

    private static RadiusCoa device(final Map<String, Object> overrides)
    {
        final RadiusCoa device = new RadiusCoa();
        device.configure(settings(overrides));
        return device;
    }

    private static Map<String, Object> settings(final Map<String, Object> overrides)
    {
        final Map<String, Object> settings = new HashMap<>(Map.of(
            "nas", "127.0.0.1:" + radius.port(), "secret", FreeRadius.SECRET, "vendor", "mikrotik"));
        settings.putAll(overrides);
        return settings;
    }

    private static Subject subject(final String login)
    {
        return new Subject(login, null, null, "cs", List.of("10.9.9.9"));
    }

    private static List<String> lastReceived() throws Exception
    {
        final List<List<String>> received = radius.received();
        assertFalse(received.isEmpty(), "FreeRADIUS received nothing");
        return received.get(received.size() - 1);
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}
