package org.jet.plugin.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.QuotaAction;
import org.pf4j.Extension;

/**
 * Posts each event as JSON to a URL. The receiver checks {@code X-Jet-Signature: sha256=HEX}, the HMAC-SHA256 of
 * {@code TIMESTAMP.BODY} under the shared secret, with {@code TIMESTAMP} from {@code X-Jet-Timestamp} (refuse old
 * ones to stop replays); {@code X-Jet-Event-Id} repeats when Jet retries, so the receiver acts once per id.
 *
 * <p>Settings: {@code url} (http or https), {@code secret} or {@code secret_file}, {@code timeout_ms} (default
 * 5000). A 2xx answer is success; 5xx, 429, a timeout or no connection are retried; any other answer is a refusal.
 */
@Extension
public final class Webhook implements QuotaAction
{
    private HttpClient client;
    private URI url;
    private byte[] secret;
    private Duration timeout;

    @Override
    public String name()
    {
        return "webhook";
    }

    @Override
    public void configure(final Map<String, Object> settings)
    {
        final Object urlSetting = settings.get("url");
        if (!(urlSetting instanceof String text) || !(text.startsWith("http://") || text.startsWith("https://")))
        {
            throw new IllegalArgumentException("plugins.settings.webhook.url: an http:// or https:// URL is needed");
        }
        url = URI.create(text);
        final Object inline = settings.get("secret");
        final Object file = settings.get("secret_file");
        if ((inline == null) == (file == null))
        {
            throw new IllegalArgumentException("plugins.settings.webhook: give exactly one of secret and secret_file");
        }
        try
        {
            final String value = inline != null ? inline.toString() : Files.readString(Path.of(file.toString())).strip();
            if (value.isEmpty())
            {
                throw new IllegalArgumentException("plugins.settings.webhook: the secret is empty");
            }
            secret = value.getBytes(StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("plugins.settings.webhook.secret_file: cannot read " + file + ": " +
                ex.getMessage());
        }
        final Object timeoutSetting = settings.getOrDefault("timeout_ms", 5000);
        if (!(timeoutSetting instanceof Number number) || number.longValue() < 1)
        {
            throw new IllegalArgumentException("plugins.settings.webhook.timeout_ms: a positive number is needed");
        }
        timeout = Duration.ofMillis(number.longValue());
        client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void onEvent(final JetEvent event) throws ActionException
    {
        if (client == null)
        {
            throw new ActionException("webhook is not configured (plugins.settings.webhook)", false);
        }
        final String body = EventJson.of(event);
        final String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        final HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
            .header("Content-Type", "application/json")
            .header("X-Jet-Event-Id", event.id())
            .header("X-Jet-Timestamp", timestamp)
            .header("X-Jet-Signature", "sha256=" + sign(timestamp + "." + body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        final HttpResponse<Void> response;
        try
        {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        catch (final IOException ex)
        {
            throw new ActionException("POST " + url + ": " + ex.getMessage(), true, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ActionException("POST " + url + ": interrupted", true, ex);
        }
        final int status = response.statusCode();
        if (status / 100 != 2)
        {
            throw new ActionException("POST " + url + ": HTTP " + status, status >= 500 || status == 429);
        }
    }

    String sign(final String payload)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }
}
