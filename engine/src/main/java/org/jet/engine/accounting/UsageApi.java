package org.jet.engine.accounting;

import java.io.IOException;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
 * T is a date ({@code 2026-11-01}), a local time ({@code 2026-11-01T08:00}) or an instant; {@code from} defaults to
 * the start of the month, {@code to} to now. Rows are biggest first; a cost centre's row includes its departments'.
 */
public final class UsageApi implements ApiRoutes
{
    private final UsageReport report;

    public UsageApi(final UsageReport report)
    {
        this.report = report;
    }

    @Override
    public void addTo(final RoutesConfig routes)
    {
        routes.get("/api/v1/usage", this::usage);
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
