package org.jet.engine.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jet.engine.config.HostPort;
import org.jet.engine.daemon.AdminToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP API: {@code /metrics} (Prometheus text format, open like every scrape target, bound to
 * loopback by default) and {@code /api/...} (bearer token), whose routes come from {@link ApiRoutes} modules.
 */
public final class HttpApi implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Request bodies are read into memory; this bounds them (a CSV of 100,000 users is about 6 MB). */
    private static final long MAX_REQUEST_BYTES = 32L << 20;

    private final Javalin app;

    private HttpApi(final Javalin app)
    {
        this.app = app;
    }

    /**
     * @param modules the API's routes; each module's routes under {@code /api/} are behind the admin token.
     */
    public static HttpApi start(
        final HostPort listen,
        final AdminToken token,
        final PrometheusRegistry registry,
        final List<ApiRoutes> modules)
    {
        final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        final Javalin app = Javalin.create(config ->
        {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.routes.get("/metrics", ctx -> metrics(ctx, writer, registry));
            config.routes.before("/api/*", ctx -> authorize(ctx, token));
            config.routes.exception(ApiException.class,
                (ex, ctx) -> ApiJson.error(ctx, ex.status(), ex.getMessage(), null));
            config.routes.exception(Exception.class, (ex, ctx) ->
            {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), ex);
                ApiJson.error(ctx, 500, "internal error: " + ex + " (see the daemon's log)", null);
            });
            for (final ApiRoutes module : modules)
            {
                module.addTo(config.routes);
            }
        });
        app.start(listen.host(), listen.port());
        return new HttpApi(app);
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
            ApiJson.error(ctx, HttpStatus.UNAUTHORIZED.getCode(),
                "missing or wrong admin token (Authorization: Bearer <DATA_DIR/admin.token>)", null);
            ctx.skipRemainingHandlers();
        }
    }

    @Override
    public void close()
    {
        app.stop();
    }
}
