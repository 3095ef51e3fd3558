package org.jet.plugin.api;

import java.util.Map;

/**
 * A card payment gateway (declared for the payments work; no implementation ships yet). Jet asks it for a checkout
 * page for a purchase, and hands it the gateway's webhook call to verify; only a verified, paid notice credits the
 * user's quota, once per payment id.
 */
public interface PaymentGateway extends JetExtension
{
    /**
     * @param purchaseId Jet's id for the purchase (idempotency key at the gateway).
     * @param login      who buys.
     * @param amountMinor price in the currency's minor unit (cents).
     * @param currency   ISO 4217 code.
     * @param returnUrl  where the gateway sends the buyer back.
     * @return the URL of the gateway's checkout page.
     */
    String checkout(String purchaseId, String login, long amountMinor, String currency, String returnUrl)
        throws ActionException;

    /**
     * Verifies a webhook call of the gateway (signature, amount) and says what it confirms.
     *
     * @return the purchase id of a payment the gateway confirms as paid, or null for a call that confirms nothing.
     * @throws ActionException (not retryable) when the call is not authentic.
     */
    String verifyPaid(Map<String, String> headers, byte[] body) throws ActionException;
}
