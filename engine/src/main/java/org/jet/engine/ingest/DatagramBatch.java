package org.jet.engine.ingest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jet.collector.record.IpAddress;

import com.sun.jna.Native;

/**
 * Up to {@link #CAPACITY} datagrams taken from a socket by one {@code recvmmsg(2)} call (Linux, through JNA), and
 * where each one is. One system call per datagram was most of a reader's cost: this machine's kernel enters a
 * system call slowly, and the JDK's {@code receive} adds its own locking around each one.
 *
 * <p>One direct buffer holds everything the kernel reads and writes: the message headers ({@code struct mmsghdr}),
 * one {@code iovec} each, the senders' addresses ({@code sockaddr_storage}) and a slot of the largest datagram for
 * each. Nothing is allocated per call or per datagram; {@link #datagram} re-wraps one view.
 *
 * <p>{@link #open} returns null where this cannot work (not 64-bit Linux, no JNA, the channel's descriptor not
 * reachable); the reader then takes one datagram per call through the JDK.
 */
final class DatagramBatch
{
    /** Datagrams per call. */
    static final int CAPACITY = 64;

    // struct mmsghdr on 64-bit Linux: struct msghdr (56 bytes) and msg_len, padded to 64.
    private static final int HEADER = 64;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;
    private static final int SOCKADDR = 128;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private static final Method FD_OF = fdAccessor();

    private final ByteBuffer memory;
    private final UnsafeBuffer layout;
    private final long address;
    private final int slotBytes;
    private final int names;
    private final int slots;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private int count;

    private DatagramBatch(final int slotBytes)
    {
        this.slotBytes = slotBytes;
        final int iovecs = CAPACITY * HEADER;
        this.names = iovecs + CAPACITY * IOVEC;
        this.slots = names + CAPACITY * SOCKADDR;
        this.memory = BufferUtil.allocateDirectAligned(slots + CAPACITY * slotBytes, 64);
        this.layout = new UnsafeBuffer(memory);
        this.address = layout.addressOffset();
        for (int i = 0; i < CAPACITY; i++)
        {
            final int header = i * HEADER;
            final int iovec = iovecs + i * IOVEC;
            layout.putLong(header + MSG_NAME, address + names + (long)i * SOCKADDR);
            layout.putInt(header + MSG_NAMELEN, SOCKADDR);
            layout.putLong(header + MSG_IOV, address + iovec);
            layout.putLong(header + MSG_IOVLEN, 1);
            layout.putLong(iovec, address + slots + (long)i * slotBytes);
            layout.putLong(iovec + Long.BYTES, slotBytes);
        }
    }

    /**
     * @param maxDatagramBytes the largest datagram taken whole (longer ones are cut, as the JDK's receive does).
     * @return a batch, or null where {@code recvmmsg} cannot be used.
     */
    static DatagramBatch open(final int maxDatagramBytes)
    {
        if (FD_OF == null || !System.getProperty("os.name", "").startsWith("Linux") ||
            !"64".equals(System.getProperty("sun.arch.data.model")) || !RecvMmsg.BOUND)
        {
            return null;
        }
        return new DatagramBatch(maxDatagramBytes);
    }

    /**
     * @return the channel's file descriptor, or -1 when it cannot be had (the JDK's internals not exported to Jet).
     */
    static int fdOf(final DatagramChannel channel)
    {
        try
        {
            return FD_OF == null ? -1 : (int)FD_OF.invoke(channel);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return -1;
        }
    }

    /**
     * Takes what the socket holds, up to {@link #CAPACITY} datagrams, without waiting.
     *
     * @return how many were taken: 0 when the socket was empty.
     * @throws IOException when the call fails for another reason than an empty socket (with its errno).
     */
    int receive(final int fd) throws IOException
    {
        for (int i = 0; i < count; i++)
        {
            layout.putInt(i * HEADER + MSG_NAMELEN, SOCKADDR); // the kernel wrote the sender's length there
        }
        count = 0;
        final int taken = RecvMmsg.recvmmsg(fd, address, CAPACITY, MSG_DONTWAIT, 0L);
        if (taken < 0)
        {
            final int errno = Native.getLastError();
            if (errno == EAGAIN || errno == EINTR)
            {
                return 0;
            }
            throw new IOException("recvmmsg failed, errno " + errno);
        }
        count = taken;
        return taken;
    }

    /** @return the length of datagram {@code i} of the last {@link #receive}. */
    int length(final int i)
    {
        return Math.min(layout.getInt(i * HEADER + MSG_LEN), slotBytes);
    }

    /** @return datagram {@code i} of the last {@link #receive}, from offset 0; valid until the next call. */
    DirectBuffer datagram(final int i)
    {
        view.wrap(address + slots + (long)i * slotBytes, slotBytes);
        return view;
    }

    /** @return the high half of the sender of datagram {@code i}, as {@link IpAddress} holds addresses. */
    long senderHi(final int i)
    {
        final int name = names + i * SOCKADDR;
        return family(name) == AF_INET6 ? layout.getLong(name + 8, ByteOrder.BIG_ENDIAN) : 0;
    }

    /** @return the low half of the sender of datagram {@code i} (IPv4-mapped for IPv4, as the JDK gives them). */
    long senderLo(final int i)
    {
        final int name = names + i * SOCKADDR;
        return family(name) == AF_INET6 ? layout.getLong(name + 16, ByteOrder.BIG_ENDIAN) :
            IpAddress.mappedLo(layout.getInt(name + 4, ByteOrder.BIG_ENDIAN));
    }

    int senderPort(final int i)
    {
        return layout.getShort(names + i * SOCKADDR + 2, ByteOrder.BIG_ENDIAN) & 0xffff;
    }

    private int family(final int name)
    {
        final int family = layout.getShort(name, ByteOrder.nativeOrder());
        assert family == AF_INET || family == AF_INET6 : family;
        return family;
    }

    /** The JDK's channels answer their descriptor through an interface of its internals, exported by Jet's launcher. */
    private static Method fdAccessor()
    {
        try
        {
            final Method method = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            try (DatagramChannel probe = DatagramChannel.open())
            {
                method.invoke(probe);
            }
            return method;
        }
        catch (final ReflectiveOperationException | IOException | RuntimeException | LinkageError ex)
        {
            return null;
        }
    }

    /** libc's recvmmsg, bound directly (one JNI call, no argument objects). */
    private static final class RecvMmsg
    {
        static final boolean BOUND = bind();

        static native int recvmmsg(int fd, long messages, int count, int flags, long timeout);

        private static boolean bind()
        {
            try
            {
                Native.register(RecvMmsg.class, "c");
                return true;
            }
            catch (final LinkageError | RuntimeException ex)
            {
                return false;
            }
        }
    }
}
