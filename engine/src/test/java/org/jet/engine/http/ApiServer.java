package org.jet.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.config.HostPort;
import org.jet.engine.daemon.AdminToken;

/**
 * API routes on a real HTTP server (loopback, port 0) with a real admin token, and a client for tests to call them.
 */
public final class ApiServer implements AutoCloseable
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpApi api;
    private final String token;

    private ApiServer(final HttpApi api, final String token)
    {
        this.api = api;
        this.token = token;
    }

    /** Starts the routes, with the admin token of {@code dataDir} (made when missing). */
    public static ApiServer start(final Path dataDir, final ApiRoutes... routes) throws Exception
    {
        final HttpApi api = HttpApi.start(HostPort.parse("127.0.0.1:0"), AdminToken.loadOrCreate(dataDir),
            new PrometheusRegistry(), List.of(routes));
        return new ApiServer(api, AdminToken.read(dataDir));
    }

    /** @return the admin token. */
    public String token()
    {
        return token;
    }

    /**
     * @param bearer      the token to send, or null for none.
     * @param contentType or null.
     * @param body        or null for none.
     * @param actor       the {@link ApiJson#ACTOR_HEADER}, or null.
     */
    public HttpResponse<String> call(final String method, final String path, final String bearer,
        final String contentType, final String body, final String actor) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null)
        {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null)
        {
            request.header("Content-Type", contentType);
        }
        if (actor != null)
        {
            request.header(ApiJson.ACTOR_HEADER, actor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts an error answer: its status and its one-line message. */
    public static void assertError(final int status, final String message, final HttpResponse<String> response)
        throws Exception
    {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(message, JSON.readTree(response.body()).get("error").asText());
    }

    @Override
    public void close()
    {
        api.close();
    }
}
