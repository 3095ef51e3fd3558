package org.jet.plugin.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.jet.plugin.api.ActionException;
import org.jet.plugin.api.JetEvent;
import org.jet.plugin.api.Notifier;
import org.pf4j.Extension;

/**
 * Writes each event as one JSON line to a file: the smallest notifier worth having (another program can tail the
 * file), and the model docs/plugins.md walks through. Settings: {@code path}, the file (required).
 */
@Extension
public final class JsonLinesNotifier implements Notifier
{
    private Path path;

    @Override
    public String name()
    {
        return "json-lines";
    }

    @Override
    public void configure(final Map<String, Object> settings)
    {
        final Object value = settings.get("path");
        if (!(value instanceof String text) || text.isBlank())
        {
            throw new IllegalArgumentException("plugins.settings.json-lines.path: a file name is needed");
        }
        path = Path.of(text);
    }

    @Override
    public void notify(final JetEvent event) throws ActionException
    {
        if (path == null)
        {
            throw new ActionException("json-lines is not configured (plugins.settings.json-lines.path)", false);
        }
        final String line = "{\"id\":\"" + escape(event.id()) + "\",\"type\":\"" + event.type() + "\",\"time\":\"" +
            event.time() + "\",\"login\":\"" + escape(event.subject().login()) + "\"}\n";
        try
        {
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            // A full disk or a missing directory may be fixed by the operator: worth trying again later.
            throw new ActionException("cannot write " + path + ": " + ex.getMessage(), true, ex);
        }
    }

    private static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }
}
