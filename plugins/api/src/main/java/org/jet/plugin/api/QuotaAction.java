package org.jet.plugin.api;

/**
 * Anything else to do on an event: a signed webhook, a script. Called for every event.
 */
public interface QuotaAction extends JetExtension
{
    void onEvent(JetEvent event) throws ActionException;
}
