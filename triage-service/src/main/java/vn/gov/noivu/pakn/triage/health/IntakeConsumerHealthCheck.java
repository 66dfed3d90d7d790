package vn.gov.noivu.pakn.triage.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.messaging.IntakeEventConsumer;

/** Ready only while the intake-event consumer thread runs (when it is enabled). */
@Readiness
@ApplicationScoped
public class IntakeConsumerHealthCheck implements HealthCheck {

    @Inject
    IntakeEventConsumer consumer;
    @Inject
    TriageConfig config;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("intake-event-consumer");
        if (!config.consumer().enabled()) {
            return b.up().withData("enabled", false).build();
        }
        b.withData("lastPoll", String.valueOf(consumer.lastPoll()));
        return consumer.isRunning() ? b.up().build() : b.down().build();
    }
}
