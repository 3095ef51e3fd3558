package org.jet.engine.action;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jet.engine.config.PluginsConfig;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.EdgeDevice;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.JetExtension;
import org.jet.plugin.api.Notifier;
import org.jet.plugin.api.QuotaAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the actions of the events in the {@link Outbox}, on its own thread, off the flow path: each notifier that
 * wants the event, each quota action, and each edge device for shape, suspend and restore. Every attempt and its
 * outcome is audited. A retryable failure is tried again with exponential back-off (1 s, 2 s, 4 s... up to 5
 * minutes) until {@code maxAttempts}; a permanent failure is given up at once. An event leaves the outbox when every
 * action is done with it.
 */
public final class Dispatcher implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long IDLE_MS = 200;
    private static final long MAX_BACKOFF_MS = 300_000;
    /** Rate an edge device shapes to when the event does not say ({@code details.rate_bits_per_second}). */
    public static final long DEFAULT_SHAPE_BITS_PER_SECOND = 1_000_000;

    private final Outbox outbox;
    private final JetStore store;
    private final AuditLog audit;
    private final List<JetExtension> extensions;
    private final int maxAttempts;
    private final PluginsConfig.WhenDeviceFails whenDeviceFails;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Why the last attempt failed (dispatcher thread only). */
    private String lastError;

    public Dispatcher(final Outbox outbox, final JetStore store, final AuditLog audit,
        final List<? extends JetExtension> extensions, final int maxAttempts,
        final PluginsConfig.WhenDeviceFails whenDeviceFails)
    {
        this.whenDeviceFails = whenDeviceFails;
        this.outbox = outbox;
        this.store = store;
        this.audit = audit;
        this.extensions = List.copyOf(extensions);
        this.maxAttempts = maxAttempts;
        this.thread = new Thread(this, "jet-actions");
        thread.setDaemon(true);
    }

    public void start()
    {
        thread.start();
    }

    /** Looks at the outbox now rather than at the next poll: events were just added (a threshold crossed). */
    public void wake()
    {
        LockSupport.unpark(thread);
    }

    @Override
    public void run()
    {
        while (running && !Thread.currentThread().isInterrupted())
        {
            try
            {
                if (dispatchDue(System.currentTimeMillis()) == 0)
                {
                    LockSupport.parkNanos(IDLE_MS * 1_000_000L);
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.error("dispatching actions failed; trying again", ex);
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    /**
     * Runs the actions of every event that is due.
     *
     * @return events handled.
     */
    public int dispatchDue(final long nowMs)
    {
        int handled = 0;
        final List<Outbox.Entry> entries = outbox.read(100);
        final Map<String, Long> latestEnforcement = new HashMap<>();
        for (final Outbox.Entry entry : entries)
        {
            if (enforces(entry.event().type()))
            {
                latestEnforcement.put(entry.event().subject().login(), entry.sequence());
            }
        }
        for (final Outbox.Entry entry : entries)
        {
            if (entry.nextAttemptMs() <= nowMs)
            {
                final boolean superseded = enforces(entry.event().type()) &&
                    latestEnforcement.get(entry.event().subject().login()) > entry.sequence();
                dispatch(entry, nowMs, superseded);
                handled++;
            }
        }
        return handled;
    }

    /**
     * @param superseded a later shape, suspend or restore of the same user waits too: edge devices skip this one
     *                   (a shape retried after the restore that followed it would shape a restored user).
     */
    private void dispatch(final Outbox.Entry entry, final long nowMs, final boolean superseded)
    {
        final JetEvent event = entry.event();
        final List<String> done = new ArrayList<>(entry.done());
        boolean retry = false;
        final int attempt = entry.attempts() + 1;
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch())
        {
            for (final JetExtension extension : extensions)
            {
                if (done.contains(extension.name()) || !concerns(extension, event.type()))
                {
                    continue;
                }
                final boolean device = extension instanceof EdgeDevice;
                lastError = null;
                final String outcome = superseded && device ? "superseded" : attempt(extension, event);
                final boolean persist = device && whenDeviceFails == PluginsConfig.WhenDeviceFails.CLOSED;
                final boolean finished = !"failed".equals(outcome) || (attempt >= maxAttempts && !persist);
                final String recorded = "failed".equals(outcome) && finished ? "gave_up" : outcome;
                outcomes.computeIfAbsent(extension.name() + "\u0000" + recorded, k -> new LongAdder()).increment();
                final Map<String, Object> details = new LinkedHashMap<>();
                details.put("event", event.id());
                details.put("type", event.type().name());
                details.put("extension", extension.name());
                details.put("attempt", attempt);
                details.put("outcome", recorded);
                details.put("error", lastError);
                audit.append(batch, "jet", "action." + recorded, event.subject().login(), details);
                if (finished)
                {
                    done.add(extension.name());
                }
                else
                {
                    retry = true;
                }
            }
            if (retry)
            {
                final long backoff = Math.min(MAX_BACKOFF_MS, 1_000L << Math.min(20, attempt - 1));
                outbox.update(batch, entry, attempt, nowMs + backoff, done);
            }
            else
            {
                outbox.remove(batch, entry);
            }
            store.write(batch);
        }
    }

    private String attempt(final JetExtension extension, final JetEvent event)
    {
        lastError = null;
        try
        {
            if (extension instanceof Notifier notifier)
            {
                notifier.notify(event);
            }
            else if (extension instanceof QuotaAction action)
            {
                action.onEvent(event);
            }
            else if (extension instanceof EdgeDevice device)
            {
                switch (event.type())
                {
                    case SHAPED -> device.shape(event.subject(), Long.parseLong(event.details().getOrDefault(
                        "rate_bits_per_second", Long.toString(DEFAULT_SHAPE_BITS_PER_SECOND))));
                    case SUSPENDED -> device.suspend(event.subject());
                    case RESTORED -> device.restore(event.subject());
                    default ->
                    {
                    }
                }
            }
            return "done";
        }
        catch (final ActionException ex)
        {
            lastError = ex.getMessage();
            return ex.retryable() ? "failed" : "refused";
        }
        catch (final RuntimeException ex)
        {
            // A bug in a plugin is not worth retrying: give up on this event, say why.
            lastError = ex.toString();
            return "refused";
        }
    }

    private static boolean enforces(final JetEvent.Type type)
    {
        return type == JetEvent.Type.SHAPED || type == JetEvent.Type.SUSPENDED || type == JetEvent.Type.RESTORED;
    }

    private static boolean concerns(final JetExtension extension, final JetEvent.Type type)
    {
        if (extension instanceof Notifier notifier)
        {
            return notifier.wants(type);
        }
        if (extension instanceof EdgeDevice)
        {
            return enforces(type);
        }
        return extension instanceof QuotaAction;
    }

    /** @return attempts so far by extension and outcome (done, failed, refused, gave_up). */
    public Map<List<String>, Long> outcomes()
    {
        final Map<List<String>, Long> copy = new LinkedHashMap<>();
        outcomes.forEach((key, count) -> copy.put(List.of(key.split("\u0000")), count.sum()));
        return copy;
    }

    public void close() throws InterruptedException
    {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
