/**
 * Template machinery shared by the NetFlow v9 and IPFIX decoders.
 *
 * <pre>
 *  template record ──▶ TemplateDefinition ──(new or changed)──▶ Template.compile ──▶ TemplateStore
 *                         (reused scratch)                      flat plan: int codes  (host, domain, id)
 *                                                               + offsets + lengths
 *  data set ──▶ TemplateStore.template ──▶ RecordDecoder.decodeSet ──▶ FlowRecord ──▶ FlowSink
 *                  │ unknown                 one switch per field,     times, sampling rate
 *                  ▼                         no allocation
 *               PendingSets (bounded, per host) ──(template arrives)──▶ RecordDecoder
 * </pre>
 *
 * <ul>
 *   <li>{@link org.jet.collector.decode.template.FieldOp} maps (element id, enterprise number, length) to a code
 *   once per template; {@link org.jet.collector.decode.template.InformationElements} names the ids.</li>
 *   <li>{@link org.jet.collector.decode.template.TemplateStore} holds templates, sampler rates and system init
 *   times per exporter host and observation domain, with limits, expiry by the decoder's clock (no thread) and a
 *   versioned text state file ({@link org.jet.collector.decode.template.StateFile}).</li>
 *   <li>{@link org.jet.collector.decode.template.DomainState} also tracks sequence numbers per exporter port.</li>
 * </ul>
 *
 * Everything here is owned by one decoding thread.
 */
package org.jet.collector.decode.template;
