package org.jet.collector.record;

/**
 * Presence bits of {@link FlowRecord} fields. A setter of {@link FlowRecord} sets its bit; {@link FlowRecord#has}
 * tests it. One bit per field, so a template's set of fields is a single {@code long}.
 */
public final class Field
{
    public static final long SRC_ADDR = 1L;
    public static final long DST_ADDR = 1L << 1;
    public static final long SRC_PORT = 1L << 2;
    public static final long DST_PORT = 1L << 3;
    public static final long PROTOCOL = 1L << 4;
    public static final long TCP_FLAGS = 1L << 5;
    public static final long TOS = 1L << 6;
    public static final long IP_VERSION = 1L << 7;

    public static final long BYTES = 1L << 8;
    public static final long PACKETS = 1L << 9;
    public static final long BYTES_TOTAL = 1L << 10;
    public static final long PACKETS_TOTAL = 1L << 11;
    public static final long OUT_BYTES = 1L << 12;
    public static final long OUT_PACKETS = 1L << 13;
    public static final long INITIATOR_OCTETS = 1L << 14;
    public static final long RESPONDER_OCTETS = 1L << 15;
    public static final long INITIATOR_PACKETS = 1L << 16;
    public static final long RESPONDER_PACKETS = 1L << 17;
    public static final long REVERSE_BYTES = 1L << 18;
    public static final long REVERSE_PACKETS = 1L << 19;

    public static final long SAMPLING_RATE = 1L << 20;
    /** The sampling rate is the configured default, not one the exporter told. */
    public static final long SAMPLING_UNKNOWN = 1L << 21;
    public static final long SAMPLER_ID = 1L << 22;
    public static final long SAMPLING_ALGORITHM = 1L << 23;

    public static final long START = 1L << 24;
    public static final long END = 1L << 25;

    public static final long INPUT_IF = 1L << 26;
    public static final long OUTPUT_IF = 1L << 27;
    public static final long DIRECTION = 1L << 28;
    public static final long SRC_AS = 1L << 29;
    public static final long DST_AS = 1L << 30;
    public static final long SRC_MASK = 1L << 31;
    public static final long DST_MASK = 1L << 32;
    public static final long NEXT_HOP = 1L << 33;
    public static final long VLAN_ID = 1L << 34;
    public static final long POST_VLAN_ID = 1L << 35;
    public static final long SRC_MAC = 1L << 36;
    public static final long DST_MAC = 1L << 37;

    public static final long POST_NAT_SRC_ADDR = 1L << 38;
    public static final long POST_NAT_DST_ADDR = 1L << 39;
    public static final long POST_NAT_SRC_PORT = 1L << 40;
    public static final long POST_NAT_DST_PORT = 1L << 41;
    public static final long FIREWALL_EVENT = 1L << 42;
    public static final long FW_EXT_EVENT = 1L << 43;
    public static final long NAT_EVENT = 1L << 44;
    public static final long ICMP_TYPE = 1L << 45;
    public static final long ICMP_CODE = 1L << 46;
    public static final long FLOW_END_REASON = 1L << 47;

    public static final long IF_COUNTERS = 1L << 48;

    /** Counters beyond bytes and packets: totals, post, initiator/responder, biflow reverse. */
    public static final long GROUP_EXTRA_COUNTERS = BYTES_TOTAL | PACKETS_TOTAL | OUT_BYTES | OUT_PACKETS |
        INITIATOR_OCTETS | RESPONDER_OCTETS | INITIATOR_PACKETS | RESPONDER_PACKETS | REVERSE_BYTES | REVERSE_PACKETS;
    public static final long GROUP_SAMPLER = SAMPLER_ID | SAMPLING_ALGORITHM;
    public static final long GROUP_ROUTING = SRC_AS | DST_AS | SRC_MASK | DST_MASK | NEXT_HOP;
    public static final long GROUP_LAYER2 = VLAN_ID | POST_VLAN_ID | SRC_MAC | DST_MAC;
    public static final long GROUP_NAT_FIREWALL = POST_NAT_SRC_ADDR | POST_NAT_DST_ADDR | POST_NAT_SRC_PORT |
        POST_NAT_DST_PORT | FIREWALL_EVENT | FW_EXT_EVENT | NAT_EVENT;
    public static final long GROUP_MISC = ICMP_TYPE | ICMP_CODE | FLOW_END_REASON;

    private Field()
    {
    }
}
