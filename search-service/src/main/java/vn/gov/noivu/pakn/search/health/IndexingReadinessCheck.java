package vn.gov.noivu.pakn.search.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.messaging.IndexingStatus;

/** DOWN while the case-event consumer cannot write to Elasticsearch (it keeps retrying; offsets stay uncommitted). */
@Readiness
@ApplicationScoped
public class IndexingReadinessCheck implements HealthCheck {

    @Inject
    IndexingStatus status;

    @Inject
    SearchConfig config;

    @Override
    public HealthCheckResponse call() {
        IndexingStatus.Snapshot s = status.snapshot();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("Case-event indexing")
                .withData("running", s.running()).withData("events", s.events()).withData("parked", s.parked());
        if (s.lastError() != null) {
            b.withData("lastError", s.lastError());
        }
        if (s.failingSince() != null) {
            b.withData("failingSince", s.failingSince().toString());
        }
        boolean up = !s.failing() && (s.running() || !config.consumer().enabled());
        return (up ? b.up() : b.down()).build();
    }
}
