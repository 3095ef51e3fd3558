package org.jet.engine.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jet.engine.store.Bytes;
import org.jet.engine.store.Family;
import org.jet.engine.store.JetStore;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Subject;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Events waiting for their actions, in the store's {@link Family#OUTBOX} family: an event is added in the same
 * batch as the change that caused it (a user added, a threshold crossed), so neither exists without the other, and
 * it stays until every action has run or given up; a crash in between only means an action runs again, which
 * actions tolerate (they act once per event id).
 *
 * <p>Key: big-endian sequence number (oldest first). Value: JSON {@code {event, attempts, next_attempt_ms, done}},
 * {@code done} listing the extensions finished with the event.
 */
public final class Outbox
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JetStore store;
    private final AtomicLong nextSequence;

    /** One waiting event, as read. */
    public record Entry(long sequence, JetEvent event, int attempts, long nextAttemptMs, List<String> done)
    {
    }

    public Outbox(final JetStore store)
    {
        this.store = store;
        long last = 0;
        try (RocksIterator it = store.iterator(Family.OUTBOX))
        {
            it.seekToLast();
            if (it.isValid())
            {
                last = Bytes.longBigEndian(it.key(), 0);
            }
        }
        this.nextSequence = new AtomicLong(last + 1);
    }

    /**
     * @return a new event with a fresh id, for {@link #add}.
     */
    public static JetEvent event(final JetEvent.Type type, final Subject subject, final JetEvent.QuotaState quota,
        final Map<String, String> details)
    {
        return new JetEvent(UUID.randomUUID().toString(), type, Instant.now(), subject, quota, details);
    }

    /** Adds an event to a batch: it waits in the outbox once the batch is written, and stays in the history. */
    public void add(final WriteBatch batch, final JetEvent event)
    {
        final long sequence = nextSequence.getAndIncrement();
        put(batch, sequence, event, 0, 0, List.of());
        try
        {
            batch.put(store.cf(Family.EVENTS), Bytes.longBigEndian(sequence), JSON.writeValueAsBytes(toJson(event)));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("outbox: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param login  only this user's events, or null.
     * @param type   only events of this type, or null.
     * @return up to {@code limit} events emitted, newest first, each as its JSON with {@code pending} (its actions
     *         are not all done yet).
     */
    public List<ObjectNode> history(final int limit, final String login, final JetEvent.Type type)
    {
        final List<ObjectNode> events = new ArrayList<>();
        try (RocksIterator it = store.iterator(Family.EVENTS))
        {
            for (it.seekToLast(); it.isValid() && events.size() < limit; it.prev())
            {
                final ObjectNode event = (ObjectNode)JSON.readTree(it.value());
                if ((login == null || login.equals(event.path("subject").path("login").asText())) &&
                    (type == null || type.name().equals(event.path("type").asText())))
                {
                    event.put("pending", store.get(Family.OUTBOX, it.key()) != null);
                    events.add(event);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("event history holds an unreadable entry", ex);
        }
        return events;
    }

    /** Updates a waiting event after an attempt. */
    void update(final WriteBatch batch, final Entry entry, final int attempts, final long nextAttemptMs,
        final List<String> done)
    {
        put(batch, entry.sequence(), entry.event(), attempts, nextAttemptMs, done);
    }

    /** Removes an event every action is done with. */
    void remove(final WriteBatch batch, final Entry entry)
    {
        try
        {
            batch.delete(store.cf(Family.OUTBOX), Bytes.longBigEndian(entry.sequence()));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("outbox: " + ex.getMessage(), ex);
        }
    }

    /** @return up to {@code limit} waiting events, oldest first. */
    public List<Entry> read(final int limit)
    {
        final List<Entry> entries = new ArrayList<>();
        try (RocksIterator it = store.iterator(Family.OUTBOX))
        {
            for (it.seekToFirst(); it.isValid() && entries.size() < limit; it.next())
            {
                entries.add(parse(Bytes.longBigEndian(it.key(), 0), JSON.readTree(it.value())));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("outbox holds an unreadable entry", ex);
        }
        return entries;
    }

    /** @return events waiting (counted by walking the family: for metrics, not hot paths). */
    public long pending()
    {
        long n = 0;
        try (RocksIterator it = store.iterator(Family.OUTBOX))
        {
            for (it.seekToFirst(); it.isValid(); it.next())
            {
                n++;
            }
        }
        return n;
    }

    private void put(final WriteBatch batch, final long sequence, final JetEvent event, final int attempts,
        final long nextAttemptMs, final List<String> done)
    {
        final ObjectNode value = JSON.createObjectNode();
        value.set("event", toJson(event));
        value.put("attempts", attempts);
        value.put("next_attempt_ms", nextAttemptMs);
        final ArrayNode doneNode = value.putArray("done");
        done.forEach(doneNode::add);
        try
        {
            batch.put(store.cf(Family.OUTBOX), Bytes.longBigEndian(sequence), JSON.writeValueAsBytes(value));
        }
        catch (final RocksDBException ex)
        {
            throw new IllegalStateException("outbox: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static ObjectNode toJson(final JetEvent event)
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("type", event.type().name());
        node.put("time", event.time().toString());
        final ObjectNode subject = node.putObject("subject");
        subject.put("login", event.subject().login());
        subject.put("name", event.subject().name());
        subject.put("email", event.subject().email());
        subject.put("cost_centre", event.subject().costCentre());
        final ArrayNode addresses = subject.putArray("addresses");
        event.subject().addresses().forEach(addresses::add);
        final JetEvent.QuotaState quota = event.quota();
        if (quota != null)
        {
            final ObjectNode q = node.putObject("quota");
            q.put("state", quota.state());
            q.put("allowance_bytes", quota.allowanceBytes());
            q.put("used_bytes", quota.usedBytes());
            q.put("remaining_bytes", quota.remainingBytes());
            q.put("percent_used", quota.percentUsed());
            q.put("period_end", quota.periodEnd() == null ? null : quota.periodEnd().toString());
        }
        final ObjectNode details = node.putObject("details");
        event.details().forEach(details::put);
        return node;
    }

    private static Entry parse(final long sequence, final JsonNode value)
    {
        final JsonNode e = value.get("event");
        final JsonNode s = e.get("subject");
        final List<String> addresses = new ArrayList<>();
        s.get("addresses").forEach(a -> addresses.add(a.asText()));
        final Subject subject = new Subject(s.get("login").asText(), text(s, "name"), text(s, "email"),
            text(s, "cost_centre"), addresses);
        JetEvent.QuotaState quota = null;
        final JsonNode q = e.get("quota");
        if (q != null && !q.isNull())
        {
            quota = new JetEvent.QuotaState(q.get("state").asText(), q.get("allowance_bytes").asLong(),
                q.get("used_bytes").asLong(), q.get("remaining_bytes").asLong(), q.get("percent_used").asDouble(),
                text(q, "period_end") == null ? null : Instant.parse(text(q, "period_end")));
        }
        final Map<String, String> details = new LinkedHashMap<>();
        e.get("details").fields().forEachRemaining(f -> details.put(f.getKey(), f.getValue().asText()));
        final JetEvent event = new JetEvent(e.get("id").asText(), JetEvent.Type.valueOf(e.get("type").asText()),
            Instant.parse(e.get("time").asText()), subject, quota, details);
        final List<String> done = new ArrayList<>();
        value.get("done").forEach(d -> done.add(d.asText()));
        return new Entry(sequence, event, value.get("attempts").asInt(), value.get("next_attempt_ms").asLong(),
            done);
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
