package org.jet.engine.session;

import java.util.function.BiConsumer;

/**
 * An open-addressing hash map from a 128-bit address (two longs) to an object, for the engine thread: a lookup
 * allocates nothing, unlike a map keyed by an address object. Linear probing over parallel arrays; removal uses
 * backward-shift deletion so there are no tombstones.
 *
 * @param <V> the value.
 */
final class AddressMap<V>
{
    private static final float LOAD = 0.6f;

    private long[] hi;
    private long[] lo;
    private Object[] values;
    private int size;
    private int mask;

    AddressMap(final int expected)
    {
        allocate(capacityFor(expected));
    }

    @SuppressWarnings("unchecked")
    V get(final long keyHi, final long keyLo)
    {
        for (int i = slot(keyHi, keyLo); ; i = (i + 1) & mask)
        {
            final Object value = values[i];
            if (value == null)
            {
                return null;
            }
            if (hi[i] == keyHi && lo[i] == keyLo)
            {
                return (V)value;
            }
        }
    }

    void put(final long keyHi, final long keyLo, final V value)
    {
        int i = slot(keyHi, keyLo);
        while (values[i] != null)
        {
            if (hi[i] == keyHi && lo[i] == keyLo)
            {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        hi[i] = keyHi;
        lo[i] = keyLo;
        values[i] = value;
        if (++size > (mask + 1) * LOAD)
        {
            rehash(values.length * 2);
        }
    }

    void remove(final long keyHi, final long keyLo)
    {
        int i = slot(keyHi, keyLo);
        while (values[i] != null)
        {
            if (hi[i] == keyHi && lo[i] == keyLo)
            {
                values[i] = null;
                size--;
                shiftBack(i);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int size()
    {
        return size;
    }

    @SuppressWarnings("unchecked")
    void forEach(final BiConsumer<long[], V> action)
    {
        final long[] key = new long[2];
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] != null)
            {
                key[0] = hi[i];
                key[1] = lo[i];
                action.accept(key, (V)values[i]);
            }
        }
    }

    private void shiftBack(final int removed)
    {
        int gap = removed;
        int i = (removed + 1) & mask;
        while (values[i] != null)
        {
            final int home = slot(hi[i], lo[i]);
            // Move the entry into the gap when its home is not between the gap and its slot (cyclically).
            if (((i - home) & mask) >= ((i - gap) & mask))
            {
                hi[gap] = hi[i];
                lo[gap] = lo[i];
                values[gap] = values[i];
                values[i] = null;
                gap = i;
            }
            i = (i + 1) & mask;
        }
    }

    private int slot(final long keyHi, final long keyLo)
    {
        long h = keyHi * 0x9E37_79B9_7F4A_7C15L ^ keyLo;
        h *= 0xC2B2_AE3D_27D4_EB4FL;
        return (int)(h ^ (h >>> 32)) & mask;
    }

    private void rehash(final int capacity)
    {
        final long[] oldHi = hi;
        final long[] oldLo = lo;
        final Object[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++)
        {
            if (oldValues[i] != null)
            {
                int j = slot(oldHi[i], oldLo[i]);
                while (values[j] != null)
                {
                    j = (j + 1) & mask;
                }
                hi[j] = oldHi[i];
                lo[j] = oldLo[i];
                values[j] = oldValues[i];
            }
        }
    }

    private void allocate(final int capacity)
    {
        hi = new long[capacity];
        lo = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    private static int capacityFor(final int expected)
    {
        final int wanted = (int)Math.min(1 << 30, (long)(Math.max(16, expected) / LOAD) + 1);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
