package org.jet.plugin.linuxtc;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin's settings ({@code plugins.settings.linux-tc}), checked: a mistake is an
 * {@link IllegalArgumentException} with one line naming the key.
 *
 * @param interfaceName      the router's interface toward the users; their download is shaped on its egress.
 * @param uploadInterface    an interface on whose egress the users' upload is shaped by source address (the uplink,
 *                           when it does no NAT, or an IFB fed from {@code interfaceName}'s ingress), or null.
 * @param netns              a network namespace to run the commands in ({@code ip netns exec}), or null.
 * @param commandTimeoutMs   how long one tc or nft command may take.
 * @param defaultClassRate   rate and ceiling, in bit/s, of the class that carries unshaped traffic.
 * @param suspendMode        how suspension drops a user's traffic.
 */
record TcSettings(String interfaceName, String uploadInterface, String netns, long commandTimeoutMs,
    long defaultClassRate, SuspendMode suspendMode)
{
    static final String PREFIX = "plugins.settings.linux-tc";

    /** How {@code suspend} cuts a user off. */
    enum SuspendMode
    {
        /** The user's HTB class gets a leaf queue of length 0: every packet to (or, on the upload side, from) them
         * is dropped. Needs only HTB and pfifo; upload is cut only where upload_interface is set. */
        TC,
        /** The user's addresses go into sets of the nftables table {@code inet jet_linux_tc}, whose forward chain
         * drops both directions. */
        NFTABLES
    }

    private static final Set<String> KEYS = Set.of("interface", "upload_interface", "netns", "command_timeout_ms",
        "default_class_rate", "suspend_mode");
    /** Linux interface names: at most 15 bytes, no spaces or slashes; a leading '-' would read as an option. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.@:][A-Za-z0-9_.@:-]{0,14}");
    /** Names under /run/netns. */
    private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,63}");
    /** tc's decimal units: 10gbit, 500mbit, 64kbit, 1000bit. */
    private static final Pattern RATE = Pattern.compile("(\\d{1,15})\\s*(bit|kbit|mbit|gbit|tbit)?");

    static TcSettings parse(final Map<String, Object> settings)
    {
        for (final String key : settings.keySet())
        {
            if (!KEYS.contains(key))
            {
                throw new IllegalArgumentException(PREFIX + "." + key + ": unknown setting (known: interface, " +
                    "upload_interface, netns, command_timeout_ms, default_class_rate, suspend_mode)");
            }
        }
        final String interfaceName = name(settings, "interface", INTERFACE, true);
        final String uploadInterface = name(settings, "upload_interface", INTERFACE, false);
        if (interfaceName.equals(uploadInterface))
        {
            throw new IllegalArgumentException(PREFIX + ".upload_interface: must differ from interface");
        }
        final String netns = name(settings, "netns", NETNS, false);
        final Object timeout = settings.getOrDefault("command_timeout_ms", 5000);
        if (!(timeout instanceof Number number) || number.longValue() < 1)
        {
            throw new IllegalArgumentException(PREFIX + ".command_timeout_ms: a positive number is needed");
        }
        final long defaultClassRate = rate(settings.getOrDefault("default_class_rate", "10gbit"));
        final Object mode = settings.getOrDefault("suspend_mode", "tc");
        final SuspendMode suspendMode;
        if ("tc".equals(mode))
        {
            suspendMode = SuspendMode.TC;
        }
        else if ("nftables".equals(mode))
        {
            suspendMode = SuspendMode.NFTABLES;
        }
        else
        {
            throw new IllegalArgumentException(PREFIX + ".suspend_mode: tc or nftables, not " + mode);
        }
        return new TcSettings(interfaceName, uploadInterface, netns, number.longValue(), defaultClassRate,
            suspendMode);
    }

    private static String name(
        final Map<String, Object> settings, final String key, final Pattern pattern, final boolean required)
    {
        final Object value = settings.get(key);
        if (value == null)
        {
            if (required)
            {
                throw new IllegalArgumentException(PREFIX + "." + key + ": needed (e.g. eth1)");
            }
            return null;
        }
        if (!(value instanceof String text) || !pattern.matcher(text).matches())
        {
            throw new IllegalArgumentException(PREFIX + "." + key + ": not a valid name: " + value);
        }
        return text;
    }

    private static long rate(final Object value)
    {
        if (value instanceof Number number && number.longValue() > 0)
        {
            return number.longValue();
        }
        final Matcher matcher = RATE.matcher(value.toString().strip().toLowerCase(Locale.ROOT));
        if (value instanceof String && matcher.matches())
        {
            final String unit = matcher.group(2) == null ? "bit" : matcher.group(2);
            final long multiplier = switch (unit)
            {
                case "kbit" -> 1_000L;
                case "mbit" -> 1_000_000L;
                case "gbit" -> 1_000_000_000L;
                case "tbit" -> 1_000_000_000_000L;
                default -> 1L;
            };
            final long bits = Long.parseLong(matcher.group(1));
            if (bits > 0 && bits <= Long.MAX_VALUE / multiplier)
            {
                return bits * multiplier;
            }
        }
        throw new IllegalArgumentException(PREFIX + ".default_class_rate: a rate like 10gbit, 800mbit or a number " +
            "of bit/s is needed, not " + value);
    }
}
