package org.jet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/**
 * {@code jet --version}: the project version Maven wrote into {@code version.properties}, and the Java runtime.
 */
public final class JetVersion implements CommandLine.IVersionProvider
{
    /**
     * @return the version of this build, e.g. {@code 0.1.0}; {@code unknown} when run from unpackaged classes.
     */
    public static String version()
    {
        try (InputStream in = JetVersion.class.getResourceAsStream("version.properties"))
        {
            if (in == null)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion()
    {
        return new String[]{
            "jet " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
