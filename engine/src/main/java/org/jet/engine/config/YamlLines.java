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
     * @return the 1-based line of the key, or 0 when it is not in the text.
     */
    int lineOf(final String dottedKey)
    {
        Node node = root;
        int line = 0;
        for (final String part : dottedKey.split("\\."))
        {
            final int bracket = part.indexOf('[');
            final String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!(node instanceof MappingNode mapping))
            {
                return line;
            }
            Node next = null;
            for (final NodeTuple tuple : mapping.getValue())
            {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name))
                {
                    line = key.getStartMark().getLine() + 1;
                    next = tuple.getValueNode();
                    break;
                }
            }
            if (next == null)
            {
                return line;
            }
            node = next;
            if (bracket >= 0)
            {
                // "clients[2]": the third item of the list under "clients".
                final int index = index(part, bracket);
                if (!(node instanceof SequenceNode sequence) || index < 0 || index >= sequence.getValue().size())
                {
                    return line;
                }
                node = sequence.getValue().get(index);
                line = node.getStartMark().getLine() + 1;
            }
        }
        return line;
    }

    private static int index(final String part, final int bracket)
    {
        final int close = part.indexOf(']', bracket);
        try
        {
            return close < 0 ? -1 : Integer.parseInt(part.substring(bracket + 1, close));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
