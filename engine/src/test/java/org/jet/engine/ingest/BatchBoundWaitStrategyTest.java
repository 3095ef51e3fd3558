package org.jet.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.Test;

class BatchBoundWaitStrategyTest
{
    @Test
    void shouldTellTheBarrierOfAtMostOneBatchWhenFarBehind() throws Exception
    {
        final RingBuffer<FlowEvent> ring = RingBuffer.create(ProducerType.MULTI, FlowEvent::new, 64,
            new BatchBoundWaitStrategy(new BusySpinWaitStrategy(), 8));
        final SequenceBarrier barrier = ring.newBarrier();
        for (int n = 0; n < 40; n++)
        {
            ring.publish(ring.next());
        }

        assertEquals(7, barrier.waitFor(0), "a batch of 8 from sequence 0, not all 40 published");
        assertEquals(27, barrier.waitFor(20));
        assertEquals(39, barrier.waitFor(36), "no further than what was published");
    }

    @Test
    void shouldStopAtTheFirstSlotNotYetPublishedWithinTheBatch() throws Exception
    {
        final RingBuffer<FlowEvent> ring = RingBuffer.create(ProducerType.MULTI, FlowEvent::new, 64,
            new BatchBoundWaitStrategy(new BusySpinWaitStrategy(), 8));
        final SequenceBarrier barrier = ring.newBarrier();
        final long last = ring.next(10); // claims 0..9, returns the last
        for (long sequence = last - 9; sequence <= last; sequence++)
        {
            if (sequence != 4)
            {
                ring.publish(sequence);
            }
        }

        assertEquals(3, barrier.waitFor(0), "slot 4 was claimed but not published yet");
    }

    @Test
    void shouldRefuseABatchOfNothing()
    {
        assertThrows(IllegalArgumentException.class, () -> new BatchBoundWaitStrategy(new BusySpinWaitStrategy(), 0));
    }
}
