package org.jet.collector.record;

/**
 * What a {@link FlowRecord} describes, and the version number used for sFlow records.
 */
public final class RecordKind
{
    /** A flow: a data record of a data template, a v5 record or an sFlow flow sample. */
    public static final int FLOW = 0;
    /** A data record of an options template (sampling, interface or application tables...). */
    public static final int OPTIONS = 1;
    /** An sFlow counter sample. */
    public static final int COUNTER = 2;

    /** {@link FlowRecord#version()} of records decoded from sFlow v5 datagrams (v5 is taken by NetFlow v5). */
    public static final int SFLOW_VERSION = 105;

    private RecordKind()
    {
    }

    public static String name(final int kind)
    {
        switch (kind)
        {
            case FLOW:
                return "flow";
            case OPTIONS:
                return "options";
            case COUNTER:
                return "counter";
            default:
                return "unknown";
        }
    }
}
