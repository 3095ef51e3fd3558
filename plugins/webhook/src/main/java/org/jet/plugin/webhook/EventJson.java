package org.jet.plugin.webhook;

import java.util.List;
import java.util.Map;

import org.jet.plugin.api.JetEvent;

/**
 * An event as the webhook's JSON body. Written by hand: a plugin carries no JSON library of Jet's, and the shape is
 * small and fixed.
 */
final class EventJson
{
    private EventJson()
    {
    }

    static String of(final JetEvent event)
    {
        final StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "id", event.id()).append(',');
        field(out, "type", event.type().name()).append(',');
        field(out, "time", event.time().toString()).append(',');
        out.append("\"subject\":{");
        field(out, "login", event.subject().login()).append(',');
        field(out, "name", event.subject().name()).append(',');
        field(out, "email", event.subject().email()).append(',');
        field(out, "cost_centre", event.subject().costCentre()).append(',');
        out.append("\"addresses\":");
        strings(out, event.subject().addresses());
        out.append('}');
        final JetEvent.QuotaState quota = event.quota();
        if (quota != null)
        {
            out.append(",\"quota\":{");
            field(out, "state", quota.state()).append(',');
            out.append("\"allowance_bytes\":").append(Long.toUnsignedString(quota.allowanceBytes())).append(',');
            out.append("\"used_bytes\":").append(Long.toUnsignedString(quota.usedBytes())).append(',');
            out.append("\"remaining_bytes\":").append(Long.toUnsignedString(quota.remainingBytes())).append(',');
            out.append("\"percent_used\":").append(quota.percentUsed()).append(',');
            field(out, "period_end", quota.periodEnd() == null ? null : quota.periodEnd().toString());
            out.append('}');
        }
        out.append(",\"details\":{");
        boolean first = true;
        for (final Map.Entry<String, String> entry : event.details().entrySet())
        {
            if (!first)
            {
                out.append(',');
            }
            first = false;
            field(out, entry.getKey(), entry.getValue());
        }
        return out.append("}}").toString();
    }

    private static StringBuilder field(final StringBuilder out, final String name, final String value)
    {
        string(out, name).append(':');
        return value == null ? out.append("null") : string(out, value);
    }

    private static void strings(final StringBuilder out, final List<String> values)
    {
        out.append('[');
        for (int i = 0; i < values.size(); i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
    }

    private static StringBuilder string(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
