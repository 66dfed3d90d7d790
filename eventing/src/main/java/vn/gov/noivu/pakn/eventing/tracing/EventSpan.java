package vn.gov.noivu.pakn.eventing.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import org.jboss.logging.MDC;

import vn.gov.noivu.pakn.events.CaseEvent;

/**
 * The span in which a consumer handles one event: a child of the trace the event carries, made current (so database,
 * HTTP and Elasticsearch spans below it join the trace) with {@code traceId}, {@code spanId} and {@code caseId} in the
 * logging MDC. Use with try-with-resources; {@link #fail(Throwable)} marks it failed.
 */
public final class EventSpan implements AutoCloseable {

    private final Span span;
    private final Scope scope;

    private EventSpan(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /** Starts "{@code <topic> process}" (messaging semantic conventions) for the event, as a consumer span. */
    public static EventSpan process(Tracer tracer, String topic, CaseEvent event) {
        Span span = tracer.spanBuilder(topic + " process")
                .setParent(TraceContext.of(event))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("pakn.case.id", event.subject())
                .setAttribute("pakn.event.type", event.type())
                .startSpan();
        Scope scope = span.makeCurrent();
        MDC.put("caseId", event.subject());
        if (span.getSpanContext().isValid()) {
            MDC.put("traceId", span.getSpanContext().getTraceId());
            MDC.put("spanId", span.getSpanContext().getSpanId());
        }
        return new EventSpan(span, scope);
    }

    public Span span() {
        return span;
    }

    public void fail(Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    }

    @Override
    public void close() {
        try {
            scope.close();
        } finally {
            span.end();
            MDC.remove("caseId");
            MDC.remove("traceId");
            MDC.remove("spanId");
        }
    }
}
