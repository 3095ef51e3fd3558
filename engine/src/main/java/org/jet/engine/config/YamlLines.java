package org.jet.engine.config;

import java.io.StringReader;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a dotted key ({@code ring.size}, {@code radius.clients[1].secret_file}) in YAML text, so that a
 * mistake found after binding (a value out of range) is still reported at the line where it was written.
 */
final class YamlLines
{
    private final Node root;

    YamlLines(final String yaml)
    {
        Node parsed;
        try
        {
            parsed = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        }
        catch (final RuntimeException ex)
        {
            parsed = null;
        }
        this.root = parsed;
    }

    /**
     * Where a key is, and its name with list indices filled in.
     *
     * @param key  the dotted key with indices, {@code radius.clients[1]}.
     * @param line its 1-based line, 0 when not in the text.
     */
    record Location(String key, int line)
    {
    }

    /**
     * @return the 1-based line of the key, or of the deepest part of it that is in the text, or 0.
     */
    int lineOf(final String dottedKey)
    {
        return locate(dottedKey, 0).line();
    }

    /**
     * @param pattern a dotted key whose list parts are {@code name[N]} (item N) or {@code name[*]} (the first item
     *                holding the next part of the key).
     * @param skip    for {@code [*]}: how many matching items to pass over first.
     */
    Location locate(final String pattern, final int skip)
    {
        final String[] parts = pattern.split("\\.");
        final StringBuilder key = new StringBuilder();
        Node node = root;
        int line = 0;
        for (int p = 0; p < parts.length; p++)
        {
            final String part = parts[p];
            final int bracket = part.indexOf('[');
            final String name = bracket < 0 ? part : part.substring(0, bracket);
            key.append(p == 0 ? "" : ".").append(name);
            final NodeTuple tuple = find(node, name);
            if (tuple == null)
            {
                return new Location(key + rest(parts, p, bracket < 0 ? "" : part.substring(bracket)), line);
            }
            line = tuple.getKeyNode().getStartMark().getLine() + 1;
            node = tuple.getValueNode();
            if (bracket < 0)
            {
                continue;
            }
            final String index = part.substring(bracket + 1, part.length() - 1);
            final int item = node instanceof SequenceNode sequence ? item(sequence, index, p + 1 < parts.length ?
                parts[p + 1].replaceFirst("\\[.*", "") : null, skip) : -1;
            if (item < 0)
            {
                return new Location(key + rest(parts, p, "[" + index + "]"), line);
            }
            key.append('[').append(item).append(']');
            node = ((SequenceNode)node).getValue().get(item);
            line = node.getStartMark().getLine() + 1;
        }
        return new Location(key.toString(), line);
    }

    private static NodeTuple find(final Node node, final String name)
    {
        if (node instanceof MappingNode mapping)
        {
            for (final NodeTuple tuple : mapping.getValue())
            {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name))
                {
                    return tuple;
                }
            }
        }
        return null;
    }

    /**
     * @return the item {@code index} names: a number, or {@code *} for the first item (after {@code skip}) that holds
     *         {@code nextKey}; -1 when there is none.
     */
    private static int item(final SequenceNode sequence, final String index, final String nextKey, final int skip)
    {
        final int size = sequence.getValue().size();
        if (!index.equals("*"))
        {
            try
            {
                final int item = Integer.parseInt(index);
                return item < size ? item : -1;
            }
            catch (final NumberFormatException ex)
            {
                return -1;
            }
        }
        int toSkip = skip;
        for (int i = 0; i < size; i++)
        {
            if (nextKey == null || find(sequence.getValue().get(i), nextKey) != null)
            {
                if (toSkip-- == 0)
                {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String rest(final String[] parts, final int from, final String suffix)
    {
        final StringBuilder rest = new StringBuilder(suffix);
        for (int p = from + 1; p < parts.length; p++)
        {
            rest.append('.').append(parts[p]);
        }
        return rest.toString();
    }
}
