package org.jet.cli.output;

/**
 * How a command prints a list: a table for people, JSON (the API's document) or CSV for scripts.
 */
public enum ListFormat
{
    TABLE, JSON, CSV
}
