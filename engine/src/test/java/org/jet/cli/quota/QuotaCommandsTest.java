package org.jet.cli.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.cli.ExitCode;
import org.jet.cli.Jet;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.store.AuditEntry;
import org.jet.engine.store.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaCommandsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldSetPlansAndPoolsTopUpAndListWhatFollowed() throws Exception
    {
        final String cfg = Jet.daemonConfig(dir, "quota:",
            "  order: [{bucket: user_plan}, {bucket: user_topups}, {bucket: cost_centre_pool}]").toString();
        try (Daemon daemon = Daemon.start(ConfigLoader.load(Path.of(cfg))))
        {
            assertEquals(ExitCode.OK, Jet.run("costcentres", "add", "eng", "--name", "Engineering", "-c", cfg)
                .exitCode());
            assertEquals(ExitCode.OK, Jet.run("users", "add", "ann", "--cost-centre", "eng", "-c", cfg).exitCode());

            final Jet.Result plan = Jet.run("quota", "plan", "ann", "1GiB", "-c", cfg);
            assertEquals(ExitCode.OK, plan.exitCode(), plan.err());
            assertEquals(List.of("ann: plan 1GiB; 1.0 GiB left, state NORMAL"), plan.outLines());

            final Jet.Result topup = Jet.run("topup", "ann", "500MiB", "--reference", "receipt-42", "--expires",
                "2099-12-31", "-c", cfg);
            assertEquals(ExitCode.OK, topup.exitCode(), topup.err());
            assertEquals(List.of("ann credited 500MiB: 1.5 GiB left, state NORMAL"), topup.outLines());

            final Jet.Result pool = Jet.run("quota", "pool", "eng", "100GiB", "-c", cfg);
            assertEquals(List.of("pool eng: 100.0 GiB per period, 100.0 GiB left"), pool.outLines(), pool.err());

            final Jet.Result show = Jet.run("quota", "show", "ann", "-c", cfg);
            assertEquals(ExitCode.OK, show.exitCode(), show.err());
            assertTrue(show.outLines().get(0).startsWith("ann: NORMAL, period "), show.out());
            assertTrue(show.out().contains("allowance 1.5 GiB, used 0 B (0.0 %), left 1.5 GiB"), show.out());
            assertTrue(show.out().contains("receipt-42"), show.out());
            final JsonNode json = JSON.readTree(Jet.run("quota", "show", "ann", "--format", "json", "-c", cfg).out());
            assertEquals(1_598_029_824L, json.get("allowance_bytes").asLong());
            assertEquals(2, json.get("buckets").size());

            final Jet.Result events = Jet.run("events", "list", "--user", "ann", "--format", "csv", "-c", cfg);
            assertEquals(ExitCode.OK, events.exitCode(), events.err());
            final List<String> lines = events.outLines();
            assertEquals("time,type,user,state,details,pending,id", lines.get(0));
            assertTrue(lines.get(1).contains(",TOP_UP,ann,NORMAL,amount_bytes=524288000 bucket=topup-1 " +
                "expires=2100-01-01T00:00:00Z reference=receipt-42,no,topup-1"), lines.toString());
            assertTrue(lines.get(2).contains(",USER_CREATED,ann,"), lines.toString());

            final Jet.Result status = Jet.run("status", "-c", cfg);
            assertTrue(status.outLines().contains("quota: 1 user(s) with a quota: 1 normal, 0 warned, 0 shaped, " +
                "0 suspended"), status.out());

            final Jet.Result audit = Jet.run("quota", "audit", "ann", "-c", cfg);
            assertEquals(ExitCode.OK, audit.exitCode(), audit.err());
            assertTrue(audit.out().contains("usage ledger 0, debited 0: match"), audit.out());

            final List<String> actions = AuditLog.open(daemon.store()).read(0, 1_000).stream()
                .map(AuditEntry::action).toList();
            assertTrue(actions.containsAll(List.of("quota.plan", "quota.topup", "quota.pool")), actions.toString());

            final Jet.Result unknown = Jet.run("topup", "bob", "1GiB", "-c", cfg);
            assertEquals(ExitCode.REJECTED, unknown.exitCode());
            assertEquals(List.of("jet topup: no user 'bob'"), unknown.errLines());
            final Jet.Result badAmount = Jet.run("topup", "ann", "lots", "-c", cfg);
            assertEquals(List.of("jet topup: amount: 'lots' is not a byte amount like 5GiB, 500MB or 1048576"),
                badAmount.errLines());
            final Jet.Result badExpiry = Jet.run("topup", "ann", "1GiB", "--expires", "soon", "-c", cfg);
            assertEquals(List.of("jet topup: expires must be a date (2026-12-31) or an instant " +
                "(2026-12-31T23:00:00Z), got 'soon'"), badExpiry.errLines());
            final Jet.Result badType = Jet.run("events", "list", "--type", "boom", "-c", cfg);
            assertEquals(ExitCode.REJECTED, badType.exitCode());
            assertTrue(badType.lastErrLine().startsWith("jet events list: type must be one of"), badType.err());
        }
    }
}
