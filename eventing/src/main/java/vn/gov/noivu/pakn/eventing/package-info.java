/**
 * The one event backbone of every PAKN service. {@code outbox}: the record written in the business transaction, woken
 * after commit, published by one relay. {@code consumer}: one idempotent consumer (processed-event ids, per-case version
 * order, transient vs permanent failures, dead-letter parking). {@code tracing}: W3C trace context carried in the
 * CloudEvent. Metrics are named {@code pakn.eventing.*} with a {@code service} and {@code topic} tag.
 */
package vn.gov.noivu.pakn.eventing;
