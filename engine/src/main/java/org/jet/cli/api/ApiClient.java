package org.jet.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.cli.ExitCode;
import org.jet.cli.UserException;
import org.jet.engine.config.HostPort;
import org.jet.engine.config.JetConfig;
import org.jet.engine.daemon.AdminToken;
import org.jet.engine.directory.DirectoryApi;
import org.jet.engine.http.ApiJson;

/**
 * How a command talks to the running daemon: its address ({@code http.listen}) and admin token (in
 * {@code data_dir}) come from the same config as the daemon's. Every failure becomes a {@link UserException} with
 * one line to show: no token (exit 2), no daemon answering (exit 3), the daemon refusing the request (exit 1, its
 * {@code error} message, then its {@code problems} one per line).
 */
public final class ApiClient
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Generous: an import of many users is one request. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String where;
    private final String token;
    private final Path tokenFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private ApiClient(final HostPort address, final String token, final Path tokenFile)
    {
        this.base = "http://" + address;
        this.where = address.toString();
        this.token = token;
        this.tokenFile = tokenFile;
    }

    /**
     * @throws UserException when the data directory holds no admin token (the daemon never ran with it).
     */
    public static ApiClient connect(final JetConfig config)
    {
        final Path tokenFile = config.dataDir().resolve(AdminToken.FILE_NAME).toAbsolutePath();
        final String token;
        try
        {
            token = AdminToken.read(config.dataDir());
        }
        catch (final NoSuchFileException ex)
        {
            throw new UserException("no admin token in " + config.dataDir().toAbsolutePath() +
                " (has the daemon ever run with this config's data_dir?)");
        }
        catch (final IOException ex)
        {
            throw new UserException("cannot read the admin token " + tokenFile + ": " + ex.getMessage());
        }
        final HostPort listen = config.http().listen();
        // A daemon listening on every address is reached on loopback.
        final String host = "0.0.0.0".equals(listen.host()) ? "127.0.0.1" : "::".equals(listen.host()) ? "::1" :
            listen.host();
        return new ApiClient(new HostPort(host, listen.port() != 0 ? listen.port() : chosenPort(config)), token,
            tokenFile);
    }

    /** The port a daemon configured with {@code http.listen} port 0 was given, as it noted in its data directory. */
    private static int chosenPort(final JetConfig config)
    {
        final Path file = config.dataDir().resolve(org.jet.engine.daemon.Daemon.HTTP_PORT_FILE).toAbsolutePath();
        try
        {
            return Integer.parseInt(Files.readString(file).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new UserException("http.listen has port 0 (chosen at start) and " + file + " does not say which " +
                "(is 'jet daemon' running with this config?)");
        }
    }

    /** @return the body of a successful GET of {@code path} (for example {@code /api/v1/status}). */
    public String get(final String path)
    {
        return send("GET", path, null, null);
    }

    public JsonNode getJson(final String path)
    {
        return parse(get(path));
    }

    /**
     * Sends {@code body} as JSON.
     *
     * @return the answer's JSON document.
     */
    public JsonNode sendJson(final String method, final String path, final Object body)
    {
        try
        {
            return parse(send(method, path, "application/json", JSON.writeValueAsBytes(body)));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write the request as JSON", ex);
        }
    }

    /**
     * @param contentType the body's type, or null with no body.
     * @return the body of the answer, when its status is 2xx.
     */
    public String send(final String method, final String path, final String contentType, final byte[] body)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header(ApiJson.ACTOR_HEADER, actor())
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null)
        {
            request.header("Content-Type", contentType);
        }
        final HttpResponse<String> response;
        try
        {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final ConnectException | HttpConnectTimeoutException ex)
        {
            throw new UserException(ExitCode.UNREACHABLE, "no daemon answers on " + where +
                " (is 'jet daemon' running with this config?)");
        }
        catch (final IOException ex)
        {
            throw new UserException(ExitCode.UNREACHABLE, "lost the connection to the daemon on " + where + ": " +
                ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new UserException(ExitCode.UNREACHABLE, "interrupted while waiting for the daemon");
        }
        final int status = response.statusCode();
        if (status / 100 != 2)
        {
            throw new UserException(ExitCode.REJECTED, refusal(status, response.body()));
        }
        return response.body();
    }

    private String refusal(final int status, final String body)
    {
        if (status == 401)
        {
            return "the daemon on " + where + " refused the admin token in " + tokenFile +
                " (is it running with this config's data_dir?)";
        }
        final JsonNode error;
        try
        {
            error = JSON.readTree(body);
        }
        catch (final JsonProcessingException ex)
        {
            return "the daemon answered " + status + ": " + body.strip();
        }
        if (error == null || !error.hasNonNull("error"))
        {
            return "the daemon answered " + status + ": " + body.strip();
        }
        final StringBuilder message = new StringBuilder(error.get("error").asText());
        for (final JsonNode problem : error.path("problems"))
        {
            message.append(System.lineSeparator()).append(problem.asText());
        }
        return message.toString();
    }

    /** @return the daemon's answer as JSON. */
    public static JsonNode parse(final String body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("the daemon's answer is not JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /** @return the audit log's actor for changes made with this command: {@code cli:} and the OS user. */
    private static String actor()
    {
        final String user = String.valueOf(System.getProperty("user.name")).replaceAll("[^A-Za-z0-9._@-]", "_");
        return "cli:" + (user.length() > 40 ? user.substring(0, 40) : user);
    }

    /** @return {@code text} percent-encoded as one path segment (a login with {@code @}, spaces...). */
    public static String segment(final String text)
    {
        final StringBuilder out = new StringBuilder();
        for (final byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            final int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~')
            {
                out.append((char)c);
            }
            else
            {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
