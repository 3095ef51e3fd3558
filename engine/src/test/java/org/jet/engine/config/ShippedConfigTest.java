package org.jet.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conf/jet.yml shipped in the distribution documents the defaults: it must load, and change nothing. The sysctl
 * drop-in shipped beside the systemd unit lets the kernel grant the socket buffer those defaults ask for.
 */
class ShippedConfigTest
{
    private static final Path SHIPPED = Path.of("../packaging/src/main/dist/conf/jet.yml");
    private static final Path SYSCTL = Path.of("../packaging/src/main/dist/systemd/60-jet.conf");

    @Test
    void shouldLoadTheShippedConfigAsExactlyTheDefaults() throws Exception
    {
        assertTrue(Files.isRegularFile(SHIPPED), SHIPPED.toAbsolutePath().toString());

        assertEquals(JetConfig.defaults(), ConfigLoader.load(SHIPPED));
    }

    @Test
    void shouldLetTheKernelGrantTheDefaultReceiveBuffer() throws Exception
    {
        final Matcher rmemMax = Pattern.compile("(?m)^net\\.core\\.rmem_max\\s*=\\s*(\\d+)\\s*$")
            .matcher(Files.readString(SYSCTL));

        assertTrue(rmemMax.find(), SYSCTL + " sets no net.core.rmem_max");
        assertEquals((long)JetConfig.defaults().receive().receiveBufferBytes(), Long.parseLong(rmemMax.group(1)));
    }
}
