package vn.gov.noivu.pakn.search.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import vn.gov.noivu.pakn.search.config.SearchConfig;

/** Ready when Elasticsearch answers /_cluster/health (not red) for the case alias. */
@Readiness
@ApplicationScoped
public class ElasticsearchReadinessCheck implements HealthCheck {

    @Inject
    ElasticsearchClient client;

    @Inject
    SearchConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("Elasticsearch");
        try {
            HealthResponse h = client.cluster().health(r -> r.index(config.index().alias())
                    .timeout(t -> t.time("2s")));
            b.withData("status", h.status().jsonValue()).withData("alias", config.index().alias());
            return (h.status() == HealthStatus.Red ? b.down() : b.up()).build();
        } catch (Exception e) {
            return b.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
