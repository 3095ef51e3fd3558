package org.jet.engine.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code quota:} section: how long a period is and when it resets, what each user is allowed, the order in
 * which buckets pay for usage, and the thresholds that warn, shape and suspend.
 *
 * @param period          daily, weekly or monthly.
 * @param resetDay        monthly: day of the month (1-28); weekly: day of the week (1 = Monday); daily: unused.
 * @param resetTime       time of day the period starts, HH:MM, in {@code accounting.time_zone}.
 * @param defaultPlan     allowance per period of a user without a plan of their own; 0 means such users have no
 *                        quota of their own (only pools, if the order has any).
 * @param rolloverPeriods a plan's unused balance carries into the next period for this many periods; 0 = none.
 * @param order           buckets in the order they pay for usage.
 * @param thresholds      what happens as the user's own allowance is used up, ascending.
 */
public record QuotaConfig(Period period, Integer resetDay, String resetTime, String defaultPlan,
    Integer rolloverPeriods, List<Step> order, List<Threshold> thresholds)
{
    public QuotaConfig
    {
        period = period != null ? period : Period.MONTHLY;
        resetDay = resetDay != null ? resetDay : 1;
        resetTime = resetTime != null ? resetTime : "00:00";
        defaultPlan = defaultPlan != null ? defaultPlan : "0";
        rolloverPeriods = rolloverPeriods != null ? rolloverPeriods : 0;
        order = order != null ? List.copyOf(order) : List.of(new Step(BucketKind.USER_PLAN, null, null),
            new Step(BucketKind.USER_TOPUPS, null, null));
        thresholds = thresholds != null ? List.copyOf(thresholds) : List.of(
            new Threshold(80, null, UserState.WARNED, null), new Threshold(null, true, UserState.SHAPED, null));
        Checks.range("quota.reset_day", resetDay, 1, period == Period.WEEKLY ? 7 : 28);
        Checks.range("quota.rollover_periods", rolloverPeriods, 0, 120);
        try
        {
            LocalTime.parse(resetTime);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("quota.reset_time: '" + resetTime + "' is not a time of day HH:MM");
        }
        try
        {
            Amounts.bytes(defaultPlan);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("quota.default_plan: " + ex.getMessage());
        }
        if (order.isEmpty())
        {
            throw new IllegalArgumentException("quota.order: at least one bucket");
        }
        if (order.stream().map(Step::bucket).distinct().count() != order.size())
        {
            throw new IllegalArgumentException("quota.order: a bucket is listed twice");
        }
        int previous = -1;
        for (final Threshold threshold : thresholds)
        {
            final int at = threshold.exhausted() ? Integer.MAX_VALUE : threshold.percent();
            if (at <= previous)
            {
                throw new IllegalArgumentException("quota.thresholds: list them ascending, 'exhausted' last");
            }
            previous = at;
        }
    }

    /** @return the default plan's allowance in bytes. */
    public long defaultPlanBytes()
    {
        return Amounts.bytes(defaultPlan);
    }

    /** @return the reset time of day. */
    public LocalTime resetTimeOfDay()
    {
        return LocalTime.parse(resetTime);
    }

    public enum Period
    {
        DAILY, WEEKLY, MONTHLY
    }

    /** Who owns a bucket, and so where it sits in the order. */
    public enum BucketKind
    {
        /** The user's plan allowance for the period (and what rolled over from earlier periods). */
        USER_PLAN,
        /** Quota the user bought or redeemed, oldest first. */
        USER_TOPUPS,
        /** The pool of the user's cost centre, then its parent's, up to the faculty. */
        COST_CENTRE_POOL,
        /** One pool shared by everybody. */
        GLOBAL_POOL;

        public String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Quota states, from free to cut off. */
    public enum UserState
    {
        NORMAL, WARNED, SHAPED, SUSPENDED
    }

    /**
     * One place in the decrement order.
     *
     * @param bucket     which buckets.
     * @param directions in, out or both (default): which directions of traffic these buckets pay for.
     * @param classes    traffic classes these buckets pay for; default all. Rated bytes are debited (a class
     *                   rated 0 is free).
     */
    public record Step(BucketKind bucket, List<Direction> directions, List<String> classes)
    {
        public Step
        {
            if (bucket == null)
            {
                throw new IllegalArgumentException("quota.order: each step needs a bucket (user_plan, user_topups, " +
                    "cost_centre_pool, global_pool)");
            }
            directions = directions != null && !directions.isEmpty() ? List.copyOf(directions) :
                List.of(Direction.IN, Direction.OUT);
            classes = classes != null ? List.copyOf(classes) : List.of();
        }
    }

    public enum Direction
    {
        IN, OUT
    }

    /**
     * A point on the way to running out.
     *
     * @param percent    percent of the user's own allowance (plan, rollover, top-ups) used; or
     * @param exhausted  true: usage found every bucket of the order empty.
     * @param state      the state the user is in past this point.
     * @param shapeRate  for SHAPED: the rate edge devices hold the user to, e.g. {@code 1Mbit} (default 1Mbit).
     */
    public record Threshold(Integer percent, Boolean exhausted, UserState state, String shapeRate)
    {
        public Threshold
        {
            exhausted = exhausted != null && exhausted;
            if ((percent == null) == !exhausted)
            {
                throw new IllegalArgumentException("quota.thresholds: each needs either percent or exhausted: true");
            }
            if (percent != null)
            {
                Checks.range("quota.thresholds.percent", percent, 1, 10_000);
            }
            if (state == null || state == UserState.NORMAL)
            {
                throw new IllegalArgumentException("quota.thresholds: state must be warned, shaped or suspended");
            }
            shapeRate = shapeRate != null ? shapeRate : "1Mbit";
            try
            {
                Amounts.bitsPerSecond(shapeRate);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("quota.thresholds.shape_rate: " + ex.getMessage());
            }
        }

        public long shapeBitsPerSecond()
        {
            return Amounts.bitsPerSecond(shapeRate);
        }

        /** @return how operators and events name it: {@code 80%} or {@code exhausted}. */
        public String label()
        {
            return exhausted ? "exhausted" : percent + "%";
        }
    }
}
