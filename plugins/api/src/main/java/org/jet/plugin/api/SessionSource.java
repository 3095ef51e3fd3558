package org.jet.plugin.api;

/**
 * A source of who holds which address (declared for sources beyond Jet's own RADIUS server and API: DHCP leases,
 * a controller's API). It reports through the {@link Sessions} it is given and runs its own thread(s).
 */
public interface SessionSource extends JetExtension
{
    /** Where a source reports. Thread-safe. */
    interface Sessions
    {
        /**
         * @param address one address or an IPv6 /64 ({@code 2001:db8:1:2::/64}).
         * @return false when Jet could not take it now (report it again).
         */
        boolean login(String login, String address, String sessionId);

        boolean logout(String login, String address, String sessionId);
    }

    void start(Sessions sessions) throws Exception;

    void stop();
}
