package org.jet.engine.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jet.engine.store.AuditEntry;
import org.jet.engine.config.PluginsConfig;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.EdgeDevice;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Notifier;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/**
 * The outbox and its dispatcher over a real store: events survive a reopen, a failing action is retried with
 * back-off and every attempt is audited, a refusal is not retried, and an event leaves when all are done.
 */
class DispatcherTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRetryWithBackoffAuditEveryAttemptAndEmptyTheOutbox() throws Exception
    {
        final Subject alice = new Subject("alice", "Alice", "alice@example.org", "cs", List.of("10.0.0.1"));
        try (JetStore store = JetStore.open(dataDir))
        {
            final Outbox outbox = new Outbox(store);
            try (WriteBatch batch = new WriteBatch())
            {
                outbox.add(batch, Outbox.event(JetEvent.Type.SHAPED, alice, null, Map.of("rate_bits_per_second",
                    "2000000")));
                store.write(batch);
            }
        }
        try (JetStore store = JetStore.open(dataDir))
        {
            final Outbox outbox = new Outbox(store);
            assertEquals(1, outbox.pending(), "the event survived a restart");
            final FlakyDevice device = new FlakyDevice(2);
            final RecordingNotifier notifier = new RecordingNotifier();
            final AuditLog audit = AuditLog.open(store);
            final Dispatcher dispatcher = new Dispatcher(outbox, store, audit, List.of(device, notifier), 5,
                PluginsConfig.WhenDeviceFails.OPEN);

            long now = 1_000_000;
            assertEquals(1, dispatcher.dispatchDue(now));
            assertEquals(List.of("SHAPED"), notifier.seen, "the notifier is done on the first try");
            assertEquals(1, outbox.pending(), "the device failed: the event waits");
            assertEquals(0, dispatcher.dispatchDue(now + 500), "not before its back-off of 1 s");
            assertEquals(1, dispatcher.dispatchDue(now + 1_000));
            assertEquals(0, dispatcher.dispatchDue(now + 2_500), "then 2 s");
            assertEquals(1, dispatcher.dispatchDue(now + 3_000));
            assertEquals(0, outbox.pending(), "shaped on the third try: nothing waits");
            assertEquals(List.of(2_000_000L), device.shapedAt, "the notifier was not called again");
            assertEquals(List.of("SHAPED"), notifier.seen);

            final List<String> outcomes = new ArrayList<>();
            for (final AuditEntry entry : audit.read(0, 100))
            {
                outcomes.add(entry.action() + " " + entry.details().get("extension").asText());
            }
            assertEquals(List.of("action.failed flaky", "action.done recorder", "action.failed flaky",
                "action.done flaky"), outcomes, "every attempt audited, in order");
            assertEquals(3L, dispatcher.outcomes().get(List.of("flaky", "failed")) +
                dispatcher.outcomes().get(List.of("flaky", "done")));
        }
    }

    @Test
    void shouldGiveUpOnARefusalAndAfterMaxAttempts() throws Exception
    {
        final Subject bob = new Subject("bob", null, null, "cs", List.of());
        try (JetStore store = JetStore.open(dataDir))
        {
            final Outbox outbox = new Outbox(store);
            try (WriteBatch batch = new WriteBatch())
            {
                outbox.add(batch, Outbox.event(JetEvent.Type.SUSPENDED, bob, null, Map.of()));
                store.write(batch);
            }
            final FlakyDevice down = new FlakyDevice(Integer.MAX_VALUE);
            final Dispatcher dispatcher = new Dispatcher(outbox, store, AuditLog.open(store), List.of(down), 2,
                PluginsConfig.WhenDeviceFails.OPEN);
            dispatcher.dispatchDue(0);
            assertEquals(1, outbox.pending());
            dispatcher.dispatchDue(10_000);
            assertEquals(0, outbox.pending(), "given up after 2 attempts");
            assertEquals(1L, dispatcher.outcomes().get(List.of("flaky", "gave_up")));
        }
    }

    @Test
    void shouldNeverGiveUpOnEnforcementWhenClosedAndSkipAShapeARestoreFollowed() throws Exception
    {
        final Subject bob = new Subject("bob", null, null, "cs", List.of("10.0.0.2"));
        try (JetStore store = JetStore.open(dataDir))
        {
            final Outbox outbox = new Outbox(store);
            final FlakyDevice down = new FlakyDevice(Integer.MAX_VALUE);
            final Dispatcher dispatcher = new Dispatcher(outbox, store, AuditLog.open(store), List.of(down), 2,
                PluginsConfig.WhenDeviceFails.CLOSED);
            add(store, outbox, Outbox.event(JetEvent.Type.SHAPED, bob, null, Map.of()));
            long now = 0;
            for (int attempt = 0; attempt < 6; attempt++)
            {
                now += 400_000;
                dispatcher.dispatchDue(now);
            }
            assertEquals(1, outbox.pending(), "fail closed: still trying after 6 attempts (max_attempts 2)");
            assertEquals(null, dispatcher.outcomes().get(List.of("flaky", "gave_up")));

            add(store, outbox, Outbox.event(JetEvent.Type.RESTORED, bob, null, Map.of()));
            down.failures = 0;
            dispatcher.dispatchDue(now + 400_000);
            assertEquals(0, outbox.pending(), "the restore ran; the shape before it was superseded");
            assertEquals(List.of(), down.shapedAt, "a restored user is not shaped afterwards");
            assertEquals(1L, dispatcher.outcomes().get(List.of("flaky", "superseded")));
            assertEquals(1L, dispatcher.outcomes().get(List.of("flaky", "done")));
        }
    }

    private static void add(final JetStore store, final Outbox outbox, final JetEvent event) throws Exception
    {
        try (WriteBatch batch = new WriteBatch())
        {
            outbox.add(batch, event);
            store.write(batch);
        }
    }

    /** An edge device that fails (retryably) a number of times, then works. */
    private static final class FlakyDevice implements EdgeDevice
    {
        final List<Long> shapedAt = new ArrayList<>();
        int failures;

        FlakyDevice(final int failures)
        {
            this.failures = failures;
        }

        @Override
        public String name()
        {
            return "flaky";
        }

        @Override
        public void shape(final Subject subject, final long rateBitsPerSecond) throws ActionException
        {
            fail();
            shapedAt.add(rateBitsPerSecond);
        }

        @Override
        public void suspend(final Subject subject) throws ActionException
        {
            fail();
        }

        @Override
        public void restore(final Subject subject) throws ActionException
        {
            fail();
        }

        private void fail() throws ActionException
        {
            if (failures > 0)
            {
                failures--;
                throw new ActionException("router 192.0.2.1 unreachable", true);
            }
        }
    }

    private static final class RecordingNotifier implements Notifier
    {
        final List<String> seen = new ArrayList<>();

        @Override
        public String name()
        {
            return "recorder";
        }

        @Override
        public void notify(final JetEvent event)
        {
            seen.add(event.type().name());
        }
    }
}
