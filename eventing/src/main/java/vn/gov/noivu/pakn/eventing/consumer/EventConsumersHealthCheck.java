package vn.gov.noivu.pakn.eventing.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's event consumers ({@code event-consumers}): DOWN while one is stopped or keeps failing
 * (its dependency is down; it retries and loses nothing, but the service is behind). Data per consumer: running,
 * failing, last error, last poll, lag.
 */
@Readiness
@ApplicationScoped
public class EventConsumersHealthCheck implements HealthCheck {

    @Inject
    EventConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("event-consumers");
        boolean up = true;
        for (EventConsumer c : consumers.all()) {
            EventConsumer.Status s = c.status();
            String p = s.service() + ".";
            b.withData(p + "running", s.running())
                    .withData(p + "failing", s.failing())
                    .withData(p + "lastPoll", String.valueOf(s.lastPoll()))
                    .withData(p + "lag", s.lag());
            if (s.lastError() != null) {
                b.withData(p + "lastError", s.lastError());
            }
            up &= s.running() && !s.failing();
        }
        return b.status(up).build();
    }
}
