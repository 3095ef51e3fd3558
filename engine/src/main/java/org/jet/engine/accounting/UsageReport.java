package org.jet.engine.accounting;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jet.collector.record.IpAddress;
import org.jet.engine.directory.CostCentre;
import org.jet.engine.directory.Directory;
import org.jet.engine.directory.User;

/**
 * Usage as people ask for it: by user, by IP address or by cost centre, between two times, with each row's
 * traffic classes. Reads the ledger (so it is at most {@code ledger_every_ticks} behind) and names the subjects
 * from the directory. Thread-safe: it only reads.
 */
public final class UsageReport
{
    /** What the rows are keyed by. */
    public enum By
    {
        USER(UsageRows.USER), IP(UsageRows.IP), COSTCENTRE(UsageRows.COST_CENTRE);

        private final int kind;

        By(final int kind)
        {
            this.kind = kind;
        }

        /** @return the value named by {@code text}, with a one-line error listing the choices. */
        public static By parse(final String text)
        {
            try
            {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("by must be user, ip or costcentre, got '" + text + "'");
            }
        }
    }

    private final Ledger ledger;
    private final Directory directory;
    private final ZoneId zone;

    public UsageReport(final Ledger ledger, final Directory directory, final ZoneId zone)
    {
        this.ledger = ledger;
        this.directory = directory;
        this.zone = zone;
    }

    /**
     * @param fromMs start, inclusive; usage is kept by the hour, so the hour holding it counts whole.
     * @param toMs   end, exclusive; the hour holding it counts whole.
     */
    public Report report(final By by, final long fromMs, final long toMs)
    {
        final Map<Long, String> centreNames = new HashMap<>();
        if (by == By.COSTCENTRE)
        {
            for (final CostCentre centre : directory.costCentres())
            {
                centreNames.put(centre.numericId(), centre.id());
            }
        }
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (final Ledger.Row stored : ledger.read(by.kind, fromMs, toMs))
        {
            final String key = switch (by)
            {
                case IP -> IpAddress.toString(stored.hi(), stored.lo());
                case USER ->
                {
                    final User user = directory.user(stored.lo());
                    yield user != null ? user.login() : "#" + stored.lo();
                }
                case COSTCENTRE -> centreNames.getOrDefault(stored.lo(), "#" + stored.lo());
            };
            final Row row = rows.computeIfAbsent(key, k -> new Row(k, new Counts(), new LinkedHashMap<>()));
            final Counts counts = new Counts(stored.bytesIn(), stored.bytesOut(), stored.packetsIn(),
                stored.packetsOut());
            row.classes().merge(stored.trafficClass(), counts, Counts::plus);
            rows.put(key, new Row(key, row.total().plus(counts), row.classes()));
        }
        final List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort((a, b) -> Long.compareUnsigned(b.total().bytesIn() + b.total().bytesOut(),
            a.total().bytesIn() + a.total().bytesOut()));
        return new Report(by.name().toLowerCase(Locale.ROOT), Instant.ofEpochMilli(fromMs).toString(),
            Instant.ofEpochMilli(toMs).toString(), sorted);
    }

    /** @return the start of the current month in the accounting zone: the default start of a report. */
    public long startOfMonth(final long nowMs)
    {
        return Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone)
            .toInstant().toEpochMilli();
    }

    /**
     * Reads a time as people write it: {@code 2026-11-01} (a day, in the accounting zone),
     * {@code 2026-11-01T08:00} (a local time) or {@code 2026-11-01T08:00:00Z} (an instant).
     */
    public long parseTime(final String text, final String what)
    {
        final String trimmed = text.trim();
        try
        {
            if (trimmed.length() == 10)
            {
                return LocalDate.parse(trimmed).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            if (trimmed.endsWith("Z") || trimmed.matches(".*[+-]\\d\\d:\\d\\d$"))
            {
                return ZonedDateTime.parse(trimmed).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(trimmed).atZone(zone).toInstant().toEpochMilli();
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException(what + " must be a date (2026-11-01), a local time (2026-11-01T08:00) " +
                "or an instant (2026-11-01T08:00:00Z), got '" + text + "'");
        }
    }

    /**
     * @param by   user, ip or costcentre.
     * @param from start as an instant.
     * @param to   end as an instant.
     * @param rows biggest first.
     */
    public record Report(String by, String from, String to, List<Row> rows)
    {
    }

    /**
     * @param key     the login, the address or the cost centre id.
     * @param total   all classes together.
     * @param classes by traffic class.
     */
    public record Row(String key, Counts total, Map<String, Counts> classes)
    {
    }

    /** Unsigned 64-bit counters. */
    public record Counts(long bytesIn, long bytesOut, long packetsIn, long packetsOut)
    {
        public Counts()
        {
            this(0, 0, 0, 0);
        }

        public Counts plus(final Counts other)
        {
            return new Counts(bytesIn + other.bytesIn, bytesOut + other.bytesOut, packetsIn + other.packetsIn,
                packetsOut + other.packetsOut);
        }
    }
}
