package org.jet.engine.accounting;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.jet.collector.record.IpAddress;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.User;
import org.jet.engine.http.ApiException;
import org.jet.engine.http.ApiJson;
import org.jet.engine.http.ApiRoutes;

/**
 * The usage part of the admin API:
 * <pre>
 * GET /api/v1/usage?by=user|ip|costcentre[&amp;from=T][&amp;to=T]
 *     → {"by", "from", "to", "rows": [{"key", "total": {bytes_in, bytes_out, packets_in, packets_out},
 *                                       "classes": {"internet": {...}, ...}}]}
 * </pre>
 * GET /api/v1/usage/current?by=user|ip[&amp;key=K]
 *     → {"by", "rows": [{"key", "bytes_in", "bytes_out", "packets_in", "packets_out", "rated_bytes", "last_seen"}]}
 *       this month so far, from the live counters (what quotas debit; rated_bytes is after the classes' ratings)
 * </pre>
 * <pre>
 * T is a date ({@code 2026-11-01}), a local time ({@code 2026-11-01T08:00}) or an instant; {@code from} defaults to
 * the start of the month, {@code to} to now. Rows are biggest first; a cost centre's row includes its departments'.
 */
public final class UsageApi implements ApiRoutes
{
    private final UsageReport report;
    private final LiveCounters live;
    private final Directory directory;

    public UsageApi(final UsageReport report, final LiveCounters live, final Directory directory)
    {
        this.report = report;
        this.live = live;
        this.directory = directory;
    }

    @Override
    public void addTo(final RoutesConfig routes)
    {
        routes.get("/api/v1/usage", this::usage);
        routes.get("/api/v1/usage/current", this::current);
    }

    private void current(final Context ctx) throws IOException
    {
        final String byParam = ctx.queryParam("by");
        final String by = byParam == null ? "user" : byParam.trim().toLowerCase(java.util.Locale.ROOT);
        final String key = ctx.queryParam("key");
        final List<Map<String, Object>> rows = new ArrayList<>();
        switch (by)
        {
            case "user" -> live.forEachUser((id, in, out, pin, pout, rated, seen) ->
            {
                final User user = directory.user(id);
                final String login = user != null ? user.login() : "#" + id;
                if (key == null || key.equals(login))
                {
                    rows.add(row(login, in, out, pin, pout, rated, seen));
                }
            });
            case "ip" -> live.forEachIp((hi, lo, in, out, pin, pout, rated, seen) ->
            {
                final String address = IpAddress.toString(hi, lo);
                if (key == null || key.equals(address))
                {
                    rows.add(row(address, in, out, pin, pout, rated, seen));
                }
            });
            default -> throw new ApiException(400, "by must be user or ip, got '" + byParam + "'");
        }
        rows.sort(Comparator.comparing(row -> (String)row.get("key")));
        ApiJson.send(ctx, Map.of("by", by, "rows", rows));
    }

    private static Map<String, Object> row(final String key, final long bytesIn, final long bytesOut,
        final long packetsIn, final long packetsOut, final long ratedBytes, final long lastSeenMs)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("bytes_in", bytesIn);
        row.put("bytes_out", bytesOut);
        row.put("packets_in", packetsIn);
        row.put("packets_out", packetsOut);
        row.put("rated_bytes", ratedBytes);
        row.put("last_seen", Instant.ofEpochMilli(lastSeenMs).toString());
        return row;
    }

    private void usage(final Context ctx) throws IOException
    {
        final long now = System.currentTimeMillis();
        try
        {
            final String byParam = ctx.queryParam("by");
            final UsageReport.By by = UsageReport.By.parse(byParam == null ? "user" : byParam);
            final String fromParam = ctx.queryParam("from");
            final String toParam = ctx.queryParam("to");
            final long from = fromParam == null ? report.startOfMonth(now) : report.parseTime(fromParam, "from");
            final long to = toParam == null ? now : report.parseTime(toParam, "to");
            if (to <= from)
            {
                throw new ApiException(400, "to must be after from");
            }
            ApiJson.send(ctx, report.report(by, from, to));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, ex.getMessage());
        }
    }
}
