package org.jet.engine.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jet.plugin.api.EdgeDevice;
import org.jet.plugin.api.JetExtension;
import org.jet.plugin.api.Notifier;
import org.jet.plugin.api.PaymentGateway;
import org.jet.plugin.api.QuotaAction;
import org.jet.plugin.api.SessionSource;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a distribution: every jar in its {@code plugins/} directory, loaded and started by pf4j, each in
 * its own class loader; and the Jet extensions they provide, by kind. A plugin that fails to load is reported by
 * name and reason, and the others still load.
 */
public final class PluginHost implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
    private static final List<Class<? extends JetExtension>> KINDS = List.of(Notifier.class, EdgeDevice.class,
        QuotaAction.class, PaymentGateway.class, SessionSource.class);

    /**
     * A Jet extension found in a plugin.
     *
     * @param plugin  the plugin's id.
     * @param version the plugin's version.
     * @param kind    notifier, edge-device, quota-action, payment-gateway or session-source.
     * @param name    the extension's {@link JetExtension#name()}.
     * @param type    its class name.
     */
    public record Loaded(String plugin, String version, String kind, String name, String type,
        JetExtension extension)
    {
    }

    /**
     * A plugin that did not start.
     *
     * @param plugin its id, or its file when it has no valid descriptor.
     * @param reason one line.
     */
    public record Failed(String plugin, String reason)
    {
    }

    private final PluginManager manager;
    private final List<Loaded> extensions = new ArrayList<>();
    private final List<Failed> failures = new ArrayList<>();

    private PluginHost(final PluginManager manager)
    {
        this.manager = manager;
    }

    /**
     * Loads and starts the plugins of a directory; a missing directory holds none.
     */
    public static PluginHost load(final Path directory)
    {
        final PluginManager manager = new DefaultPluginManager(directory.toAbsolutePath());
        final PluginHost host = new PluginHost(manager);
        if (!Files.isDirectory(directory))
        {
            return host;
        }
        manager.loadPlugins();
        host.failures.addAll(notPlugins(directory, manager));
        manager.startPlugins();
        for (final PluginWrapper plugin : manager.getPlugins())
        {
            if (plugin.getPluginState() != PluginState.STARTED)
            {
                final Throwable error = plugin.getFailedException();
                host.failures.add(new Failed(plugin.getPluginId(), error != null ? oneLine(error) :
                    "not started (" + plugin.getPluginState() + ")"));
            }
        }
        for (final Class<? extends JetExtension> kind : KINDS)
        {
            for (final PluginWrapper plugin : manager.getStartedPlugins())
            {
                try
                {
                    for (final JetExtension extension : manager.getExtensions(kind, plugin.getPluginId()))
                    {
                        host.extensions.add(new Loaded(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                            kindName(kind), extension.name(), extension.getClass().getName(), extension));
                    }
                }
                catch (final RuntimeException | LinkageError ex)
                {
                    host.failures.add(new Failed(plugin.getPluginId(), oneLine(ex)));
                }
            }
        }
        host.extensions.sort(Comparator.comparing(Loaded::kind).thenComparing(Loaded::name));
        for (final Failed failed : host.failures)
        {
            LOG.error("plugin {} did not load: {}", failed.plugin(), failed.reason());
        }
        return host;
    }

    /**
     * pf4j skips what is not a plugin with a stack trace in its log (silenced in simplelogger.properties); this says
     * it in one line.
     */
    private static List<Failed> notPlugins(final Path directory, final PluginManager manager)
    {
        final java.util.Set<Path> loaded = new java.util.HashSet<>();
        manager.getPlugins().forEach(plugin -> loaded.add(plugin.getPluginPath().toAbsolutePath().normalize()));
        final List<Failed> skipped = new ArrayList<>();
        try (java.util.stream.Stream<Path> entries = Files.list(directory))
        {
            // What pf4j would try to load: jars, zips and directories (a README beside them is not a plugin).
            entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                .filter(entry -> Files.isDirectory(entry) || entry.getFileName().toString().endsWith(".jar") ||
                    entry.getFileName().toString().endsWith(".zip"))
                .filter(entry -> !loaded.contains(entry.toAbsolutePath().normalize()))
                .sorted()
                .forEach(entry -> skipped.add(new Failed(entry.getFileName().toString(),
                    "not a plugin (a plugin is a jar, or a directory, whose manifest names a Plugin-Id)")));
        }
        catch (final java.io.IOException ex)
        {
            skipped.add(new Failed(directory.toString(), "cannot be listed: " + ex.getMessage()));
        }
        return skipped;
    }

    /** @return every extension loaded, by kind then name. */
    public List<Loaded> extensions()
    {
        return List.copyOf(extensions);
    }

    /** @return the extensions of one kind. */
    public <T extends JetExtension> List<T> extensions(final Class<T> kind)
    {
        final List<T> found = new ArrayList<>();
        for (final Loaded loaded : extensions)
        {
            if (kind.isInstance(loaded.extension()))
            {
                found.add(kind.cast(loaded.extension()));
            }
        }
        return found;
    }

    /**
     * Configures the extensions named in the config and returns them, in the order named.
     *
     * @throws PluginException when a name matches no loaded extension, or an extension refuses its settings.
     */
    public List<JetExtension> enable(final List<String> names,
        final java.util.Map<String, java.util.Map<String, Object>> settings)
    {
        final List<JetExtension> enabled = new ArrayList<>();
        for (final String name : names)
        {
            final Loaded loaded = extensions.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(
                () -> new PluginException("plugins.enabled: no extension named '" + name + "' is loaded (loaded: " +
                    extensions.stream().map(Loaded::name).toList() + "; see jet plugins list)"));
            try
            {
                loaded.extension().configure(settings.getOrDefault(name, java.util.Map.of()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new PluginException(ex.getMessage());
            }
            enabled.add(loaded.extension());
        }
        for (final String name : settings.keySet())
        {
            if (!names.contains(name))
            {
                LOG.warn("plugins.settings.{} is set but '{}' is not in plugins.enabled: it does nothing", name, name);
            }
        }
        return enabled;
    }

    /** @return plugins that did not start, with why. */
    public List<Failed> failures()
    {
        return List.copyOf(failures);
    }

    /** @return the extension kind's name as operators read it: {@code edge-device} for {@link EdgeDevice}. */
    static String kindName(final Class<? extends JetExtension> kind)
    {
        return kind.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String oneLine(final Throwable error)
    {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String message = root.getMessage();
        return (message == null ? root.getClass().getSimpleName() : message).replace('\n', ' ');
    }

    @Override
    public void close()
    {
        // One by one: pf4j 3.15.0's stopPlugins() throws a ConcurrentModificationException (pf4j #656).
        for (final PluginWrapper plugin : new ArrayList<>(manager.getStartedPlugins()))
        {
            manager.stopPlugin(plugin.getPluginId());
        }
    }
}
