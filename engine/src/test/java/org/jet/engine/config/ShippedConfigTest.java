package org.jet.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conf/jet.yml shipped in the distribution documents the defaults: it must load, and change nothing.
 */
class ShippedConfigTest
{
    private static final Path SHIPPED = Path.of("../packaging/src/main/dist/conf/jet.yml");

    @Test
    void shouldLoadTheShippedConfigAsExactlyTheDefaults() throws Exception
    {
        assertTrue(Files.isRegularFile(SHIPPED), SHIPPED.toAbsolutePath().toString());

        assertEquals(JetConfig.defaults(), ConfigLoader.load(SHIPPED));
    }
}
