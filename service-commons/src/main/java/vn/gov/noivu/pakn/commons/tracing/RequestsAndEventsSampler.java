package vn.gov.noivu.pakn.commons.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Which traces are recorded: a trace starts at an HTTP request (SERVER), an event (CONSUMER) or a publication
 * (PRODUCER); everything else follows its parent's decision ({@link Sampler#parentBased}). A CLIENT or INTERNAL span
 * with no parent is background work (the outbox relays' and consumers' polls, the schedulers' SQL): recording it would
 * make a one-span trace of every poll, thousands a minute, and bury the cases' traces in Zipkin. quarkus-opentelemetry
 * uses a {@link Sampler} bean in place of {@code quarkus.otel.traces.sampler}.
 */
public class RequestsAndEventsSampler {

    static final Sampler ROOTS = new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, List<LinkData> parentLinks) {
            return switch (spanKind) {
                case SERVER, CONSUMER, PRODUCER -> SamplingResult.recordAndSample();
                case CLIENT, INTERNAL -> SamplingResult.drop();
            };
        }

        @Override
        public String getDescription() {
            return "RequestsAndEvents{SERVER, CONSUMER, PRODUCER roots}";
        }
    };

    @Produces
    @Singleton
    @Unremovable
    Sampler sampler() {
        return Sampler.parentBased(ROOTS);
    }
}
