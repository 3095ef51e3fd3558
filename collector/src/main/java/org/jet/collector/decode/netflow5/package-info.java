/**
 * NetFlow v5 decoding: {@link org.jet.collector.decode.netflow5.Netflow5Decoder} and its flyweights.
 *
 * <p>The flyweights read through {@link org.jet.collector.decode.UncheckedWire}, without a bounds check per field:
 * the decoder checks once that the datagram lies within the buffer and that the header and its record count fit
 * in the datagram.
 */
package org.jet.collector.decode.netflow5;
