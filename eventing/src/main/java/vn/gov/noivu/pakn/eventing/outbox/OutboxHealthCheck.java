package vn.gov.noivu.pakn.eventing.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * Readiness of the outbox: DOWN when the oldest unpublished event has waited longer than
 * {@code pakn.eventing.outbox.stuck-after} (5 minutes by default): Kafka has been unreachable that long or rows cannot
 * be published, which an operator must see. A short Kafka outage keeps the service ready: submissions go on and the
 * backlog drains when Kafka is back. Data: pending, lag, the relay's consecutive failures and last error.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox");
        try {
            OutboxRelay.Backlog backlog = relay.backlog();
            long lagSeconds = backlog.oldest() == null ? 0
                    : Math.max(0, Duration.between(backlog.oldest(), Instant.now()).toSeconds());
            b.withData("pending", backlog.pending()).withData("lagSeconds", lagSeconds)
                    .withData("relayRunning", relay.running())
                    .withData("consecutiveFailures", relay.consecutiveFailures());
            if (relay.lastError() != null) {
                b.withData("lastError", relay.lastError());
            }
            return b.status(lagSeconds < config.stuckAfter().toSeconds()).build();
        } catch (RuntimeException e) {
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
