package org.jet.plugin.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e-mail notifier against a real SMTP server (GreenMail): what the user receives, authentication, and which
 * failures are retried.
 */
class EmailNotifierTest
{
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetup.SMTP.dynamicPort());

    private static final Subject ALICE = new Subject("alice", "Alice", "alice@example.org", "cs", List.of("10.0.0.1"));

    @Test
    void shouldSendTheWarningWithUsageAsTextAndHtml() throws Exception
    {
        final EmailNotifier email = new EmailNotifier();
        email.configure(settings(Map.of()));
        email.notify(new JetEvent("e-1", JetEvent.Type.WARNED, Instant.now(), ALICE,
            new JetEvent.QuotaState("WARNED", 10L << 30, 8L << 30, 2L << 30, 80.0, Instant.parse("2026-12-01T00:00:00Z")),
            Map.of()));

        final MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(1, received.length);
        final MimeMessage message = received[0];
        assertEquals("[Jet] You have used 80 % of your quota", message.getSubject());
        assertEquals("alice@example.org", message.getAllRecipients()[0].toString());
        assertEquals("jet@example.org", message.getFrom()[0].toString());
        assertEquals("e-1", message.getHeader("X-Jet-Event-Id")[0]);
        final MimeMultipart parts = (MimeMultipart)message.getContent();
        assertEquals(2, parts.getCount());
        final String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        assertTrue(text.contains("Used: 8.0 GiB of 10.0 GiB") && text.contains("Remaining: 2.0 GiB"), text);
        assertTrue(parts.getBodyPart(1).getContentType().startsWith("text/html"));
    }

    @Test
    void shouldLogInWithTheConfiguredAccount() throws Exception
    {
        SMTP.setUser("jet@example.org", "jet", "right");
        final EmailNotifier good = new EmailNotifier();
        good.configure(settings(Map.of("username", "jet", "password", "right")));
        good.notify(welcome());
        assertEquals(1, SMTP.getReceivedMessages().length);
        assertEquals("[Jet] Welcome", SMTP.getReceivedMessages()[0].getSubject());
    }

    @Test
    void shouldRetryWhenTheServerIsDownAndSkipUsersWithoutAddress() throws Exception
    {
        final EmailNotifier email = new EmailNotifier();
        email.configure(Map.of("host", "127.0.0.1", "port", 1, "from", "jet@example.org", "timeout_ms", 2000));
        final ActionException down = assertThrows(ActionException.class, () -> email.notify(welcome()));
        assertTrue(down.retryable(), down.getMessage());

        final EmailNotifier live = new EmailNotifier();
        live.configure(settings(Map.of()));
        live.notify(new JetEvent("e-3", JetEvent.Type.SHAPED, Instant.now(),
            new Subject("bob", null, null, "cs", List.of()), null, Map.of()));
        assertEquals(0, SMTP.getReceivedMessages().length, "no address, nothing sent, nothing to retry");
    }

    @Test
    void shouldRefuseBadSettingsWithOneLine()
    {
        final EmailNotifier email = new EmailNotifier();
        assertEquals("plugins.settings.email.host is required",
            assertThrows(IllegalArgumentException.class, () -> email.configure(Map.of())).getMessage());
        assertEquals("plugins.settings.email.starttls: off, optional or required, got 'yes'",
            assertThrows(IllegalArgumentException.class, () -> email.configure(Map.of("host", "x", "from",
                "a@b.c", "starttls", "yes"))).getMessage());
        assertFalse(assertThrows(IllegalArgumentException.class, () -> email.configure(Map.of("host", "x",
            "from", "a@b.c", "username", "u"))).getMessage().isEmpty());
    }

    private static JetEvent welcome()
    {
        return new JetEvent("e-2", JetEvent.Type.USER_CREATED, Instant.now(), ALICE, null, Map.of());
    }

    private static Map<String, Object> settings(final Map<String, Object> extra)
    {
        final java.util.HashMap<String, Object> settings = new java.util.HashMap<>(Map.of(
            "host", "127.0.0.1", "port", SMTP.getSmtp().getPort(), "from", "jet@example.org"));
        settings.putAll(extra);
        return settings;
    }
}
