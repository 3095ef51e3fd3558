package org.jet.cli.config;

import java.nio.file.Path;

import org.jet.cli.UserException;
import org.jet.engine.config.ConfigException;
import org.jet.engine.config.ConfigLoader;
import org.jet.engine.config.JetConfig;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, shared by the commands that need Jet's configuration. Without it, the embedded defaults.
 */
public final class ConfigOption
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Configuration file (YAML; see conf/jet.yml). Default: the embedded defaults.")
    private Path file;

    public Path file()
    {
        return file;
    }

    /**
     * @return the configuration; its mistakes become a {@link UserException}, one {@code FILE:LINE: message} each.
     */
    public JetConfig load()
    {
        if (file == null)
        {
            return JetConfig.defaults();
        }
        try
        {
            return ConfigLoader.load(file);
        }
        catch (final ConfigException ex)
        {
            throw new UserException(String.join(System.lineSeparator(), ex.problems()));
        }
    }
}
