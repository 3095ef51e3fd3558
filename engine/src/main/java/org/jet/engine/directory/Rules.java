package org.jet.engine.directory;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jet.engine.directory.DirectoryException.Kind;

/**
 * What a login, a cost-centre id, a name and an e-mail address may be: one place for the API, the import and the
 * session sources. Each check returns null when the value is fine, else the one-line reason.
 */
final class Rules
{
    /** RADIUS carries User-Name in one attribute: at most 253 bytes. */
    static final int MAX_LOGIN_BYTES = 253;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern COST_CENTRE_ID = Pattern.compile("[a-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");

    private Rules()
    {
    }

    static String checkLogin(final String login)
    {
        if (login == null || login.isEmpty())
        {
            return "a login is needed";
        }
        if (login.getBytes(StandardCharsets.UTF_8).length > MAX_LOGIN_BYTES)
        {
            return "login '" + abbreviate(login) + "' is longer than " + MAX_LOGIN_BYTES + " bytes";
        }
        if (!login.strip().equals(login))
        {
            return "login '" + login + "' starts or ends with a space";
        }
        if (hasControl(login))
        {
            return "login '" + printable(login) + "' contains a control character";
        }
        return null;
    }

    static String checkCostCentreId(final String id)
    {
        if (id == null || id.isEmpty())
        {
            return "a cost centre id is needed";
        }
        if (!COST_CENTRE_ID.matcher(id).matches())
        {
            return "cost centre id '" + printable(abbreviate(id)) + "' is not valid (1 to 64 of a-z 0-9 . _ -)";
        }
        return null;
    }

    static String checkName(final String name)
    {
        if (name != null && name.length() > MAX_NAME_LENGTH)
        {
            return "name '" + abbreviate(name) + "' is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (name != null && hasControl(name))
        {
            return "name '" + printable(name) + "' contains a control character";
        }
        return null;
    }

    static String checkEmail(final String email)
    {
        if (email != null && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()))
        {
            return "e-mail address '" + printable(abbreviate(email)) + "' is not valid (expected NAME@DOMAIN)";
        }
        return null;
    }

    /** Throws the reason of the first failed check as {@link Kind#INVALID}. */
    static void require(final String... problems)
    {
        for (final String problem : problems)
        {
            if (problem != null)
            {
                throw new DirectoryException(Kind.INVALID, problem);
            }
        }
    }

    /** @return null for null or blank (an optional field left empty), else the value without outer spaces. */
    static String optional(final String value)
    {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean hasControl(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.isISOControl(text.charAt(i)))
            {
                return true;
            }
        }
        return false;
    }

    private static String printable(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isISOControl(c))
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

    private static String abbreviate(final String text)
    {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
