package org.jet.engine.config;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@link JetConfig} from YAML. Unknown keys are errors (a typo must not silently become a default), and every
 * mistake is reported as {@code FILE:LINE: message}; all unknown keys are reported at once.
 */
public final class ConfigLoader
{
    private ConfigLoader()
    {
    }

    public static JetConfig load(final Path file) throws ConfigException
    {
        final String text;
        try
        {
            text = Files.readString(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(List.of(file + ": no such file"));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of(file + ": cannot read: " + ex.getMessage()));
        }
        return parse(file.toString(), text);
    }

    /**
     * @param name what to call the source in messages.
     * @param yaml the YAML text; empty text means all defaults.
     */
    public static JetConfig parse(final String name, final String yaml) throws ConfigException
    {
        if (yaml.isBlank())
        {
            return JetConfig.defaults();
        }
        final List<String> problems = new ArrayList<>();
        final YamlLines lines = new YamlLines(yaml);
        final YAMLMapper mapper = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addHandler(new UnknownKeyCollector(name, lines, problems))
            .build();
        try
        {
            final JetConfig config = mapper.readValue(yaml, JetConfig.class);
            if (!problems.isEmpty())
            {
                throw new ConfigException(problems);
            }
            return config != null ? config : JetConfig.defaults();
        }
        catch (final JsonProcessingException ex)
        {
            problems.add(describe(name, lines, ex));
            throw new ConfigException(problems);
        }
    }

    private static String describe(final String name, final YamlLines lines, final JsonProcessingException ex)
    {
        final String where = name + ":" + line(ex.getLocation()) + ": ";
        final String key = ex instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        final String prefix = key.isEmpty() ? "" : key + ": ";
        Throwable cause = ex.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException))
        {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException || ex instanceof ValueInstantiationException && cause != null)
        {
            // Checks in the config records name their key first ("ring.size must be ..."): point at its line.
            final String message = cause.getMessage();
            final String named = message.split(" ", 2)[0];
            final int line = named.contains(".") ? lines.lineOf(named) : 0;
            return line > 0 ? name + ":" + line + ": " + message : where + prefix + message;
        }
        if (ex instanceof InvalidFormatException invalid)
        {
            final Class<?> target = invalid.getTargetType();
            final String expected = target.isEnum() ? "one of " + enumValues(target) : "a " + typeName(target);
            return where + prefix + "expected " + expected + ", got '" + invalid.getValue() + "'";
        }
        if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
        {
            return where + prefix + "expected " + typeName(mismatch.getTargetType());
        }
        return where + prefix + ex.getOriginalMessage();
    }

    private static String typeName(final Class<?> type)
    {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
        {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class)
        {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type))
        {
            return "list";
        }
        if (type.isRecord())
        {
            return "section (key: value lines)";
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String enumValues(final Class<?> type)
    {
        final List<String> values = new ArrayList<>();
        for (final Object constant : type.getEnumConstants())
        {
            values.add(constant.toString().toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(", ", values);
    }

    private static int line(final JsonLocation location)
    {
        return location == null ? 0 : location.getLineNr();
    }

    private static String path(final List<JsonMappingException.Reference> references)
    {
        final StringBuilder path = new StringBuilder();
        for (final JsonMappingException.Reference reference : references)
        {
            if (reference.getFieldName() != null)
            {
                if (path.length() > 0)
                {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0)
            {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Each record type of the file to where it sits: {@code Ring -> "ring."}, list items as
     * {@code "radius.clients[*]."}.
     */
    private static final Map<Class<?>, String> SECTIONS = sections(JetConfig.class, "", new HashMap<>());
    /** Keys earlier versions shipped, with what to do about them: an upgraded config says more than "unknown". */
    private static final Map<String, String> REMOVED = Map.of(
        "receive.transport", "the readers now choose for themselves (recvmmsg on Linux, see receive.batched): delete the line");

    private static Map<Class<?>, String> sections(final Class<?> record, final String path,
        final Map<Class<?>, String> sections)
    {
        for (final RecordComponent component : record.getRecordComponents())
        {
            final String key = path +
                PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
            Class<?> type = component.getType();
            String suffix = ".";
            if (List.class.isAssignableFrom(type) &&
                component.getGenericType() instanceof ParameterizedType list &&
                list.getActualTypeArguments()[0] instanceof Class<?> element)
            {
                type = element;
                suffix = "[*].";
            }
            if (type.isRecord() && !sections.containsKey(type))
            {
                sections.put(type, key + suffix);
                sections(type, key + suffix, sections);
            }
        }
        return sections;
    }

    /**
     * Records every unknown key with its line and skips it, so one run reports all of them.
     */
    private static final class UnknownKeyCollector extends DeserializationProblemHandler
    {
        private final String name;
        private final YamlLines lines;
        private final List<String> problems;
        /** Unknown keys per pattern so far: the second "clients[*].x" is in a later item than the first. */
        private final Map<String, Integer> reported = new HashMap<>();

        UnknownKeyCollector(final String name, final YamlLines lines, final List<String> problems)
        {
            this.name = name;
            this.lines = lines;
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(
            final DeserializationContext context,
            final JsonParser parser,
            final JsonDeserializer<?> deserializer,
            final Object beanOrClass,
            final String propertyName) throws IOException
        {
            final Collection<Object> known = deserializer.getKnownPropertyNames();
            // Where the record sits in the file comes from JetConfig's structure; which list item, from the text
            // (the parser's context is no guide: record properties are buffered and replayed).
            final String section = SECTIONS.getOrDefault(deserializer.handledType(), "");
            final String pattern = section + propertyName;
            final int seen = reported.merge(pattern, 1, Integer::sum) - 1;
            final YamlLines.Location location = lines.locate(pattern, seen);
            final String key = location.key();
            final String removed = REMOVED.get(pattern);
            if (removed != null)
            {
                problems.add(name + ":" + location.line() + ": key '" + key + "' was removed; " + removed);
            }
            else
            {
                problems.add(name + ":" + location.line() + ": unknown key '" + key + "'" +
                    (known == null || known.isEmpty() ? "" : " (known keys here: " +
                    String.join(", ", known.stream().map(String::valueOf).sorted().toList()) + ")"));
            }
            parser.skipChildren();
            return true;
        }
    }
}
