package vn.gov.noivu.pakn.commons.tracing;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Where the services send their spans ({@code pakn.tracing.*}). */
@ConfigMapping(prefix = "pakn.tracing")
public interface TracingConfig {

    /**
     * Zipkin's span API, e.g. {@code http://127.0.0.1:9411/api/v2/spans} (./stack's Zipkin) or
     * {@code http://zipkin:9411/api/v2/spans} (Kubernetes). An OpenTelemetry Collector with a zipkin receiver, Jaeger
     * and Grafana Tempo accept the same format. Empty (the tests): spans are made (trace ids in the logs) but not sent.
     */
    Optional<String> zipkinEndpoint();
}
