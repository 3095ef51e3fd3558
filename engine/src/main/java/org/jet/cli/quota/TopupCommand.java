package org.jet.cli.quota;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.api.ApiClient;
import org.jet.cli.config.ConfigOption;
import org.jet.cli.output.ByteSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jet topup USER AMOUNT}: credits a user, through the running daemon. */
@Command(
    name = "topup",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Credit USER with AMOUNT of quota (a new bucket, used after their plan and older top-ups).",
        "A user shaped or suspended for running out is restored at once when it lifts them below the threshold; " +
            "the receipt goes to the notifiers (TOP_UP event). Audited.",
    })
public final class TopupCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Parameters(index = "0", paramLabel = "USER", description = "The login.")
    private String user;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "e.g. 1GiB, 500MB, 1048576.")
    private String amount;

    @Option(names = "--expires", paramLabel = "WHEN",
        description = "When what is left stops counting: a date (2026-12-31, the end of that day in " +
            "accounting.time_zone) or an instant. Default: never.")
    private String expires;

    @Option(names = "--reference", paramLabel = "TEXT", description = "A receipt or order number, kept with it.")
    private String reference;

    @Option(names = "--card", description = "Record it as a redeemed card, not a top-up.")
    private boolean card;

    @Override
    public Integer call()
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("amount", amount);
        if (expires != null)
        {
            body.put("expires", expires);
        }
        if (reference != null)
        {
            body.put("reference", reference);
        }
        if (card)
        {
            body.put("kind", "card");
        }
        final JsonNode answer = ApiClient.connect(config.load()).sendJson("POST", "/api/v1/topups", body);
        spec.commandLine().getOut().printf("%s credited %s: %s left, state %s%n", user, amount,
            ByteSize.human(answer.get("remaining_bytes").asLong()), answer.get("state").asText());
        return ExitCode.OK;
    }
}
