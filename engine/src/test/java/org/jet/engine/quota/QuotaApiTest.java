package org.jet.engine.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jet.engine.http.ApiServer.assertError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.engine.accounting.Ledger;
import org.jet.engine.accounting.TrafficClasses;
import org.jet.engine.action.Outbox;
import org.jet.engine.config.AccountingConfig;
import org.jet.engine.config.QuotaConfig;
import org.jet.engine.directory.Directory;
import org.jet.engine.http.ApiServer;
import org.jet.engine.session.SessionStore;
import org.jet.engine.store.AuditEntry;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota routes on a real HTTP server (port 0) over a real store: amounts as numbers or text, each mistake a
 * 400 or 404 with one line, the caller's actor in the audit log.
 */
class QuotaApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private JetStore store;
    private AuditLog audit;
    private ApiServer api;
    private String token;

    @BeforeEach
    void start() throws Exception
    {
        store = JetStore.open(dataDir);
        audit = AuditLog.open(store);
        final Directory directory = Directory.open(store, audit);
        directory.addCostCentre("eng", "Engineering", null, "test");
        directory.addUser("ann", "Ann", null, "eng", "test");
        final TrafficClasses classes = new TrafficClasses(new AccountingConfig(null, null, "UTC", null, null, null,
            null, null, null, null, null, null, null, null, null));
        final Outbox outbox = new Outbox(store);
        final Quotas quotas = new Quotas(store, new QuotaConfig(null, null, null, null, null, null, null),
            ZoneOffset.UTC, classes, directory, new SessionStore(store), outbox, audit,
            new Ledger(store, classes.names()));
        api = ApiServer.start(dataDir, new QuotaApi(quotas, outbox, ZoneOffset.UTC));
        token = api.token();
    }

    @AfterEach
    void stop()
    {
        api.close();
        store.close();
    }

    @Test
    void shouldSetAPlanTopUpAndShowTheQuota() throws Exception
    {
        assertEquals(401, call("GET", "/api/v1/quota/ann", null, null, null).statusCode(), "the admin token is needed");

        final HttpResponse<String> plan = call("PUT", "/api/v1/quota/ann/plan", "{\"allowance\":\"1GiB\"}",
            "portal:ops");
        assertEquals(200, plan.statusCode(), plan.body());
        assertEquals(1L << 30, JSON.readTree(plan.body()).get("allowance_bytes").asLong());

        final HttpResponse<String> topUp = call("POST", "/api/v1/topups",
            "{\"user\":\"ann\",\"amount\":1000,\"expires\":\"2099-01-01\",\"reference\":\"r-9\",\"kind\":\"card\"}",
            "gateway:test");
        assertEquals(201, topUp.statusCode(), topUp.body());
        final JsonNode shown = JSON.readTree(call("GET", "/api/v1/quota/ann", null, null, token).body());
        assertEquals((1L << 30) + 1000, shown.get("remaining_bytes").asLong());
        assertEquals("card", shown.get("buckets").get(1).get("kind").asText());
        assertEquals("2099-01-02T00:00:00Z", shown.get("buckets").get(1).get("expires").asText(),
            "a date means the end of that day");

        final HttpResponse<String> pool = call("PUT", "/api/v1/pools/global", "{\"allowance\":\"10TiB\"}", null);
        assertEquals(200, pool.statusCode(), pool.body());
        assertEquals("global", JSON.readTree(pool.body()).get("owner").asText());

        final JsonNode events = JSON.readTree(call("GET", "/api/v1/events?user=ann&type=top_up", null, null, token)
            .body()).get("events");
        assertEquals(1, events.size());
        assertEquals("r-9", events.get(0).get("details").get("reference").asText());

        final List<String> actors = audit.read(0, 100).stream().filter(e -> e.action().startsWith("quota."))
            .map(e -> e.action() + " " + e.actor()).toList();
        assertEquals(List.of("quota.plan portal:ops", "quota.topup gateway:test", "quota.pool api"), actors);
    }

    @Test
    void shouldAnswerMistakesWithTheirStatusAndOneLine() throws Exception
    {
        assertError(404, "no user 'bob'", call("GET", "/api/v1/quota/bob", null, null, token));
        assertError(404, "no user 'bob'", call("POST", "/api/v1/topups", "{\"user\":\"bob\",\"amount\":1}", null));
        assertError(404, "no cost centre 'law'", call("PUT", "/api/v1/pools/law", "{\"allowance\":1}", null));
        assertError(400, "amount: 'lots' is not a byte amount like 5GiB, 500MB or 1048576",
            call("POST", "/api/v1/topups", "{\"user\":\"ann\",\"amount\":\"lots\"}", null));
        assertError(400, "a top-up must be more than 0 bytes",
            call("POST", "/api/v1/topups", "{\"user\":\"ann\",\"amount\":0}", null));
        assertError(400, "kind must be topup or card, got 'plan'",
            call("POST", "/api/v1/topups", "{\"user\":\"ann\",\"amount\":1,\"kind\":\"plan\"}", null));
        assertError(400, "unknown field 'amout' (known: user, amount, expires, reference, kind)",
            call("POST", "/api/v1/topups", "{\"user\":\"ann\",\"amout\":1}", null));
        assertError(400, "field 'allowance' is required (bytes, \"5GiB\", or null for the default plan)",
            call("PUT", "/api/v1/quota/ann/plan", "{}", null));
        assertError(400, "limit must be 1..10000", call("GET", "/api/v1/events?limit=0", null, null, token));
        assertTrue(audit.read(0, 100).stream().noneMatch(e -> e.action().startsWith("quota.")),
            "nothing was changed");
    }

    private HttpResponse<String> call(final String method, final String path, final String json, final String actor)
        throws Exception
    {
        return call(method, path, json, actor, token);
    }

    private HttpResponse<String> call(final String method, final String path, final String json, final String actor,
        final String bearer) throws Exception
    {
        return api.call(method, path, bearer, json == null ? null : "application/json", json, actor);
    }
}
