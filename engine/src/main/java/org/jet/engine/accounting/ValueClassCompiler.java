package org.jet.engine.accounting;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.openhft.compiler.CachedCompiler;
import net.openhft.compiler.CompilerUtils;

/**
 * Chronicle Values compiles the classes behind {@link IpKey} and {@link UsageValue} at run time with javac, which
 * runs every annotation processor on the class path: pf4j's (Jet's plugin API brings it) then writes
 * {@code extensions.idx} into the working directory, and fails the compilation where that directory is not
 * writable. Its compiler takes no options from outside, so {@code -proc:none} is added to the shared one's here,
 * before the first class is compiled.
 */
final class ValueClassCompiler
{
    private static final String NO_PROCESSORS = "-proc:none";

    private ValueClassCompiler()
    {
    }

    /** @return whether the shared compiler now runs no annotation processor (false: left as it was). */
    static synchronized boolean withoutAnnotationProcessors()
    {
        try
        {
            final CachedCompiler compiler = CompilerUtils.CACHED_COMPILER;
            final Field field = CachedCompiler.class.getDeclaredField("options");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            final List<String> options = (List<String>)field.get(compiler);
            if (!options.contains(NO_PROCESSORS))
            {
                final List<String> with = new ArrayList<>(options);
                with.add(NO_PROCESSORS);
                field.set(compiler, Collections.unmodifiableList(with));
            }
            return true;
        }
        catch (final ReflectiveOperationException | RuntimeException | LinkageError ex)
        {
            return false;
        }
    }
}
