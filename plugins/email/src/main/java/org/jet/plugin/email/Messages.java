package org.jet.plugin.email;

import java.util.Locale;

import org.jet.plugin.api.JetEvent;

/**
 * What each event says to the user: a subject, a text body and the same as HTML. One place for the wording.
 */
final class Messages
{
    record Message(String subject, String text, String html)
    {
    }

    private Messages()
    {
    }

    static Message of(final JetEvent event, final String prefix)
    {
        final String who = event.subject().name() != null ? event.subject().name() : event.subject().login();
        final JetEvent.QuotaState quota = event.quota();
        final String subject;
        final String lead;
        switch (event.type())
        {
            case USER_CREATED ->
            {
                subject = "Welcome";
                lead = "Your account " + event.subject().login() + " is ready. Your network usage is counted from now on.";
            }
            case TOP_UP ->
            {
                subject = "Receipt for your top-up";
                lead = "Your top-up of " + event.details().getOrDefault("amount", "quota") + " is credited.";
            }
            case WARNED ->
            {
                subject = "You have used " + percent(quota) + " of your quota";
                lead = "You have used " + percent(quota) + " of your quota for this period.";
            }
            case SHAPED ->
            {
                subject = "Your quota is used up: your connection is slowed down";
                lead = "Your quota for this period is used up, so your connection is slowed down until you top up " +
                    "or the period ends.";
            }
            case SUSPENDED ->
            {
                subject = "Your network access is suspended";
                lead = "Your network access is suspended until you top up or the period ends.";
            }
            case RESTORED ->
            {
                subject = "Your connection is back to normal";
                lead = "Your connection is back to its normal speed.";
            }
            default -> throw new IllegalStateException(event.type().name());
        }
        final StringBuilder text = new StringBuilder();
        text.append("Hello ").append(who).append(",\n\n").append(lead).append('\n');
        final StringBuilder html = new StringBuilder();
        html.append("<p>Hello ").append(escape(who)).append(",</p>\n<p>").append(escape(lead)).append("</p>\n");
        if (quota != null)
        {
            final String used = bytes(quota.usedBytes());
            final String allowance = bytes(quota.allowanceBytes());
            final String remaining = bytes(quota.remainingBytes());
            text.append("\nUsed: ").append(used).append(" of ").append(allowance).append("\nRemaining: ")
                .append(remaining).append('\n');
            html.append("<table><tr><td>Used</td><td>").append(used).append(" of ").append(allowance)
                .append("</td></tr><tr><td>Remaining</td><td>").append(remaining).append("</td></tr>");
            if (quota.periodEnd() != null)
            {
                text.append("Period ends: ").append(quota.periodEnd()).append('\n');
                html.append("<tr><td>Period ends</td><td>").append(quota.periodEnd()).append("</td></tr>");
            }
            html.append("</table>\n");
        }
        return new Message(prefix + subject, text.toString(), "<html><body>\n" + html + "</body></html>\n");
    }

    private static String percent(final JetEvent.QuotaState quota)
    {
        return quota == null ? "much" : String.format(Locale.ROOT, "%.0f %%", quota.percentUsed());
    }

    /** @return bytes in binary units, one decimal: what people read on a bill. */
    static String bytes(final long bytes)
    {
        final String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes < 0 ? Math.pow(2, 64) + bytes : bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? (long)value + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
