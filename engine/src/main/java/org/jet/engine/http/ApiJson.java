package org.jet.engine.http;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;

/**
 * JSON in and out of the API, one way for every route: snake_case keys (like the config file and the CLI's JSON
 * output), errors as {@code {"error": "one line"}}.
 */
public final class ApiJson
{
    public static final ObjectMapper MAPPER = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ApiJson()
    {
    }

    /** Answers {@code status} with {@code body} as JSON. */
    public static void send(final Context ctx, final int status, final Object body) throws IOException
    {
        ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    }

    /** Answers 200 with {@code body} as JSON. */
    public static void send(final Context ctx, final Object body) throws IOException
    {
        send(ctx, 200, body);
    }

    /** Answers {@code status} with {@code {"error": message}} and, when there are any, {@code "problems": [...]}. */
    public static void error(final Context ctx, final int status, final String message, final List<String> problems)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (problems != null && !problems.isEmpty())
        {
            body.put("problems", problems);
        }
        try
        {
            send(ctx, status, body);
        }
        catch (final IOException ex)
        {
            ctx.status(status).result(message);
        }
    }

    /**
     * @param known the fields the route understands: any other is a mistake worth telling (a typo would otherwise
     *              be ignored silently).
     * @return the request body as a JSON object.
     * @throws ApiException 400 when the body is not a JSON object or has an unknown field.
     */
    public static JsonNode readObject(final Context ctx, final List<String> known)
    {
        final JsonNode body;
        try
        {
            body = MAPPER.readTree(ctx.bodyAsBytes());
        }
        catch (final JsonProcessingException ex)
        {
            throw new ApiException(400, "the request body is not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new ApiException(400, "the request body could not be read: " + ex.getMessage());
        }
        if (body == null || !body.isObject())
        {
            throw new ApiException(400, "the request body must be a JSON object");
        }
        for (final Iterator<String> names = body.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!known.contains(name))
            {
                throw new ApiException(400, "unknown field '" + name + "' (known: " + String.join(", ", known) + ")");
            }
        }
        return body;
    }

    /**
     * @return the text of {@code field}; null when absent; {@code ""} when JSON null (so a PATCH can clear it).
     * @throws ApiException 400 when it is not a string.
     */
    public static String text(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (value == null)
        {
            return null;
        }
        if (value.isNull())
        {
            return "";
        }
        if (!value.isTextual())
        {
            throw new ApiException(400, "field '" + field + "' must be a string");
        }
        return value.asText();
    }
}
