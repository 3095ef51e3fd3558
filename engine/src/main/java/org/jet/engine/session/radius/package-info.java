/**
 * RADIUS accounting (RFC 2866) as a session source: {@link org.jet.engine.session.radius.RadiusAccountingServer}
 * receives Accounting-Requests from the configured NASes and hands
 * {@link org.jet.engine.session.SessionChange}s to a {@link org.jet.engine.session.SessionSink}.
 *
 * <pre>
 *  UDP ──▶ RadiusAccountingServer ──▶ AccountingHandler ──▶ SessionSink
 *           (socket, thread)          │  RadiusClients       (who holds which address)
 *                                     │  AccountingRequest   (the packet, read in place)
 *                                     │  RadiusAuthenticator (RFC 2866 §3 MD5 authenticators)
 *                                     │  DuplicateCache      (retransmits answered, not published twice)
 *                                     └─ RadiusCounters      (for /metrics)
 * </pre>
 */
package org.jet.engine.session.radius;
