package vn.gov.noivu.pakn.commons.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestsAndEventsSamplerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final Sampler sampler = new RequestsAndEventsSampler().sampler();

    private SamplingDecision decide(Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE, "span", kind, Attributes.empty(), List.of()).getDecision();
    }

    @Test
    void requestsAndEventsStartTraces() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(Context.root(), SpanKind.SERVER));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(Context.root(), SpanKind.CONSUMER));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(Context.root(), SpanKind.PRODUCER));
    }

    @Test
    void backgroundSqlAndCallsWithoutAParentAreNotRecorded() {
        assertEquals(SamplingDecision.DROP, decide(Context.root(), SpanKind.CLIENT));
        assertEquals(SamplingDecision.DROP, decide(Context.root(), SpanKind.INTERNAL));
    }

    @Test
    void childrenFollowTheirParent() {
        Context sampled = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault())));
        Context notSampled = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.getDefault())));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampled, SpanKind.CLIENT));
        assertEquals(SamplingDecision.DROP, decide(notSampled, SpanKind.SERVER));
    }
}
