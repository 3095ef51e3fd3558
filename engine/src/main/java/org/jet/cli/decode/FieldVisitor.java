package org.jet.cli.decode;

/**
 * Told the fields of a record, in output order, by {@link RecordFields}.
 */
interface FieldVisitor
{
    /** @param value an unsigned 64-bit number. */
    void number(String name, long value);

    void address(String name, long hi, long lo);

    void mac(String name, long mac);

    void text(String name, String value);

    void bool(String name, boolean value);

    /** A core field the record does not carry. */
    void absent(String name);
}
