package org.jet.engine.ingest;

/**
 * The fields of a {@link FlowEvent} that every flow's billing reads, declared in a class of their own because HotSpot
 * lays a superclass's fields out before its subclass's: these 128 bytes (with the object header) come first, so a
 * reader writing a slot and the engine reading it touch two or three cache lines, not the four of the whole slot.
 * What only some records carry (post-NAT addresses, reverse counters, a firewall event) follows, in {@link FlowEvent}.
 *
 * <p>Fields only; {@link FlowEvent} reads and writes them.
 */
abstract class FlowEventHead
{
    int type;
    int flags;
    int readerId;
    int exporterId;
    int srcPort;
    int dstPort;
    int protocol;
    int inputIf;
    int outputIf;

    long receivedNanos;
    long srcAddrHi;
    long srcAddrLo;
    long dstAddrHi;
    long dstAddrLo;
    long bytes;
    long packets;
    long samplingRate;
    long startMs;
    long endMs;
}
