package org.jet.plugin.linuxtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.EdgeDevice;
import org.jet.plugin.api.Subject;
import org.pf4j.Extension;

/**
 * Shapes, cuts off and restores users on the Linux router Jet runs on (or in the namespace it is given), with tc:
 * an HTB class per shaped user on the egress of {@code interface} (their download) and, when set, of
 * {@code upload_interface} (their upload), u32 filters matching their IPv4 addresses and IPv6 prefixes. Every call
 * is idempotent and reads what it needs from the kernel, so a restarted daemon restores what it shaped before.
 * See docs/plugins.md for the settings and what each call runs.
 */
@Extension
public final class LinuxTc implements EdgeDevice
{
    private TcSettings settings;
    private Commands commands;
    private Slots slots;
    private HtbInterface download;
    private HtbInterface upload;
    private NftSuspensions nft;

    @Override
    public String name()
    {
        return "linux-tc";
    }

    @Override
    public void configure(final Map<String, Object> settings)
    {
        this.settings = TcSettings.parse(settings);
        commands = new Commands(this.settings.netns(), this.settings.commandTimeoutMs());
        slots = new Slots(commands, this.settings.interfaceName());
        download = new HtbInterface(commands, this.settings.interfaceName(), false, this.settings.defaultClassRate());
        upload = this.settings.uploadInterface() == null ? null :
            new HtbInterface(commands, this.settings.uploadInterface(), true, this.settings.defaultClassRate());
        nft = new NftSuspensions(commands);
    }

    @Override
    public void shape(final Subject subject, final long rateBitsPerSecond) throws ActionException
    {
        configured();
        if (rateBitsPerSecond < 1)
        {
            throw new ActionException("linux-tc: cannot shape " + subject.login() + " to " + rateBitsPerSecond +
                " bit/s", false);
        }
        final List<UserPrefix> prefixes = prefixes(subject);
        hold(subject.login(), rateBitsPerSecond, false, prefixes);
        if (settings.suspendMode() == TcSettings.SuspendMode.NFTABLES)
        {
            // shaped means not cut off: a shape after a suspend lifts it, as in tc mode
            nft.restore(subject.login());
        }
    }

    @Override
    public void suspend(final Subject subject) throws ActionException
    {
        configured();
        final List<UserPrefix> prefixes = prefixes(subject);
        if (settings.suspendMode() == TcSettings.SuspendMode.NFTABLES)
        {
            nft.suspend(subject.login(), prefixes);
        }
        else
        {
            hold(subject.login(), HtbInterface.SUSPENDED_RATE, true, prefixes);
        }
    }

    @Override
    public void restore(final Subject subject) throws ActionException
    {
        configured();
        final int slot = slots.find(subject.login());
        if (slot >= 0)
        {
            download.remove(slot);
            if (upload != null)
            {
                upload.remove(slot);
            }
            slots.release(slot);
        }
        if (settings.suspendMode() == TcSettings.SuspendMode.NFTABLES)
        {
            nft.restore(subject.login());
        }
    }

    private void hold(final String login, final long rate, final boolean drop, final List<UserPrefix> prefixes)
        throws ActionException
    {
        download.ensureRoot();
        if (upload != null)
        {
            upload.ensureRoot();
        }
        final int slot = slots.claim(login);
        download.apply(slot, rate, drop, prefixes);
        if (upload != null)
        {
            upload.apply(slot, rate, drop, prefixes);
        }
    }

    /** Checks every address before any command runs: a bad one changes nothing. */
    static List<UserPrefix> prefixes(final Subject subject) throws ActionException
    {
        final List<UserPrefix> prefixes = new ArrayList<>(subject.addresses().size());
        for (final String address : subject.addresses())
        {
            try
            {
                prefixes.add(UserPrefix.parse(address));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ActionException("linux-tc: " + subject.login() + ": " + ex.getMessage(), false);
            }
        }
        return prefixes;
    }

    private void configured() throws ActionException
    {
        if (settings == null)
        {
            throw new ActionException("linux-tc is not configured (plugins.settings.linux-tc)", false);
        }
    }
}
