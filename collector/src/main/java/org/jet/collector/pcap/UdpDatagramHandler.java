package org.jet.collector.pcap;

/**
 * Receives the UDP datagrams found in a capture, in file order.
 */
@FunctionalInterface
public interface UdpDatagramHandler
{
    /**
     * @param datagram the datagram; valid only during the call (its buffer is reused for the next frame).
     */
    void onDatagram(UdpDatagram datagram);
}
