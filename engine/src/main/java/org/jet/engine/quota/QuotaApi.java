package org.jet.engine.quota;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.jet.engine.action.Outbox;
import org.jet.engine.config.Amounts;
import org.jet.engine.http.ApiException;
import org.jet.engine.http.ApiJson;
import org.jet.engine.http.ApiRoutes;
import org.jet.plugin.api.JetEvent;

/**
 * Quota over /api/v1: a user's quota, their plan, pools, top-ups, the events that followed, and a balance
 * recomputed from the usage ledger. Amounts are bytes, or text like {@code "5GiB"}.
 */
public final class QuotaApi implements ApiRoutes
{
    private static final List<String> PLAN_FIELDS = List.of("allowance");
    private static final List<String> TOPUP_FIELDS = List.of("user", "amount", "expires", "reference", "kind");
    private static final int MAX_EVENTS = 10_000;

    private final Quotas quotas;
    private final Outbox outbox;
    private final ZoneId zone;

    public QuotaApi(final Quotas quotas, final Outbox outbox, final ZoneId zone)
    {
        this.quotas = quotas;
        this.outbox = outbox;
        this.zone = zone;
    }

    @Override
    public void addTo(final RoutesConfig routes)
    {
        routes.get("/api/v1/quota/{login}", ctx -> ApiJson.send(ctx, quotas.show(ctx.pathParam("login"))));
        routes.put("/api/v1/quota/{login}/plan", this::plan);
        routes.get("/api/v1/quota/{login}/audit", ctx -> ApiJson.send(ctx, quotas.recompute(ctx.pathParam("login"))));
        routes.put("/api/v1/pools/{owner}", this::pool);
        routes.post("/api/v1/topups", this::topUp);
        routes.get("/api/v1/events", this::events);
        routes.exception(QuotaException.class, (ex, ctx) -> ApiJson.error(ctx,
            ex.reason() == QuotaException.Reason.NOT_FOUND ? 404 : 400, ex.getMessage(), null));
    }

    private void plan(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, PLAN_FIELDS);
        final JsonNode allowance = body.get("allowance");
        if (allowance == null)
        {
            throw new ApiException(400,
                "field 'allowance' is required (bytes, \"5GiB\", or null for the default plan)");
        }
        ApiJson.send(ctx, quotas.plan(ctx.pathParam("login"), allowance.isNull() ? null : bytes(allowance,
            "allowance"), ApiJson.actor(ctx)));
    }

    private void pool(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, PLAN_FIELDS);
        final JsonNode allowance = body.get("allowance");
        if (allowance == null || allowance.isNull())
        {
            throw new ApiException(400, "field 'allowance' is required (bytes or \"500GiB\"; 0 empties the pool)");
        }
        final String owner = ctx.pathParam("owner");
        ApiJson.send(ctx, quotas.pool("global".equals(owner) ? null : owner, bytes(allowance, "allowance"),
            ApiJson.actor(ctx)));
    }

    private void topUp(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, TOPUP_FIELDS);
        final String user = ApiJson.text(body, "user");
        if (user == null || user.isEmpty())
        {
            throw new ApiException(400, "field 'user' is required");
        }
        final JsonNode amount = body.get("amount");
        if (amount == null || amount.isNull())
        {
            throw new ApiException(400, "field 'amount' is required (bytes or \"1GiB\")");
        }
        final String kind = ApiJson.text(body, "kind");
        final Bucket.Kind bucketKind;
        try
        {
            bucketKind = kind == null || kind.isEmpty() ? Bucket.Kind.TOPUP :
                Bucket.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, "kind must be topup or card, got '" + kind + "'");
        }
        if (bucketKind != Bucket.Kind.TOPUP && bucketKind != Bucket.Kind.CARD)
        {
            throw new ApiException(400, "kind must be topup or card, got '" + kind + "'");
        }
        final String reference = ApiJson.text(body, "reference");
        ApiJson.send(ctx, 201, quotas.topUp(user, bytes(amount, "amount"), expires(ApiJson.text(body, "expires")),
            reference == null || reference.isEmpty() ? null : reference, bucketKind, ApiJson.actor(ctx)));
    }

    private void events(final Context ctx) throws IOException
    {
        final String type = ctx.queryParam("type");
        final JetEvent.Type eventType;
        try
        {
            eventType = type == null ? null : JetEvent.Type.valueOf(type.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, "type must be one of " + List.of(JetEvent.Type.values()) + ", got '" +
                type + "'");
        }
        final String limit = ctx.queryParam("limit");
        final int max;
        try
        {
            max = limit == null ? 100 : Integer.parseInt(limit);
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(400, "limit must be a number, got '" + limit + "'");
        }
        if (max < 1 || max > MAX_EVENTS)
        {
            throw new ApiException(400, "limit must be 1.." + MAX_EVENTS);
        }
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", outbox.history(max, ctx.queryParam("user"), eventType));
        ApiJson.send(ctx, answer);
    }

    private static long bytes(final JsonNode value, final String field)
    {
        if (value.isIntegralNumber())
        {
            return value.asLong();
        }
        if (!value.isTextual())
        {
            throw new ApiException(400, "field '" + field + "' must be bytes or text like \"5GiB\"");
        }
        try
        {
            return Amounts.bytes(value.asText());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, field + ": " + ex.getMessage());
        }
    }

    /** An instant, or a date meaning the end of that day in the accounting zone; null or empty: never. */
    private long expires(final String text)
    {
        if (text == null || text.isEmpty())
        {
            return 0;
        }
        try
        {
            return text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant()
                .toEpochMilli() : Instant.parse(text).toEpochMilli();
        }
        catch (final DateTimeException ex)
        {
            throw new ApiException(400, "expires must be a date (2026-12-31) or an instant " +
                "(2026-12-31T23:00:00Z), got '" + text + "'");
        }
    }
}
