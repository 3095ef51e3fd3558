package org.jet.plugin.linuxtc;

import java.util.List;

import org.jet.plugin.api.ActionException;

/**
 * The HTB tree on one interface's egress: root qdisc {@code 1:} (unclassified traffic to the default class
 * {@code 1:1}), and per shaped user a class {@code 1:SLOT} with a pfifo leaf and u32 filters matching their
 * addresses, as destination (download, the interface toward users) or source (upload, the uplink or an IFB).
 */
final class HtbInterface
{
    /** The leaf queue of a shaped user, in packets (the usual txqueuelen). */
    static final int QUEUE_PACKETS = 1000;
    /** A suspended user's class rate: nothing passes anyway (a queue of 0 packets drops everything). */
    static final long SUSPENDED_RATE = 8_000;

    private final Commands commands;
    private final String device;
    private final String direction;
    private final long defaultRate;

    /**
     * @param matchSource whether filters match the source address (upload) rather than the destination (download).
     */
    HtbInterface(final Commands commands, final String device, final boolean matchSource, final long defaultRate)
    {
        this.commands = commands;
        this.device = device;
        this.direction = matchSource ? "src" : "dst";
        this.defaultRate = defaultRate;
    }

    String device()
    {
        return device;
    }

    /**
     * Sets up the root qdisc once (a restarted daemon finds it and keeps the classes under it) and the default
     * class's rate. Any other root qdisc is replaced: the plugin owns the interface's egress.
     */
    void ensureRoot() throws ActionException
    {
        final String qdiscs = commands.run("tc", "qdisc", "show", "dev", device);
        if (!hasOurRoot(qdiscs))
        {
            commands.run("tc", "qdisc", "replace", "dev", device, "root", "handle", "1:", "htb", "default", "1");
        }
        final String rate = defaultRate + "bit";
        commands.run("tc", "class", "replace", "dev", device, "parent", "1:", "classid", "1:1", "htb",
            "rate", rate, "ceil", rate);
    }

    static boolean hasOurRoot(final String qdiscs)
    {
        for (final String line : qdiscs.split("\n"))
        {
            if (line.startsWith("qdisc htb 1: root"))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Holds the slot's class to {@code rate} (or drops everything in it) and makes its filters match exactly
     * {@code prefixes}: the old filters go first, so shaping again replaces.
     */
    void apply(final int slot, final long rate, final boolean drop, final List<UserPrefix> prefixes)
        throws ActionException
    {
        final String classId = classId(slot);
        final String bits = rate + "bit";
        commands.run("tc", "class", "replace", "dev", device, "parent", "1:", "classid", classId, "htb",
            "rate", bits, "ceil", bits);
        commands.run("tc", "qdisc", "replace", "dev", device, "parent", classId,
            "handle", Integer.toHexString(slot) + ":", "pfifo", "limit", drop ? "0" : Integer.toString(QUEUE_PACKETS));
        removeFilters(slot);
        for (final UserPrefix prefix : prefixes)
        {
            commands.run("tc", "filter", "add", "dev", device, "parent", "1:",
                "protocol", prefix.ipv6() ? "ipv6" : "ip", "prio", Integer.toString(2 * slot + (prefix.ipv6() ? 1 : 0)),
                "u32", "match", prefix.ipv6() ? "ip6" : "ip", direction, prefix.text(), "flowid", classId);
        }
    }

    /** Removes the slot's filters and class; what is not there is fine. */
    void remove(final int slot) throws ActionException
    {
        removeFilters(slot);
        commands.remove("tc", "class", "del", "dev", device, "classid", classId(slot));
    }

    private void removeFilters(final int slot) throws ActionException
    {
        commands.remove("tc", "filter", "del", "dev", device, "parent", "1:",
            "prio", Integer.toString(2 * slot), "protocol", "ip");
        commands.remove("tc", "filter", "del", "dev", device, "parent", "1:",
            "prio", Integer.toString(2 * slot + 1), "protocol", "ipv6");
    }

    static String classId(final int slot)
    {
        return "1:" + Integer.toHexString(slot);
    }
}
