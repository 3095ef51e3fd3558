package org.jet.engine.ingest;

/**
 * {@link UdpIngestTest} with one datagram per system call, through the JDK: what a reader does where recvmmsg
 * cannot be had, or with {@code receive.batched: false}; and with readers that are ordinary threads.
 */
class UdpIngestOneByOneTest extends UdpIngestTest
{
    @Override
    boolean batched()
    {
        return false;
    }

    @Override
    Integer realtimePriority()
    {
        return 0;
    }
}
