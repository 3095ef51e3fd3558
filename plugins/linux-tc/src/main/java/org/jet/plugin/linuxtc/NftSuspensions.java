package org.jet.plugin.linuxtc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jet.plugin.api.ActionException;

/**
 * Suspension with nftables: table {@code inet jet_linux_tc} holds sets {@code suspended4} and {@code suspended6},
 * and its forward chain drops packets to or from their elements. Each element carries the comment
 * {@code jet-OWNER} (a hash of the login, see {@link Slots#owner}), so restore finds a user's elements after a
 * restart and even when their addresses changed. Scripts go to {@code nft -f -}: only checked prefixes and hex reach
 * them. {@code nft list table inet jet_linux_tc} shows who is cut off.
 */
final class NftSuspensions
{
    static final String TABLE = "jet_linux_tc";

    private static final String CREATE = """
        table inet jet_linux_tc {
          set suspended4 { type ipv4_addr; flags interval; }
          set suspended6 { type ipv6_addr; flags interval; }
          chain forward {
            type filter hook forward priority -10; policy accept;
            ip daddr @suspended4 drop
            ip saddr @suspended4 drop
            ip6 daddr @suspended6 drop
            ip6 saddr @suspended6 drop
          }
        }
        """;
    private static final Pattern ELEMENT = Pattern.compile("([0-9A-Fa-f:.]+(?:/\\d+)?) comment \"(jet-[0-9a-f]+)\"");

    private final Commands commands;

    NftSuspensions(final Commands commands)
    {
        this.commands = commands;
    }

    /** Drops traffic of exactly these prefixes for the user, replacing what they had, in one transaction. */
    void suspend(final String login, final List<UserPrefix> prefixes) throws ActionException
    {
        if (commands.query("nft", "list", "table", "inet", TABLE).isEmpty())
        {
            commands.runWithInput(CREATE, "nft", "-f", "-");
        }
        final String comment = "jet-" + Slots.owner(login);
        final StringBuilder script = new StringBuilder(removals(comment));
        for (final UserPrefix prefix : prefixes)
        {
            script.append("add element inet ").append(TABLE).append(prefix.ipv6() ? " suspended6" : " suspended4")
                .append(" { ").append(prefix.text()).append(" comment \"").append(comment).append("\" }\n");
        }
        commands.runWithInput(script.toString(), "nft", "-f", "-");
    }

    /** Lifts the user's suspension; nothing to lift is fine. */
    void restore(final String login) throws ActionException
    {
        final String script = removals("jet-" + Slots.owner(login));
        if (!script.isEmpty())
        {
            commands.runWithInput(script, "nft", "-f", "-");
        }
    }

    private String removals(final String comment) throws ActionException
    {
        final StringBuilder script = new StringBuilder();
        for (final String set : List.of("suspended4", "suspended6"))
        {
            final List<String> elements = elements(commands.query("nft", "list", "set", "inet", TABLE, set), comment);
            if (!elements.isEmpty())
            {
                script.append("delete element inet ").append(TABLE).append(' ').append(set).append(" { ")
                    .append(String.join(", ", elements)).append(" }\n");
            }
        }
        return script.toString();
    }

    static List<String> elements(final String listing, final String comment)
    {
        final List<String> found = new ArrayList<>();
        final Matcher matcher = ELEMENT.matcher(listing);
        while (matcher.find())
        {
            if (matcher.group(2).equals(comment))
            {
                found.add(matcher.group(1));
            }
        }
        return found;
    }
}
