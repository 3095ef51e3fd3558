package org.jet.plugin.api;

/**
 * Tells a person about an event: e-mail, SMS, chat. Called for every event of the types it wants.
 */
public interface Notifier extends JetExtension
{
    /**
     * @return whether this notifier sends anything for this kind of event (default: all).
     */
    default boolean wants(final JetEvent.Type type)
    {
        return true;
    }

    void notify(JetEvent event) throws ActionException;
}
