package org.jet.collector.decode.template;

/**
 * Information element ids used by the NetFlow v9 and IPFIX decoders: IANA "IPFIX Information Elements" registry
 * (RFC 7012; ids 1-127 are shared with NetFlow v9, RFC 3954 section 8), the RFC 5103 reverse elements and the
 * Cisco ASA NSEL vendor types of NetFlow v9 (ids of 32768 and above, no enterprise number in v9).
 *
 * <p>Only the elements the decoders map onto {@link org.jet.collector.record.FlowRecord} are named here; every
 * other element is skipped by length.
 */
public final class InformationElements
{
    /** Private enterprise number whose elements are the reverse direction of an RFC 5103 biflow. */
    public static final long PEN_REVERSE = 29305;

    /** IPFIX: the enterprise bit of a field specifier's element id (RFC 7011 3.2). */
    public static final int ENTERPRISE_BIT = 0x8000;
    /** IPFIX: field length meaning "variable length" (RFC 7011 7); H3C uses it in NetFlow v9 too. */
    public static final int VARIABLE_LENGTH = 0xffff;

    public static final int OCTET_DELTA_COUNT = 1;
    public static final int PACKET_DELTA_COUNT = 2;
    public static final int PROTOCOL_IDENTIFIER = 4;
    public static final int IP_CLASS_OF_SERVICE = 5;
    public static final int TCP_CONTROL_BITS = 6;
    public static final int SOURCE_TRANSPORT_PORT = 7;
    public static final int SOURCE_IPV4_ADDRESS = 8;
    public static final int SOURCE_IPV4_PREFIX_LENGTH = 9;
    public static final int INGRESS_INTERFACE = 10;
    public static final int DESTINATION_TRANSPORT_PORT = 11;
    public static final int DESTINATION_IPV4_ADDRESS = 12;
    public static final int DESTINATION_IPV4_PREFIX_LENGTH = 13;
    public static final int EGRESS_INTERFACE = 14;
    public static final int IP_NEXT_HOP_IPV4_ADDRESS = 15;
    public static final int BGP_SOURCE_AS_NUMBER = 16;
    public static final int BGP_DESTINATION_AS_NUMBER = 17;
    /** v9 LAST_SWITCHED: sysUptime ms of the last packet (IPFIX flowEndSysUpTime). */
    public static final int FLOW_END_SYS_UP_TIME = 21;
    /** v9 FIRST_SWITCHED: sysUptime ms of the first packet (IPFIX flowStartSysUpTime). */
    public static final int FLOW_START_SYS_UP_TIME = 22;
    public static final int POST_OCTET_DELTA_COUNT = 23;
    public static final int POST_PACKET_DELTA_COUNT = 24;
    public static final int SOURCE_IPV6_ADDRESS = 27;
    public static final int DESTINATION_IPV6_ADDRESS = 28;
    public static final int SOURCE_IPV6_PREFIX_LENGTH = 29;
    public static final int DESTINATION_IPV6_PREFIX_LENGTH = 30;
    public static final int ICMP_TYPE_CODE_IPV4 = 32;
    public static final int SAMPLING_INTERVAL = 34;
    public static final int SAMPLING_ALGORITHM = 35;
    public static final int SAMPLER_ID = 48;
    public static final int SAMPLER_MODE = 49;
    public static final int SAMPLER_RANDOM_INTERVAL = 50;
    public static final int SOURCE_MAC_ADDRESS = 56;
    public static final int VLAN_ID = 58;
    public static final int POST_VLAN_ID = 59;
    public static final int IP_VERSION = 60;
    public static final int FLOW_DIRECTION = 61;
    public static final int IP_NEXT_HOP_IPV6_ADDRESS = 62;
    public static final int DESTINATION_MAC_ADDRESS = 80;
    public static final int OCTET_TOTAL_COUNT = 85;
    public static final int PACKET_TOTAL_COUNT = 86;
    public static final int FLOW_END_REASON = 136;
    public static final int ICMP_TYPE_CODE_IPV6 = 139;
    public static final int FLOW_START_SECONDS = 150;
    public static final int FLOW_END_SECONDS = 151;
    public static final int FLOW_START_MILLISECONDS = 152;
    public static final int FLOW_END_MILLISECONDS = 153;
    public static final int FLOW_START_MICROSECONDS = 154;
    public static final int FLOW_END_MICROSECONDS = 155;
    public static final int FLOW_START_NANOSECONDS = 156;
    public static final int FLOW_END_NANOSECONDS = 157;
    public static final int FLOW_START_DELTA_MICROSECONDS = 158;
    public static final int FLOW_END_DELTA_MICROSECONDS = 159;
    public static final int SYSTEM_INIT_TIME_MILLISECONDS = 160;
    public static final int ICMP_TYPE_IPV4 = 176;
    public static final int ICMP_CODE_IPV4 = 177;
    public static final int ICMP_TYPE_IPV6 = 178;
    public static final int ICMP_CODE_IPV6 = 179;
    public static final int POST_NAT_SOURCE_IPV4_ADDRESS = 225;
    public static final int POST_NAT_DESTINATION_IPV4_ADDRESS = 226;
    public static final int POST_NAPT_SOURCE_TRANSPORT_PORT = 227;
    public static final int POST_NAPT_DESTINATION_TRANSPORT_PORT = 228;
    public static final int NAT_EVENT = 230;
    /** Cisco ASA NSEL NF_F_FWD_FLOW_DELTA_BYTES uses the same id. */
    public static final int INITIATOR_OCTETS = 231;
    /** Cisco ASA NSEL NF_F_REV_FLOW_DELTA_BYTES uses the same id. */
    public static final int RESPONDER_OCTETS = 232;
    public static final int FIREWALL_EVENT = 233;
    public static final int INGRESS_PHYSICAL_INTERFACE = 252;
    public static final int EGRESS_PHYSICAL_INTERFACE = 253;
    public static final int POST_NAT_SOURCE_IPV6_ADDRESS = 281;
    public static final int POST_NAT_DESTINATION_IPV6_ADDRESS = 282;
    public static final int INITIATOR_PACKETS = 298;
    public static final int RESPONDER_PACKETS = 299;
    public static final int SELECTOR_ID = 302;
    public static final int SAMPLING_PACKET_INTERVAL = 305;
    public static final int SAMPLING_PACKET_SPACE = 306;
    public static final int SAMPLING_SIZE = 309;
    public static final int SAMPLING_POPULATION = 310;
    /** Cisco ASA NSEL NF_F_EVENT_TIME_MSEC. */
    public static final int OBSERVATION_TIME_MILLISECONDS = 323;

    /** Cisco ASA NSEL NF_F_FW_EXT_EVENT (NetFlow v9 vendor type). */
    public static final int ASA_FW_EXT_EVENT = 33002;
    /** Cisco ASA NSEL NF_F_XLATE_SRC_ADDR_IPV4. */
    public static final int ASA_XLATE_SRC_ADDR_IPV4 = 40001;
    /** Cisco ASA NSEL NF_F_XLATE_DST_ADDR_IPV4. */
    public static final int ASA_XLATE_DST_ADDR_IPV4 = 40002;
    /** Cisco ASA NSEL NF_F_XLATE_SRC_PORT. */
    public static final int ASA_XLATE_SRC_PORT = 40003;
    /** Cisco ASA NSEL NF_F_XLATE_DST_PORT. */
    public static final int ASA_XLATE_DST_PORT = 40004;
    /** Cisco ASA NSEL NF_F_FW_EVENT (before IE 233 was assigned). */
    public static final int ASA_FW_EVENT = 40005;

    private InformationElements()
    {
    }
}
