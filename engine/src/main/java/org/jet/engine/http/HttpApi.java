package org.jet.engine.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.config.HostPort;
import org.jet.engine.daemon.AdminToken;

/**
 * The daemon's HTTP API: {@code /metrics} (Prometheus text format, open like every scrape target, bound to
 * loopback by default) and {@code /api/v1/...} (bearer token).
 */
public final class HttpApi implements AutoCloseable
{
    /** API documents use snake_case keys, like the config file and the CLI's JSON output. */
    private static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Javalin app;

    private HttpApi(final Javalin app)
    {
        this.app = app;
    }

    public static HttpApi start(
        final HostPort listen,
        final AdminToken token,
        final PrometheusRegistry registry,
        final Supplier<Object> status)
    {
        final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        final Javalin app = Javalin.create(config ->
        {
            config.startup.showJavalinBanner = false;
            config.routes.get("/metrics", ctx -> metrics(ctx, writer, registry));
            config.routes.before("/api/*", ctx -> authorize(ctx, token));
            config.routes.get("/api/v1/status", ctx -> json(ctx, status.get()));
        });
        app.start(listen.host(), listen.port());
        return new HttpApi(app);
    }

    private static void json(final Context ctx, final Object body) throws IOException
    {
        ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    public int port()
    {
        return app.port();
    }

    private static void metrics(final Context ctx, final PrometheusTextFormatWriter writer,
        final PrometheusRegistry registry)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try
        {
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        ctx.contentType(writer.getContentType()).result(out.toByteArray());
    }

    private static void authorize(final Context ctx, final AdminToken token)
    {
        if (!token.accepts(ctx.header("Authorization")))
        {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(HttpStatus.UNAUTHORIZED).contentType("application/json").result(
                "{\"error\":\"missing or wrong admin token (Authorization: Bearer <DATA_DIR/admin.token>)\"}");
            ctx.skipRemainingHandlers();
        }
    }

    @Override
    public void close()
    {
        app.stop();
    }
}
