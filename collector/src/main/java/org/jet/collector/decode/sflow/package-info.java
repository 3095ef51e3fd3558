/**
 * sFlow v5 decoding: {@link org.jet.collector.decode.sflow.SflowDecoder} and the flyweights it reads with.
 *
 * <p>The flyweight readers and {@link org.jet.collector.decode.sflow.SampledHeaderParser} read through
 * {@link org.jet.collector.decode.UncheckedWire}, without a bounds check per field: a caller first checks that the
 * whole structure lies within the datagram (its fixed length, or the length its envelope gives), and the decoder
 * checks once that the datagram lies within the buffer.
 */
package org.jet.collector.decode.sflow;
