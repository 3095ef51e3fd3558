package org.jet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PairedRunTest
{
    @Test
    void shouldSetIntBooleanAndStringParamsFromTheirText()
    {
        assertEquals(4096, PairedRun.paramValue(int.class, "p.events", "4096"));
        assertEquals(true, PairedRun.paramValue(boolean.class, "p.atTheTurn", "true"));
        assertEquals(false, PairedRun.paramValue(boolean.class, "p.atTheTurn", "false"));
        assertEquals("campus 1M/100k", PairedRun.paramValue(String.class, "p.population", "campus 1M/100k"));
    }

    @Test
    void shouldRefuseABooleanParamThatIsNeitherTrueNorFalse()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> PairedRun.paramValue(boolean.class, "p.atTheTurn", "yes"));
        assertEquals("p.atTheTurn must be true or false: yes", refused.getMessage());
    }
}
