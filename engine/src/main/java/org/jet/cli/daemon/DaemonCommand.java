package org.jet.cli.daemon;

import java.net.BindException;
import java.util.concurrent.CountDownLatch;

import org.jet.cli.ExitCode;
import org.jet.cli.JetVersion;
import org.jet.cli.UserException;
import org.jet.cli.config.ConfigOption;
import org.jet.engine.config.JetConfig;
import org.jet.engine.daemon.Daemon;
import org.jet.engine.plugin.PluginException;
import org.jet.engine.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/**
 * {@code jet daemon}: runs the collector in the foreground until SIGTERM or SIGINT, then stops reading, drains the
 * ring into the engine, persists state and exits 0. This is what the systemd unit runs.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    versionProvider = JetVersion.class,
    description = {
        "Run the flow collector in the foreground (what systemd runs); stop it with SIGTERM or Ctrl-C.",
        "",
        "Without --config it runs on the embedded defaults: flows on UDP 2055, 4739 and 6343 from loopback " +
            "exporters only, state in ./data, the HTTP API (/metrics, /api/v1) on 127.0.0.1:7055.",
    })
public final class DaemonCommand implements java.util.concurrent.Callable<Integer>
{
    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws Exception
    {
        final JetConfig jetConfig = config.load();
        final CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (rather than in a shutdown hook) lets the daemon drain and exit 0.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());

        final Daemon daemon;
        try
        {
            daemon = Daemon.start(jetConfig);
        }
        catch (final BindException ex)
        {
            throw new UserException("cannot listen: " + ex.getMessage() + " (another collector on the same port? " +
                "change 'listen' or 'http.listen' in the config)");
        }
        catch (final StoreException | PluginException ex)
        {
            throw new UserException(ex.getMessage());
        }
        try
        {
            stop.await();
        }
        finally
        {
            daemon.close();
        }
        return ExitCode.OK;
    }
}
