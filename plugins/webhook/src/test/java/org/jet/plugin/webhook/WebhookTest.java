package org.jet.plugin.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook against a real HTTP server (the JDK's): the body, the signature checked the way a receiver checks it,
 * and which answers are retried.
 */
class WebhookTest
{
    private static final JetEvent EVENT = new JetEvent("e-7", JetEvent.Type.SHAPED,
        Instant.parse("2026-11-26T08:00:00Z"), new Subject("alice", "Alice \"A\"", null, "cs", List.of("10.0.0.1")),
        new JetEvent.QuotaState("SHAPED", 1_000, 1_200, 0, 120.0, null), Map.of("threshold", "100"));

    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange ->
        {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[]{body, exchange.getRequestHeaders().getFirst("X-Jet-Signature"),
                exchange.getRequestHeaders().getFirst("X-Jet-Timestamp"),
                exchange.getRequestHeaders().getFirst("X-Jet-Event-Id")});
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer()
    {
        server.stop(0);
    }

    @Test
    void shouldPostTheEventSignedWithTheSharedSecret() throws Exception
    {
        final Webhook webhook = configured();
        webhook.onEvent(EVENT);

        assertEquals(1, received.size());
        final String[] request = received.get(0);
        assertEquals("{\"id\":\"e-7\",\"type\":\"SHAPED\",\"time\":\"2026-11-26T08:00:00Z\",\"subject\":{" +
            "\"login\":\"alice\",\"name\":\"Alice \\\"A\\\"\",\"email\":null,\"cost_centre\":\"cs\",\"addresses\":" +
            "[\"10.0.0.1\"]},\"quota\":{\"state\":\"SHAPED\",\"allowance_bytes\":1000,\"used_bytes\":1200," +
            "\"remaining_bytes\":0,\"percent_used\":120.0,\"period_end\":null},\"details\":{\"threshold\":\"100\"}}",
            request[0]);
        assertEquals("e-7", request[3]);
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String expected = "sha256=" + HexFormat.of().formatHex(
            mac.doFinal((request[2] + "." + request[0]).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request[1], "a receiver holding the secret verifies it");
    }

    @Test
    void shouldRetryServerErrorsButNotRefusals() throws Exception
    {
        final Webhook webhook = configured();
        status.set(503);
        assertTrue(assertThrows(ActionException.class, () -> webhook.onEvent(EVENT)).retryable());
        status.set(400);
        final ActionException refused = assertThrows(ActionException.class, () -> webhook.onEvent(EVENT));
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().endsWith("HTTP 400"), refused.getMessage());
        server.stop(0);
        assertTrue(assertThrows(ActionException.class, () -> webhook.onEvent(EVENT)).retryable(),
            "no server: try again later");
    }

    @Test
    void shouldRefuseBadSettingsWithOneLine()
    {
        final Webhook webhook = new Webhook();
        assertEquals("plugins.settings.webhook.url: an http:// or https:// URL is needed",
            assertThrows(IllegalArgumentException.class, () -> webhook.configure(Map.of("url", "ftp://x"))).getMessage());
        assertEquals("plugins.settings.webhook: give exactly one of secret and secret_file",
            assertThrows(IllegalArgumentException.class,
                () -> webhook.configure(Map.of("url", "http://127.0.0.1/"))).getMessage());
    }

    private Webhook configured()
    {
        final Webhook webhook = new Webhook();
        webhook.configure(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
            "secret", "s3cret", "timeout_ms", 2000));
        return webhook;
    }
}
