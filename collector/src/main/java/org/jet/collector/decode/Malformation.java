package org.jet.collector.decode;

/**
 * Why (part of) a datagram could not be decoded. Each reason has a one-line description for people; the decoder
 * reports the byte offset where it gave up beside it.
 */
public enum Malformation
{
    TRUNCATED_HEADER("datagram shorter than its protocol header"),
    UNKNOWN_VERSION("unknown protocol version (not NetFlow v5/v9, IPFIX or sFlow v5)"),
    LENGTH_MISMATCH("length in the header does not match the datagram"),
    COUNT_EXCEEDS_DATAGRAM("record count in the header exceeds the datagram"),
    BAD_SET_LENGTH("set/flowset length is shorter than its header or runs past the datagram"),
    BAD_SET_ID("reserved set id"),
    BAD_TEMPLATE("template record is malformed (field count, lengths or scope)"),
    TEMPLATE_LIMIT("template limit for this exporter reached; template ignored"),
    FIELD_LIMIT("template has more fields than allowed; template ignored"),
    RECORD_OVERRUN("record runs past the end of its set"),
    BAD_VARIABLE_LENGTH("variable-length field runs past the end of its set"),
    BAD_SAMPLE("sFlow sample or record length is inconsistent"),
    SAMPLE_LIMIT("more sFlow samples or records than allowed"),
    UNSUPPORTED_ADDRESS_TYPE("sFlow agent address type is neither IPv4 nor IPv6"),
    DOMAIN_LIMIT("observation domain limit for this exporter reached; datagram ignored");

    private final String description;

    Malformation(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
