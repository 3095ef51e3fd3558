package org.jet.engine.directory;

/**
 * What an import changed.
 *
 * @param added     users that did not exist.
 * @param updated   users whose name, e-mail or cost centre changed.
 * @param unchanged users already as the file says.
 */
public record ImportResult(int added, int updated, int unchanged)
{
}
