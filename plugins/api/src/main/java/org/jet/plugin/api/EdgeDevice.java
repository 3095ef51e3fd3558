package org.jet.plugin.api;

/**
 * Enforces on a device at the network's edge: slows a user's addresses down, cuts them off, and undoes it.
 * Linux tc/nftables, RADIUS CoA/Disconnect (RFC 5176), a vendor API. Every call acts on all of
 * {@link Subject#addresses()} and must be idempotent (shaping a shaped address again is not an error).
 */
public interface EdgeDevice extends JetExtension
{
    /**
     * @param rateBitsPerSecond the rate to hold the user to.
     */
    void shape(Subject subject, long rateBitsPerSecond) throws ActionException;

    /** Cuts the user off (or disconnects their sessions). */
    void suspend(Subject subject) throws ActionException;

    /** Undoes shaping or suspension. */
    void restore(Subject subject) throws ActionException;
}
