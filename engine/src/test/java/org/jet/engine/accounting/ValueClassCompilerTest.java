package org.jet.engine.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

/**
 * Chronicle's run-time compilation of value classes leaves nothing in the working directory (it must work where
 * that is not writable).
 */
class ValueClassCompilerTest
{
    /** A value interface no other code uses, so its classes are compiled here, after the options were set. */
    interface Probe
    {
        long count();

        void count(long count);
    }

    @Test
    void shouldCompileValueClassesWithoutWritingToTheWorkingDirectory() throws Exception
    {
        final Path index = Path.of(System.getProperty("user.dir"), "extensions.idx");
        Files.deleteIfExists(index);

        assertTrue(ValueClassCompiler.withoutAnnotationProcessors());
        final Probe probe = Values.newHeapInstance(Probe.class);
        probe.count(42);

        assertEquals(42, probe.count());
        assertFalse(Files.exists(index), "pf4j's annotation processor ran and wrote " + index);
    }
}
