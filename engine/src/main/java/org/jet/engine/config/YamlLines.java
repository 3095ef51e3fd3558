package org.jet.engine.config;

import java.io.StringReader;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Finds the line of a dotted key ({@code ring.size}) in YAML text, so that a mistake found after binding (a value
 * out of range) is still reported at the line where it was written.
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
            if (!(node instanceof MappingNode mapping))
            {
                return line;
            }
            Node next = null;
            for (final NodeTuple tuple : mapping.getValue())
            {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(part))
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
        }
        return line;
    }
}
