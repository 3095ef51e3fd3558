package org.jet.engine.config;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * How flows become usage: which addresses are "ours", which traffic is rated how, which exporter interfaces count,
 * and how often the engine writes what it counted. The {@code accounting:} section of the config file.
 *
 * @param internalNetworks   the networks whose addresses belong to users: traffic to one is a download, from one
 *                           an upload. Default: the private and shared ranges (10/8, 172.16/12, 192.168/16,
 *                           100.64/10, fc00::/7).
 * @param billOnNet          count internal-to-internal traffic (class {@code on-net}) against quotas; it is always
 *                           recorded, rated 0 unless this is true.
 * @param timeZone           zone of the time-of-day windows of traffic classes, {@code system} for the machine's.
 * @param trafficClasses     rated classes, first match wins; what matches none is class {@code internet}, rated 1.
 * @param exporters          per exporter, which interfaces count (so traffic seen by two routers is billed once);
 *                           an exporter not listed counts on every interface.
 * @param tickMs             how often the engine folds what it counted into the live counters.
 * @param ledgerEveryTicks   every this many ticks the counted usage goes to the durable ledger in one batch: after
 *                           a crash at most this much usage is not in the ledger.
 * @param sessionIdleSeconds a session with no news (start, interim update) for this long is closed at its last news.
 * @param maxClockSkewSeconds a flow whose end time is more than this ahead of the collector's clock is counted at
 *                           the time it was received (and counted as skewed).
 * @param maxFlowAgeSeconds  a flow that ended longer ago than this is counted at the time it was received (and
 *                           counted as skewed); younger late flows are counted in their own hour, for the user who
 *                           held the address then. Closed sessions are remembered this long for them.
 * @param staticAssignments  networks charged to an account without any login (a lab subnet to its cost centre's
 *                           account); a session on one of their addresses takes precedence.
 * @param expectedAddresses  internal addresses a month is expected to see: sizes the live counters' file when it is
 *                           created (about 72 bytes each on disk); more fit, up to about twice, more slowly. Also
 *                           sizes the engine's two tables of a minute's usage per address (two rows per address:
 *                           about 2 x 230 to 450 bytes of heap per address), so they need not grow under load.
 * @param expectedUsers      users a month is expected to see, likewise.
 * @param addressLedgerEveryTicks usage per address (history, not billing) goes to the ledger and the live counters
 *                           every this many ticks. With many addresses most rows are addresses: a longer interval
 *                           writes fewer, larger batches (less work for the ledger's thread, a larger table for
 *                           the engine); an address's usage held in its session row moves to that table over
 *                           one such interval and the table is written over most of one, so after a crash at
 *                           most three times this much per-address usage is missing. Users' usage is not
 *                           affected. Default 600 (a minute): a million addresses, each a new row every second,
 *                           cost the ledger's thread more than a core.
 * @param ledgerNice         how much lower (Linux nice, added to Jet's own) the ledger's thread runs than the rest
 *                           of Jet: when the CPU is short the ledger waits, with seconds of slack, rather than the
 *                           readers, whose socket buffers overflow in milliseconds, or the engine, whose ring fills
 *                           in a fraction of a second. 0 leaves it alone. Default 5.
 */
public record AccountingConfig(
    List<Cidr> internalNetworks,
    Boolean billOnNet,
    String timeZone,
    List<TrafficClass> trafficClasses,
    List<ExporterRule> exporters,
    Integer tickMs,
    Integer ledgerEveryTicks,
    Long sessionIdleSeconds,
    Long maxClockSkewSeconds,
    Long maxFlowAgeSeconds,
    List<StaticAssignment> staticAssignments,
    Long expectedAddresses,
    Long expectedUsers,
    Integer addressLedgerEveryTicks,
    Integer ledgerNice)
{
    public static final List<Cidr> PRIVATE_NETWORKS = List.of(
        Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"),
        Cidr.parse("100.64.0.0/10"), Cidr.parse("fc00::/7"));

    /** The {@code time_zone} that means the machine's own zone. */
    public static final String SYSTEM_ZONE = "system";

    public AccountingConfig
    {
        internalNetworks = internalNetworks != null ? List.copyOf(internalNetworks) : PRIVATE_NETWORKS;
        billOnNet = billOnNet != null ? billOnNet : Boolean.FALSE;
        timeZone = timeZone != null ? timeZone : SYSTEM_ZONE;
        trafficClasses = trafficClasses != null ? List.copyOf(trafficClasses) : List.of();
        exporters = exporters != null ? List.copyOf(exporters) : List.of();
        tickMs = tickMs != null ? tickMs : 100;
        ledgerEveryTicks = ledgerEveryTicks != null ? ledgerEveryTicks : 10;
        sessionIdleSeconds = sessionIdleSeconds != null ? sessionIdleSeconds : 7_200L;
        maxClockSkewSeconds = maxClockSkewSeconds != null ? maxClockSkewSeconds : 600L;
        maxFlowAgeSeconds = maxFlowAgeSeconds != null ? maxFlowAgeSeconds : 86_400L;
        staticAssignments = staticAssignments != null ? List.copyOf(staticAssignments) : List.of();
        expectedAddresses = expectedAddresses != null ? expectedAddresses : 262_144L;
        expectedUsers = expectedUsers != null ? expectedUsers : 65_536L;
        addressLedgerEveryTicks = addressLedgerEveryTicks != null ? addressLedgerEveryTicks : 600;
        Checks.range("accounting.address_ledger_every_ticks", addressLedgerEveryTicks, 1, 1_000_000);
        ledgerNice = ledgerNice != null ? ledgerNice : 5;
        Checks.range("accounting.ledger_nice", ledgerNice, 0, 19);
        Checks.range("accounting.expected_addresses", expectedAddresses, 1_000, 1L << 30);
        Checks.range("accounting.expected_users", expectedUsers, 1_000, 1L << 28);
        try
        {
            zoneOf(timeZone);
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException("accounting.time_zone: unknown time zone '" + timeZone + "'");
        }
        Checks.range("accounting.tick_ms", tickMs, 10, 60_000);
        Checks.range("accounting.ledger_every_ticks", ledgerEveryTicks, 1, 10_000);
        Checks.range("accounting.session_idle_seconds", sessionIdleSeconds, 60, 365L * 86_400);
        Checks.range("accounting.max_clock_skew_seconds", maxClockSkewSeconds, 1, 365L * 86_400);
        Checks.range("accounting.max_flow_age_seconds", maxFlowAgeSeconds, 60, 365L * 86_400);
        if (trafficClasses.size() > 250)
        {
            throw new IllegalArgumentException("accounting.traffic_classes: at most 250 classes");
        }
        for (final TrafficClass trafficClass : trafficClasses)
        {
            if (TrafficClass.INTERNET.equals(trafficClass.name()) || TrafficClass.ON_NET.equals(trafficClass.name()))
            {
                throw new IllegalArgumentException("accounting.traffic_classes: '" + trafficClass.name() +
                    "' is a built-in class name");
            }
        }
    }

    /** @return every traffic class's name: the built-in ones, then the configured ones. */
    public List<String> classNames()
    {
        final List<String> names = new java.util.ArrayList<>(List.of(TrafficClass.ON_NET, TrafficClass.INTERNET));
        trafficClasses.forEach(trafficClass -> names.add(trafficClass.name()));
        return names;
    }

    /** @return the zone of time-of-day windows. */
    public ZoneId zone()
    {
        return zoneOf(timeZone);
    }

    private static ZoneId zoneOf(final String timeZone)
    {
        return SYSTEM_ZONE.equals(timeZone) ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }

    /**
     * A rated class of traffic. A flow is in the class when its remote address is in one of {@code remote} (any
     * when empty), its remote port is one of {@code ports} (any when empty), its protocol is {@code protocol} (any
     * when absent) and its time is inside {@code hours} (always when absent).
     *
     * @param name     shown in reports, [a-z0-9_-]+.
     * @param remote   remote prefixes (the side that is not the user).
     * @param ports    remote ports.
     * @param protocol IP protocol number.
     * @param hours    a time-of-day window in {@link AccountingConfig#timeZone}, {@code 22:00-06:00} (may wrap
     *                 midnight).
     * @param rating   how much of each byte a quota is charged: 0 is free, 0.5 is half price, 1 is full.
     */
    public record TrafficClass(String name, List<Cidr> remote, List<Integer> ports, Integer protocol, String hours,
        Double rating)
    {
        public static final String INTERNET = "internet";
        public static final String ON_NET = "on-net";

        public TrafficClass
        {
            if (name == null || !name.matches("[a-z0-9_-]+"))
            {
                throw new IllegalArgumentException("accounting.traffic_classes: name must be [a-z0-9_-]+, got " +
                    (name == null ? "nothing" : "'" + name + "'"));
            }
            remote = remote != null ? List.copyOf(remote) : List.of();
            ports = ports != null ? List.copyOf(ports) : List.of();
            rating = rating != null ? rating : 1.0;
            for (final Integer port : ports)
            {
                Checks.range("accounting.traffic_classes." + name + ".ports", port, 0, 65_535);
            }
            if (protocol != null)
            {
                Checks.range("accounting.traffic_classes." + name + ".protocol", protocol, 0, 255);
            }
            if (!(rating >= 0 && rating <= 100))
            {
                throw new IllegalArgumentException("accounting.traffic_classes." + name + ".rating must be 0..100");
            }
            if (hours != null)
            {
                minutesOf(hours, name);
            }
        }

        /**
         * @return {start minute of day, end minute of day} of {@link #hours}, or null when always.
         */
        public int[] window()
        {
            return hours == null ? null : minutesOf(hours, name);
        }

        private static int[] minutesOf(final String hours, final String name)
        {
            final String[] parts = hours.split("-");
            try
            {
                if (parts.length != 2)
                {
                    throw new DateTimeException("two times expected");
                }
                final LocalTime from = LocalTime.parse(parts[0].trim());
                final LocalTime to = LocalTime.parse(parts[1].trim());
                return new int[]{from.getHour() * 60 + from.getMinute(), to.getHour() * 60 + to.getMinute()};
            }
            catch (final DateTimeException ex)
            {
                throw new IllegalArgumentException("accounting.traffic_classes." + name + ".hours must look like " +
                    "22:00-06:00, got '" + hours + "'");
            }
        }
    }

    /**
     * @param network a network (or one address) whose traffic is charged to {@code user}.
     * @param user    the login of the account charged (created in cost centre {@code unassigned} if new).
     */
    public record StaticAssignment(Cidr network, String user)
    {
        public StaticAssignment
        {
            if (network == null || user == null || user.isBlank())
            {
                throw new IllegalArgumentException("accounting.static_assignments: every entry needs a network " +
                    "and a user");
            }
        }
    }

    /**
     * @param address    the exporter (an address or a prefix of several).
     * @param interfaces interface indexes (SNMP ifIndex) whose traffic counts: a flow counts when its input or
     *                   output interface is listed.
     */
    public record ExporterRule(Cidr address, List<Long> interfaces)
    {
        public ExporterRule
        {
            if (address == null)
            {
                throw new IllegalArgumentException("accounting.exporters: every rule needs an address");
            }
            interfaces = interfaces != null ? List.copyOf(interfaces) : List.of();
        }
    }
}
