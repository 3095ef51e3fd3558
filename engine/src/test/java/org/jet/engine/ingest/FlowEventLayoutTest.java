package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the ring's performance relies on about how this JVM lays a slot out: the fields every flow reads come first
 * ({@link FlowEventHead}), and {@link FlowEvent#touchHead} reads every cache line they are on.
 */
class FlowEventLayoutTest
{
    private static final int LINE = 64;

    @Test
    void theHeadComesFirstAndTouchingItReadsEveryLineOfIt() throws Exception
    {
        final sun.misc.Unsafe unsafe = unsafe();
        long headEnd = 0;
        for (final Field field : FlowEventHead.class.getDeclaredFields())
        {
            if (!Modifier.isStatic(field.getModifiers()))
            {
                headEnd = Math.max(headEnd, unsafe.objectFieldOffset(field) + size(field));
            }
        }
        for (final Field field : FlowEvent.class.getDeclaredFields())
        {
            if (!Modifier.isStatic(field.getModifiers()))
            {
                assertTrue(unsafe.objectFieldOffset(field) >= headEnd, field.getName() + " lies among the head");
            }
        }

        final List<Long> touched = new ArrayList<>();
        long lastEnd = 0;
        for (final String name : List.of("type", "packets", "outputIf"))
        {
            final Field field = FlowEventHead.class.getDeclaredField(name);
            touched.add(unsafe.objectFieldOffset(field));
            lastEnd = Math.max(lastEnd, unsafe.objectFieldOffset(field) + size(field));
        }
        touched.sort(null);
        assertTrue(touched.get(0) < LINE, "the first field touched is on the object's first line");
        assertTrue(lastEnd == headEnd, "the last field touched ends the head");
        for (int i = 1; i < touched.size(); i++)
        {
            assertTrue(touched.get(i) - touched.get(i - 1) < LINE, "fields touched are less than a line apart: " +
                touched);
        }
    }

    private static int size(final Field field)
    {
        return field.getType() == long.class || field.getType() == double.class ? 8 : 4;
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException
    {
        final Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return (sun.misc.Unsafe)field.get(null);
    }
}
