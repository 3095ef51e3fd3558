package org.jet.engine.session;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.jet.engine.config.Cidr;
import org.jet.engine.http.ApiException;
import org.jet.engine.http.ApiJson;
import org.jet.engine.http.ApiRoutes;

/**
 * Sessions over the admin API, for a captive portal that reports logins and logouts, and for operators:
 * <pre>
 * POST /api/v1/sessions  {"action": "login"|"logout", "user", "address", "session_id"?, "time"?}  → 202
 *                        address: an IPv4 or IPv6 address, or an IPv6 /64 ("2001:db8:1:2::/64");
 *                        time: an instant (default now). 503 while the engine cannot take it (retry).
 * GET  /api/v1/sessions  {"sessions": [open session...]}
 * </pre>
 * A login of an address held by someone else ends that session: the portal is the authority on who is behind it.
 */
public final class SessionsApi implements ApiRoutes
{
    public static final String SOURCE = "api";
    private static final List<String> FIELDS = List.of("action", "user", "address", "session_id", "time");

    private final SessionSink sink;
    private final SessionStore store;

    public SessionsApi(final SessionSink sink, final SessionStore store)
    {
        this.sink = sink;
        this.store = store;
    }

    @Override
    public void addTo(final RoutesConfig routes)
    {
        routes.post("/api/v1/sessions", this::change);
        routes.get("/api/v1/sessions", this::list);
    }

    private void change(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, FIELDS);
        final String action = text(body, "action", true);
        final SessionChange.Kind kind = switch (action)
        {
            case "login" -> SessionChange.Kind.START;
            case "logout" -> SessionChange.Kind.STOP;
            default -> throw new ApiException(400, "action must be login or logout, got '" + action + "'");
        };
        final String user = text(body, "user", true);
        final String address = text(body, "address", true);
        final Cidr cidr;
        try
        {
            cidr = Cidr.parse(address);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, "address: " + ex.getMessage());
        }
        if (cidr.length() != 128 && cidr.length() != 64)
        {
            throw new ApiException(400, "address must be one address or an IPv6 /64, got '" + address + "'");
        }
        final String time = text(body, "time", false);
        long timeMs = System.currentTimeMillis();
        if (time != null)
        {
            try
            {
                timeMs = Instant.parse(time).toEpochMilli();
            }
            catch (final DateTimeException ex)
            {
                throw new ApiException(400, "time must be an instant like 2026-11-26T08:00:00Z, got '" + time + "'");
            }
        }
        final SessionChange change = new SessionChange(kind, user, cidr.hi(), cidr.lo(), cidr.length(), timeMs,
            text(body, "session_id", false), SOURCE);
        if (!sink.accept(change))
        {
            throw new ApiException(503, "the engine cannot take the change now; retry");
        }
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", true);
        answer.put("action", action);
        answer.put("user", user);
        answer.put("address", address);
        ApiJson.send(ctx, 202, answer);
    }

    private void list(final Context ctx) throws IOException
    {
        final List<Map<String, Object>> sessions = new ArrayList<>();
        for (final Session.Snapshot session : store.openSessions())
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("user", session.userName());
            row.put("address", session.address());
            row.put("since", Instant.ofEpochMilli(session.startMs()).toString());
            row.put("last_news", Instant.ofEpochMilli(session.lastNewsMs()).toString());
            row.put("session_id", session.sessionId());
            row.put("source", session.source());
            sessions.add(row);
        }
        ApiJson.send(ctx, Map.of("sessions", sessions));
    }

    private static String text(final JsonNode body, final String field, final boolean required)
    {
        final JsonNode node = body.get(field);
        if (node == null || node.isNull())
        {
            if (required)
            {
                throw new ApiException(400, field + " is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank())
        {
            throw new ApiException(400, field + " must be a non-empty string");
        }
        return node.asText();
    }
}
