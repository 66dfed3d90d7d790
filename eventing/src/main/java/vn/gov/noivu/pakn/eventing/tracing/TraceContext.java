package vn.gov.noivu.pakn.eventing.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;

import vn.gov.noivu.pakn.events.CaseEvent;

/**
 * W3C trace context carried in the CloudEvent (distributed-tracing extension: {@code traceparent}, {@code tracestate}).
 * The writer stamps an event with the context current when the business transaction ran; the relay publishes it as it
 * is, hours later if Kafka was down; every consumer continues that trace from the event, not from whatever thread
 * happened to poll it.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The event stamped with the current span's context; unchanged when there is no valid current span. */
    public static CaseEvent stamp(CaseEvent event) {
        Map<String, String> carrier = current();
        if (carrier.isEmpty()) {
            return event;
        }
        return event.withTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The current context as W3C headers ({@code traceparent}, maybe {@code tracestate}); empty without a span. */
    public static Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        if (Span.current().getSpanContext().isValid()) {
            W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        }
        return carrier;
    }

    /** The context an event carries, to parent a consumer's span; the root context when it carries none. */
    public static Context of(CaseEvent event) {
        if (event == null || event.traceparent() == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, event.traceparent());
        if (event.tracestate() != null) {
            carrier.put(TRACESTATE, event.tracestate());
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
    }

    /** The trace id an event carries (32 hex digits), or null: for log lines and tests. */
    public static String traceId(CaseEvent event) {
        if (event == null || event.traceparent() == null) {
            return null;
        }
        String[] parts = event.traceparent().split("-");
        return parts.length >= 3 ? parts[1] : null;
    }
}
