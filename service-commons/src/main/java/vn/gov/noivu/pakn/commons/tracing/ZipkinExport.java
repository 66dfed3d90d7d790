package vn.gov.noivu.pakn.commons.tracing;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The services' span exporter: Zipkin's JSON v2 API. quarkus-opentelemetry exports through every {@link SpanExporter}
 * bean ({@code quarkus.otel.traces.exporter=cdi}, its default) in a batch span processor
 * ({@code quarkus.otel.bsp.*}); the built-in OTLP exporter is switched off
 * ({@code quarkus.otel.exporter.otlp.enabled=false}, META-INF/microprofile-config.properties of this jar). When the
 * endpoint does not answer, the exporter drops the batch and logs a throttled warning; requests are never slowed.
 */
public class ZipkinExport {

    private static final Logger LOG = Logger.getLogger(ZipkinExport.class);

    @Produces
    @Singleton
    @Unremovable
    SpanExporter spanExporter(TracingConfig config) {
        return config.zipkinEndpoint().filter(e -> !e.isBlank()).<SpanExporter>map(endpoint -> {
            LOG.infof("spans are exported to Zipkin at %s", endpoint);
            return ZipkinSpanExporter.builder().setEndpoint(endpoint).build();
        }).orElseGet(SpanExporter::composite); // no exporter: spans and trace ids, nothing sent
    }
}
