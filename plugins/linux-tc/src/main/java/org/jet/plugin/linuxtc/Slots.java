package org.jet.plugin.linuxtc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.jet.plugin.api.ActionException;

/**
 * Which user holds which slot (HTB class {@code 1:SLOT}, filter priorities {@code 2*SLOT} for IPv4 and
 * {@code 2*SLOT+1} for IPv6), kept in the kernel so a restarted daemon finds what it shaped before.
 *
 * <p>The record is a marker filter per slot in a chain of the root qdisc that no packet ever enters (nothing jumps
 * to it): priority {@code 0x8000+SLOT}, its four match words the first 16 bytes of SHA-256 of the login. A user's
 * preferred slot comes from the same hash; a slot held by someone else sends them to the next free one.
 * {@code tc filter show dev IF parent 1: chain 4867412} lists the markers. Markers and users' filters never share a
 * priority: u32 keeps the hash tables of all chains of a qdisc together, and lists (and would mix up) those of
 * equal priority.
 */
final class Slots
{
    static final int FIRST = 0x10;
    /** Users' filters take priorities 2 * SLOT and 2 * SLOT + 1, below {@link #MARKER_PRIO}. */
    static final int LAST = 0x3fff;
    /** Markers take priorities from here: 0x8000 + SLOT. */
    static final int MARKER_PRIO = 0x8000;
    /** "JET" in ASCII; packets only traverse chain 0. */
    static final String MARKER_CHAIN = Integer.toString(0x4a4554);

    private final Commands commands;
    private final String device;

    Slots(final Commands commands, final String device)
    {
        this.commands = commands;
        this.device = device;
    }

    /** @return the user's slot, or -1 when they hold none. */
    int find(final String login) throws ActionException
    {
        final String owner = owner(login);
        for (final Map.Entry<Integer, String> entry : read().entrySet())
        {
            if (entry.getValue().equals(owner))
            {
                return entry.getKey();
            }
        }
        return -1;
    }

    /** @return the user's slot, taking a free one (and marking it theirs) when they hold none. */
    int claim(final String login) throws ActionException
    {
        final String owner = owner(login);
        final Map<Integer, String> held = read();
        for (final Map.Entry<Integer, String> entry : held.entrySet())
        {
            if (entry.getValue().equals(owner))
            {
                return entry.getKey();
            }
        }
        final int count = LAST - FIRST + 1;
        final int preferred = preferred(owner) - FIRST;
        for (int i = 0; i < count; i++)
        {
            final int slot = FIRST + (preferred + i) % count;
            if (!held.containsKey(slot))
            {
                mark(slot, owner);
                return slot;
            }
        }
        throw new ActionException("linux-tc: all " + count + " classes on " + device + " are in use", true);
    }

    /** @return the slot a user gets when it is free: stable, so their class id is the same after a restore. */
    static int preferred(final String owner)
    {
        return FIRST + Integer.remainderUnsigned(Integer.parseUnsignedInt(owner.substring(0, 8), 16), LAST - FIRST + 1);
    }

    void release(final int slot) throws ActionException
    {
        commands.remove("tc", "filter", "del", "dev", device, "parent", "1:", "chain", MARKER_CHAIN,
            "prio", Integer.toString(MARKER_PRIO + slot), "protocol", "ip");
    }

    /** @return slot to owner (32 hex digits) for every marker on the device. */
    Map<Integer, String> read() throws ActionException
    {
        final String listing = commands.query("tc", "filter", "show", "dev", device, "parent", "1:",
            "chain", MARKER_CHAIN);
        return parse(listing);
    }

    static Map<Integer, String> parse(final String listing)
    {
        final Map<Integer, StringBuilder> words = new HashMap<>();
        int pref = -1;
        for (final String raw : listing.split("\n"))
        {
            final String line = raw.strip();
            final String[] tokens = line.split("\\s+");
            if (line.startsWith("filter"))
            {
                pref = -1;
                for (int i = 0; i + 1 < tokens.length; i++)
                {
                    if ("pref".equals(tokens[i]))
                    {
                        pref = Integer.parseInt(tokens[i + 1]);
                    }
                }
            }
            else if (line.startsWith("match") && pref > MARKER_PRIO && tokens.length >= 2)
            {
                words.computeIfAbsent(pref, p -> new StringBuilder()).append(tokens[1], 0, tokens[1].indexOf('/'));
            }
        }
        final Map<Integer, String> owners = new HashMap<>();
        for (final Map.Entry<Integer, StringBuilder> entry : words.entrySet())
        {
            owners.put(entry.getKey() - MARKER_PRIO, entry.getValue().toString());
        }
        return owners;
    }

    /** @return the first 16 bytes of SHA-256 of the login, as 32 hex digits. */
    static String owner(final String login)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    private void mark(final int slot, final String owner) throws ActionException
    {
        // flowid 1:1, the default class: a filter bound to the user's class would stop HTB from deleting it
        commands.run("tc", "filter", "add", "dev", device, "parent", "1:", "chain", MARKER_CHAIN,
            "protocol", "ip", "prio", Integer.toString(MARKER_PRIO + slot), "u32",
            "match", "u32", "0x" + owner.substring(0, 8), "0xffffffff", "at", "0",
            "match", "u32", "0x" + owner.substring(8, 16), "0xffffffff", "at", "4",
            "match", "u32", "0x" + owner.substring(16, 24), "0xffffffff", "at", "8",
            "match", "u32", "0x" + owner.substring(24, 32), "0xffffffff", "at", "12",
            "flowid", "1:1");
    }
}
