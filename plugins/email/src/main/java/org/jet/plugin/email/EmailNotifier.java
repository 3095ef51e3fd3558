package org.jet.plugin.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Notifier;
import org.pf4j.Extension;

/**
 * Tells users by e-mail: a welcome, warnings, shaping, suspension, restore and receipts, each as text and HTML with
 * their usage and what is left. Users without an e-mail address are skipped (done, nothing sent).
 *
 * <p>Settings: {@code host} (required), {@code port} (25), {@code starttls} ({@code off}, {@code optional} or
 * {@code required}; default off), {@code username} with {@code password} or {@code password_file} (no auth when
 * absent), {@code from} (required), {@code subject_prefix} ({@code "[Jet] "}), {@code timeout_ms} (10000).
 * A refused login or a refused recipient is not retried; a server that cannot be reached is.
 */
@Extension
public final class EmailNotifier implements Notifier
{
    private Session session;
    private InternetAddress from;
    private String prefix;
    private String username;
    private String password;

    @Override
    public String name()
    {
        return "email";
    }

    @Override
    public void configure(final Map<String, Object> settings)
    {
        final String host = required(settings, "host");
        final int port = number(settings, "port", 25);
        final String starttls = String.valueOf(settings.getOrDefault("starttls", "off"));
        if (!starttls.equals("off") && !starttls.equals("optional") && !starttls.equals("required"))
        {
            throw new IllegalArgumentException("plugins.settings.email.starttls: off, optional or required, got '" +
                starttls + "'");
        }
        try
        {
            from = new InternetAddress(required(settings, "from"), true);
        }
        catch (final AddressException ex)
        {
            throw new IllegalArgumentException("plugins.settings.email.from: not an e-mail address: " +
                ex.getMessage());
        }
        prefix = String.valueOf(settings.getOrDefault("subject_prefix", "[Jet] "));
        username = settings.get("username") == null ? null : settings.get("username").toString();
        password = password(settings);
        if ((username == null) != (password == null))
        {
            throw new IllegalArgumentException("plugins.settings.email: username and a password go together");
        }
        final int timeout = number(settings, "timeout_ms", 10_000);
        final Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.auth", Boolean.toString(username != null));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(!starttls.equals("off")));
        properties.put("mail.smtp.starttls.required", Boolean.toString(starttls.equals("required")));
        properties.put("mail.smtp.connectiontimeout", Integer.toString(timeout));
        properties.put("mail.smtp.timeout", Integer.toString(timeout));
        properties.put("mail.smtp.writetimeout", Integer.toString(timeout));
        // As in notify: the session looks its providers up through the context class loader, which in the daemon
        // may see another jakarta.mail (an embedding application's) whose classes are not this plugin's.
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(getClass().getClassLoader());
        try
        {
            session = Session.getInstance(properties);
        }
        finally
        {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void notify(final JetEvent event) throws ActionException
    {
        if (session == null)
        {
            throw new ActionException("email is not configured (plugins.settings.email)", false);
        }
        final String to = event.subject().email();
        if (to == null || to.isBlank())
        {
            return;
        }
        final Messages.Message message = Messages.of(event, prefix);
        // jakarta.mail finds its SMTP provider through the context class loader: make it the plugin's.
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(getClass().getClassLoader());
        try
        {
            final MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            mime.setSubject(message.subject(), "UTF-8");
            mime.setHeader("X-Jet-Event-Id", event.id());
            final MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), "UTF-8");
            final MimeBodyPart html = new MimeBodyPart();
            html.setContent(message.html(), "text/html; charset=UTF-8");
            mime.setContent(new MimeMultipart("alternative", text, html));
            if (username != null)
            {
                Transport.send(mime, username, password);
            }
            else
            {
                Transport.send(mime);
            }
        }
        catch (final AuthenticationFailedException ex)
        {
            throw new ActionException("SMTP login refused for " + username, false, ex);
        }
        catch (final SendFailedException ex)
        {
            throw new ActionException("recipient " + to + " refused: " + ex.getMessage(), false, ex);
        }
        catch (final AddressException ex)
        {
            throw new ActionException("not an e-mail address: " + to, false, ex);
        }
        catch (final MessagingException ex)
        {
            throw new ActionException("SMTP: " + ex.getMessage(), true, ex);
        }
        finally
        {
            thread.setContextClassLoader(previous);
        }
    }

    private static String password(final Map<String, Object> settings)
    {
        final Object inline = settings.get("password");
        final Object file = settings.get("password_file");
        if (inline != null && file != null)
        {
            throw new IllegalArgumentException("plugins.settings.email: give password or password_file, not both");
        }
        if (file == null)
        {
            return inline == null ? null : inline.toString();
        }
        try
        {
            return Files.readString(Path.of(file.toString())).strip();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("plugins.settings.email.password_file: cannot read " + file + ": " +
                ex.getMessage());
        }
    }

    private static String required(final Map<String, Object> settings, final String key)
    {
        final Object value = settings.get(key);
        if (value == null || value.toString().isBlank())
        {
            throw new IllegalArgumentException("plugins.settings.email." + key + " is required");
        }
        return value.toString();
    }

    private static int number(final Map<String, Object> settings, final String key, final int otherwise)
    {
        final Object value = settings.getOrDefault(key, otherwise);
        if (!(value instanceof Number number) || number.intValue() < 1)
        {
            throw new IllegalArgumentException("plugins.settings.email." + key + " must be a positive number");
        }
        return number.intValue();
    }
}
