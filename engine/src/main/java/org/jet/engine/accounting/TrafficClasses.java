package org.jet.engine.accounting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.AccountingConfig.TrafficClass;
import org.jet.engine.config.Cidr;

/**
 * Sorts a flow's bytes into rated classes: the configured ones in order (first match wins), then the built-in
 * {@code internet} (rated 1). {@code on-net} (internal to internal) is built in too, rated 0 unless on-net traffic
 * is billed. A class is a small number, its index in {@link #names()}, so counters key by it cheaply.
 *
 * <p>Ratings are held in parts per million so that rating a byte count is integer arithmetic.
 */
public final class TrafficClasses
{
    /** Class of traffic between two internal addresses. */
    public static final int ON_NET = 0;
    /** Class of everything no configured class matched. */
    public static final int INTERNET = 1;
    private static final int FIRST_CONFIGURED = 2;
    private static final long PPM = 1_000_000;
    private static final int MINUTES_PER_DAY = 1_440;

    private final String[] names;
    private final long[] ratingPpm;
    private final PrefixSet[] remote;
    private final int[][] ports;
    private final int[] protocol;
    private final int[] windowFrom;
    private final int[] windowTo;
    private final boolean anyWindow;
    /**
     * The remote networks of all configured classes together, when each names some: a remote address outside them
     * is {@code internet} at once, which is most traffic. Null when a class may match any remote address.
     */
    private final PrefixSet anyRemote;
    private final ZoneId zone;
    private long offsetHour = Long.MIN_VALUE;
    private long offsetMs;

    public TrafficClasses(final AccountingConfig config)
    {
        final List<TrafficClass> configured = config.trafficClasses();
        final int n = FIRST_CONFIGURED + configured.size();
        names = new String[n];
        ratingPpm = new long[n];
        remote = new PrefixSet[n];
        ports = new int[n][];
        protocol = new int[n];
        windowFrom = new int[n];
        windowTo = new int[n];
        names[ON_NET] = TrafficClass.ON_NET;
        ratingPpm[ON_NET] = config.billOnNet() ? PPM : 0;
        names[INTERNET] = TrafficClass.INTERNET;
        ratingPpm[INTERNET] = PPM;
        boolean anyWindow = false;
        final List<Cidr> allRemote = new ArrayList<>();
        boolean everyClassNamesRemote = true;
        for (int i = 0; i < configured.size(); i++)
        {
            final TrafficClass trafficClass = configured.get(i);
            final int c = FIRST_CONFIGURED + i;
            names[c] = trafficClass.name();
            ratingPpm[c] = Math.round(trafficClass.rating() * PPM);
            remote[c] = new PrefixSet(trafficClass.remote());
            ports[c] = trafficClass.ports().stream().mapToInt(Integer::intValue).toArray();
            protocol[c] = trafficClass.protocol() != null ? trafficClass.protocol() : -1;
            final int[] window = trafficClass.window();
            windowFrom[c] = window != null ? window[0] : -1;
            windowTo[c] = window != null ? window[1] : -1;
            anyWindow |= window != null;
            allRemote.addAll(trafficClass.remote());
            everyClassNamesRemote &= !trafficClass.remote().isEmpty();
        }
        this.anyWindow = anyWindow;
        this.anyRemote = everyClassNamesRemote ? new PrefixSet(allRemote) : null;
        this.zone = config.zone();
    }

    /**
     * @return the class of traffic with a remote (external) end, at a time.
     */
    public int classify(final long remoteHi, final long remoteLo, final int remotePort, final int ipProtocol,
        final long timeMs)
    {
        if (anyRemote != null && !anyRemote.contains(remoteHi, remoteLo))
        {
            return INTERNET;
        }
        final int minuteOfDay = anyWindow ? minuteOfDay(timeMs) : 0;
        for (int c = FIRST_CONFIGURED; c < names.length; c++)
        {
            if ((protocol[c] < 0 || protocol[c] == ipProtocol) &&
                (ports[c].length == 0 || contains(ports[c], remotePort)) &&
                (windowFrom[c] < 0 || inWindow(minuteOfDay, windowFrom[c], windowTo[c])) &&
                (remote[c].isEmpty() || remote[c].contains(remoteHi, remoteLo)))
            {
                return c;
            }
        }
        return INTERNET;
    }

    /**
     * @return bytes charged to quotas for this many bytes of a class.
     */
    public long rate(final int trafficClass, final long bytes)
    {
        final long ppm = ratingPpm[trafficClass];
        if (ppm == PPM)
        {
            return bytes;
        }
        // Exact for any byte count a flow can carry: split so the product never overflows.
        return (bytes / PPM) * ppm + (bytes % PPM) * ppm / PPM;
    }

    /** @return class names by class number. */
    public List<String> names()
    {
        return List.of(names);
    }

    public int size()
    {
        return names.length;
    }

    private int minuteOfDay(final long timeMs)
    {
        // The zone's offset only changes on hour boundaries (in every zone in use), so it is looked up once an hour.
        final long hour = Math.floorDiv(timeMs, 3_600_000L);
        if (hour != offsetHour)
        {
            offsetHour = hour;
            offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(hour * 3_600_000L)).getTotalSeconds() * 1000L;
        }
        return (int)Math.floorMod(Math.floorDiv(timeMs + offsetMs, 60_000L), MINUTES_PER_DAY);
    }

    private static boolean inWindow(final int minute, final int from, final int to)
    {
        return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    }

    private static boolean contains(final int[] values, final int value)
    {
        for (final int v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }
}
