package org.jet.engine.accounting;

/**
 * The key of {@link LiveCounters}' per-address map: a Chronicle Values interface (Chronicle generates the heap and
 * off-heap implementations), 16 bytes on disk. Part of the {@code ip.dat} file format: its name, package and
 * fields are recorded in the file, so renaming or changing them needs the file removed.
 */
public interface IpKey
{
    /** @return high 64 bits of the address (0 for IPv4, which is IPv4-mapped). */
    long hi();

    void hi(long hi);

    /** @return low 64 bits of the address. */
    long lo();

    void lo(long lo);
}
