package org.jet.engine.quota;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

import org.jet.engine.config.QuotaConfig;

/**
 * Where quota periods start and end: daily, weekly or monthly, at a configured day and time of day in the
 * accounting time zone (so a monthly reset at midnight is midnight where the users are, summer time included).
 */
public final class QuotaPeriods
{
    private final QuotaConfig.Period period;
    private final int resetDay;
    private final LocalTime resetTime;
    private final ZoneId zone;

    public QuotaPeriods(final QuotaConfig config, final ZoneId zone)
    {
        this.period = config.period();
        this.resetDay = config.resetDay();
        this.resetTime = config.resetTimeOfDay();
        this.zone = zone;
    }

    /** @return the start (epoch ms) of the period holding {@code timeMs}. */
    public long startOf(final long timeMs)
    {
        final ZonedDateTime time = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(timeMs), zone);
        ZonedDateTime start = candidate(time.toLocalDate());
        while (start.isAfter(time))
        {
            start = candidate(step(start.toLocalDate(), -1));
        }
        return start.toInstant().toEpochMilli();
    }

    /** @return the end (epoch ms, exclusive) of the period starting at {@code startMs}. */
    public long endOf(final long startMs)
    {
        final LocalDate startDate = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(startMs), zone)
            .toLocalDate();
        return candidate(step(startDate, 1)).toInstant().toEpochMilli();
    }

    /** The period's reset on or before {@code date}'s own period boundary, by the kind of period. */
    private ZonedDateTime candidate(final LocalDate date)
    {
        final LocalDate day = switch (period)
        {
            case DAILY -> date;
            case WEEKLY -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(resetDay)));
            case MONTHLY -> date.getDayOfMonth() >= resetDay ? date.withDayOfMonth(resetDay) :
                date.minusMonths(1).withDayOfMonth(resetDay);
        };
        return day.atTime(resetTime).atZone(zone);
    }

    private LocalDate step(final LocalDate date, final int periods)
    {
        return switch (period)
        {
            case DAILY -> date.plusDays(periods);
            case WEEKLY -> date.plusWeeks(periods);
            case MONTHLY -> date.plusMonths(periods);
        };
    }
}
