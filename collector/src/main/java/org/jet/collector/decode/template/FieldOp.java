package org.jet.collector.decode.template;

import static org.jet.collector.decode.template.InformationElements.*;

/**
 * What the record decoder does with one field of a template: an int code per (element id, enterprise number,
 * length), resolved once when the template is compiled so that decoding a record is a switch over small ints.
 *
 * <p>A code is only handed out when the field's length suits it (4 bytes for an IPv4 address, 1 to 8 for a
 * counter, reduced-size encoding included); any other field becomes {@link #SKIP}. Codes that write the same
 * {@link org.jet.collector.record.FlowRecord} field share a {@link #slot(int) slot}: the first field of a template
 * that fills a slot wins, later ones are skipped.
 */
public final class FieldOp
{
    public static final int SKIP = 0;

    public static final int SRC_V4 = 1;
    public static final int DST_V4 = 2;
    public static final int SRC_V6 = 3;
    public static final int DST_V6 = 4;
    public static final int NEXT_HOP_V4 = 5;
    public static final int NEXT_HOP_V6 = 6;
    public static final int POST_NAT_SRC_V4 = 7;
    public static final int POST_NAT_DST_V4 = 8;
    public static final int POST_NAT_SRC_V6 = 9;
    public static final int POST_NAT_DST_V6 = 10;
    public static final int SRC_PORT = 11;
    public static final int DST_PORT = 12;
    public static final int POST_NAT_SRC_PORT = 13;
    public static final int POST_NAT_DST_PORT = 14;
    public static final int PROTOCOL = 15;
    public static final int TCP_FLAGS = 16;
    public static final int TOS = 17;
    public static final int IP_VERSION = 18;

    public static final int BYTES = 19;
    public static final int PACKETS = 20;
    public static final int BYTES_TOTAL = 21;
    public static final int PACKETS_TOTAL = 22;
    public static final int OUT_BYTES = 23;
    public static final int OUT_PACKETS = 24;
    public static final int INITIATOR_OCTETS = 25;
    public static final int RESPONDER_OCTETS = 26;
    public static final int INITIATOR_PACKETS = 27;
    public static final int RESPONDER_PACKETS = 28;
    public static final int REVERSE_BYTES = 29;
    public static final int REVERSE_PACKETS = 30;

    public static final int INPUT_IF = 31;
    public static final int OUTPUT_IF = 32;
    public static final int DIRECTION = 33;
    public static final int SRC_AS = 34;
    public static final int DST_AS = 35;
    public static final int SRC_MASK = 36;
    public static final int DST_MASK = 37;
    public static final int VLAN_ID = 38;
    public static final int POST_VLAN_ID = 39;
    public static final int SRC_MAC = 40;
    public static final int DST_MAC = 41;

    public static final int FIREWALL_EVENT = 42;
    public static final int FW_EXT_EVENT = 43;
    public static final int NAT_EVENT = 44;
    public static final int ICMP_TYPE_CODE = 45;
    public static final int ICMP_TYPE = 46;
    public static final int ICMP_CODE = 47;
    public static final int FLOW_END_REASON = 48;

    public static final int SAMPLING_INTERVAL = 49;
    public static final int SAMPLING_ALGORITHM = 50;
    public static final int SAMPLER_ID = 51;
    public static final int SAMPLER_RANDOM_INTERVAL = 52;
    public static final int SAMPLING_PACKET_INTERVAL = 53;
    public static final int SAMPLING_PACKET_SPACE = 54;
    public static final int SAMPLING_SIZE = 55;
    public static final int SAMPLING_POPULATION = 56;

    public static final int FIRST_SWITCHED = 57;
    public static final int LAST_SWITCHED = 58;
    public static final int START_SECONDS = 59;
    public static final int END_SECONDS = 60;
    public static final int START_MILLIS = 61;
    public static final int END_MILLIS = 62;
    public static final int START_NTP = 63;
    public static final int END_NTP = 64;
    public static final int START_DELTA_MICROS = 65;
    public static final int END_DELTA_MICROS = 66;
    public static final int SYSTEM_INIT_MILLIS = 67;
    public static final int OBSERVATION_MILLIS = 68;

    /** Number of codes, SKIP included. */
    public static final int COUNT = 69;

    private static final int[] SLOTS = new int[COUNT];

    static
    {
        for (int op = 0; op < COUNT; op++)
        {
            SLOTS[op] = op;
        }
        SLOTS[DST_V4] = DST_V6;
        SLOTS[SRC_V4] = SRC_V6;
        SLOTS[NEXT_HOP_V4] = NEXT_HOP_V6;
        SLOTS[POST_NAT_SRC_V4] = POST_NAT_SRC_V6;
        SLOTS[POST_NAT_DST_V4] = POST_NAT_DST_V6;
        SLOTS[ICMP_TYPE_CODE] = ICMP_TYPE;
        SLOTS[ICMP_CODE] = ICMP_TYPE;
    }

    private FieldOp()
    {
    }

    /**
     * @param lo bits 0 to 63 of a set of codes (bit = code).
     * @param hi bits 64 and up.
     * @return whether the set holds {@code op}. With a constant {@code op} this is one test of one register.
     */
    public static boolean has(final long lo, final long hi, final int op)
    {
        return op < Long.SIZE ? (lo & (1L << op)) != 0 : (hi & (1L << (op - Long.SIZE))) != 0;
    }

    /**
     * @return whether the set ({@code lo}, {@code hi}, as for {@link #has}) holds any code from {@code first} to
     * {@code last}, both included.
     */
    public static boolean any(final long lo, final long hi, final int first, final int last)
    {
        return (lo & bits(first, last, 0)) != 0 || (hi & bits(first, last, Long.SIZE)) != 0;
    }

    /**
     * @return the codes {@code first..last} that lie in {@code base..base + 63}, as bits from {@code base}.
     */
    static long bits(final int first, final int last, final int base)
    {
        final int from = Math.max(first - base, 0);
        final int to = Math.min(last - base, Long.SIZE - 1);
        return from > to ? 0 : (-1L >>> (Long.SIZE - 1 - to)) & (-1L << from);
    }

    /**
     * @param op a code.
     * @return the record field the code writes; codes with equal slots exclude each other within one template.
     * ICMP type/code and the combined type-code share one slot so one representation is used per record.
     */
    public static int slot(final int op)
    {
        return SLOTS[op];
    }

    /**
     * @param id      element id (enterprise bit cleared for IPFIX; a v9 field type as is).
     * @param pen     enterprise number, 0 for IANA elements and for every NetFlow v9 field.
     * @param length  encoded length in bytes; {@link InformationElements#VARIABLE_LENGTH} for variable length.
     * @param v9Scope true for a NetFlow v9 options scope field, whose type is a scope type, not an element id.
     * @return the code, or {@link #SKIP} when the field is not decoded (unknown, or a length that does not suit).
     */
    public static int resolve(final int id, final long pen, final int length, final boolean v9Scope)
    {
        if (v9Scope || length == 0 || length == VARIABLE_LENGTH)
        {
            return SKIP;
        }
        if (pen != 0)
        {
            if (pen == PEN_REVERSE)
            {
                switch (id)
                {
                    case OCTET_DELTA_COUNT:
                        return uint(REVERSE_BYTES, length);
                    case PACKET_DELTA_COUNT:
                        return uint(REVERSE_PACKETS, length);
                    default:
                        return SKIP;
                }
            }
            return SKIP;
        }

        switch (id)
        {
            case SOURCE_IPV4_ADDRESS:
                return exact(SRC_V4, length, 4);
            case DESTINATION_IPV4_ADDRESS:
                return exact(DST_V4, length, 4);
            case SOURCE_IPV6_ADDRESS:
                return exact(SRC_V6, length, 16);
            case DESTINATION_IPV6_ADDRESS:
                return exact(DST_V6, length, 16);
            case IP_NEXT_HOP_IPV4_ADDRESS:
                return exact(NEXT_HOP_V4, length, 4);
            case IP_NEXT_HOP_IPV6_ADDRESS:
                return exact(NEXT_HOP_V6, length, 16);
            case POST_NAT_SOURCE_IPV4_ADDRESS:
            case ASA_XLATE_SRC_ADDR_IPV4:
                return exact(POST_NAT_SRC_V4, length, 4);
            case POST_NAT_DESTINATION_IPV4_ADDRESS:
            case ASA_XLATE_DST_ADDR_IPV4:
                return exact(POST_NAT_DST_V4, length, 4);
            case POST_NAT_SOURCE_IPV6_ADDRESS:
                return exact(POST_NAT_SRC_V6, length, 16);
            case POST_NAT_DESTINATION_IPV6_ADDRESS:
                return exact(POST_NAT_DST_V6, length, 16);
            case SOURCE_TRANSPORT_PORT:
                return uint(SRC_PORT, length);
            case DESTINATION_TRANSPORT_PORT:
                return uint(DST_PORT, length);
            case POST_NAPT_SOURCE_TRANSPORT_PORT:
            case ASA_XLATE_SRC_PORT:
                return uint(POST_NAT_SRC_PORT, length);
            case POST_NAPT_DESTINATION_TRANSPORT_PORT:
            case ASA_XLATE_DST_PORT:
                return uint(POST_NAT_DST_PORT, length);
            case PROTOCOL_IDENTIFIER:
                return uint(PROTOCOL, length);
            case TCP_CONTROL_BITS:
                return uint(TCP_FLAGS, length);
            case IP_CLASS_OF_SERVICE:
                return uint(TOS, length);
            case InformationElements.IP_VERSION:
                return uint(IP_VERSION, length);

            case OCTET_DELTA_COUNT:
                return uint(BYTES, length);
            case PACKET_DELTA_COUNT:
                return uint(PACKETS, length);
            case OCTET_TOTAL_COUNT:
                return uint(BYTES_TOTAL, length);
            case PACKET_TOTAL_COUNT:
                return uint(PACKETS_TOTAL, length);
            case POST_OCTET_DELTA_COUNT:
                return uint(OUT_BYTES, length);
            case POST_PACKET_DELTA_COUNT:
                return uint(OUT_PACKETS, length);
            case InformationElements.INITIATOR_OCTETS:
                return uint(INITIATOR_OCTETS, length);
            case InformationElements.RESPONDER_OCTETS:
                return uint(RESPONDER_OCTETS, length);
            case InformationElements.INITIATOR_PACKETS:
                return uint(INITIATOR_PACKETS, length);
            case InformationElements.RESPONDER_PACKETS:
                return uint(RESPONDER_PACKETS, length);

            case INGRESS_INTERFACE:
            case INGRESS_PHYSICAL_INTERFACE:
                return uint(INPUT_IF, length);
            case EGRESS_INTERFACE:
            case EGRESS_PHYSICAL_INTERFACE:
                return uint(OUTPUT_IF, length);
            case FLOW_DIRECTION:
                return uint(DIRECTION, length);
            case BGP_SOURCE_AS_NUMBER:
                return uint(SRC_AS, length);
            case BGP_DESTINATION_AS_NUMBER:
                return uint(DST_AS, length);
            case SOURCE_IPV4_PREFIX_LENGTH:
            case SOURCE_IPV6_PREFIX_LENGTH:
                return uint(SRC_MASK, length);
            case DESTINATION_IPV4_PREFIX_LENGTH:
            case DESTINATION_IPV6_PREFIX_LENGTH:
                return uint(DST_MASK, length);
            case InformationElements.VLAN_ID:
                return uint(VLAN_ID, length);
            case InformationElements.POST_VLAN_ID:
                return uint(POST_VLAN_ID, length);
            case SOURCE_MAC_ADDRESS:
                return exact(SRC_MAC, length, 6);
            case DESTINATION_MAC_ADDRESS:
                return exact(DST_MAC, length, 6);

            case InformationElements.FIREWALL_EVENT:
            case ASA_FW_EVENT:
                return uint(FIREWALL_EVENT, length);
            case ASA_FW_EXT_EVENT:
                return uint(FW_EXT_EVENT, length);
            case InformationElements.NAT_EVENT:
                return uint(NAT_EVENT, length);
            case ICMP_TYPE_CODE_IPV4:
            case ICMP_TYPE_CODE_IPV6:
                return uint(ICMP_TYPE_CODE, length);
            case ICMP_TYPE_IPV4:
            case ICMP_TYPE_IPV6:
                return uint(ICMP_TYPE, length);
            case ICMP_CODE_IPV4:
            case ICMP_CODE_IPV6:
                return uint(ICMP_CODE, length);
            case InformationElements.FLOW_END_REASON:
                return uint(FLOW_END_REASON, length);

            case InformationElements.SAMPLING_INTERVAL:
                return uint(SAMPLING_INTERVAL, length);
            case InformationElements.SAMPLING_ALGORITHM:
            case SAMPLER_MODE:
                return uint(SAMPLING_ALGORITHM, length);
            case InformationElements.SAMPLER_ID:
            case SELECTOR_ID:
                return uint(SAMPLER_ID, length);
            case InformationElements.SAMPLER_RANDOM_INTERVAL:
                return uint(SAMPLER_RANDOM_INTERVAL, length);
            case InformationElements.SAMPLING_PACKET_INTERVAL:
                return uint(SAMPLING_PACKET_INTERVAL, length);
            case InformationElements.SAMPLING_PACKET_SPACE:
                return uint(SAMPLING_PACKET_SPACE, length);
            case InformationElements.SAMPLING_SIZE:
                return uint(SAMPLING_SIZE, length);
            case InformationElements.SAMPLING_POPULATION:
                return uint(SAMPLING_POPULATION, length);

            case FLOW_START_SYS_UP_TIME:
                return uint(FIRST_SWITCHED, length);
            case FLOW_END_SYS_UP_TIME:
                return uint(LAST_SWITCHED, length);
            case FLOW_START_SECONDS:
                return uint(START_SECONDS, length);
            case FLOW_END_SECONDS:
                return uint(END_SECONDS, length);
            case FLOW_START_MILLISECONDS:
                return uint(START_MILLIS, length);
            case FLOW_END_MILLISECONDS:
                return uint(END_MILLIS, length);
            case FLOW_START_MICROSECONDS:
            case FLOW_START_NANOSECONDS:
                return exact(START_NTP, length, 8);
            case FLOW_END_MICROSECONDS:
            case FLOW_END_NANOSECONDS:
                return exact(END_NTP, length, 8);
            case FLOW_START_DELTA_MICROSECONDS:
                return uint(START_DELTA_MICROS, length);
            case FLOW_END_DELTA_MICROSECONDS:
                return uint(END_DELTA_MICROS, length);
            case SYSTEM_INIT_TIME_MILLISECONDS:
                return uint(SYSTEM_INIT_MILLIS, length);
            case OBSERVATION_TIME_MILLISECONDS:
                return uint(OBSERVATION_MILLIS, length);

            default:
                return SKIP;
        }
    }

    /**
     * @return true when the element is a physical-interface fallback: used only when the template lacks the
     * logical interface element (IE 10 / 14), which wins wherever it stands in the template.
     */
    static boolean isPhysicalInterface(final int id, final long pen)
    {
        return pen == 0 && (id == INGRESS_PHYSICAL_INTERFACE || id == EGRESS_PHYSICAL_INTERFACE);
    }

    private static int uint(final int op, final int length)
    {
        return length >= 1 && length <= 8 ? op : SKIP;
    }

    private static int exact(final int op, final int length, final int expected)
    {
        return length == expected ? op : SKIP;
    }
}
