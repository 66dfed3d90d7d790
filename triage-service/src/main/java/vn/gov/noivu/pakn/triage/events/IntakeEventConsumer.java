package vn.gov.noivu.pakn.triage.events;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.gov.noivu.pakn.eventing.consumer.ConsumerSettings;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumer;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumers;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.events.IntakeEventHandler;

/**
 * Consumes {@code pakn.intake.case-events} with the shared {@link EventConsumer} (batches of up to
 * {@code pakn.triage.consumer.max-poll-records} in one transaction, {@code pakn.triage.consumer.threads} consumer
 * threads, dedupe, dead-letter {@code pakn.triage.dead-letter})
 * and {@link IntakeEventHandler}, which says what an intake event means to triage.
 */
@ApplicationScoped
public class IntakeEventConsumer {

    @Inject
    EventConsumers consumers;
    @Inject
    IntakeEventHandler handler;
    @Inject
    TriageConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    private volatile EventConsumer consumer;

    void onStart(@Observes StartupEvent ev) {
        if (config.consumer().enabled()) {
            start();
        }
    }

    private synchronized EventConsumer consumer() {
        if (consumer == null) {
            TriageConfig.Consumer c = config.consumer();
            consumer = consumers.create(new ConsumerSettings("triage-service", c.groupId(),
                    List.of(Topics.INTAKE_CASE_EVENTS), Topics.TRIAGE_DEAD_LETTER, c.maxPollRecords(),
                    c.pollTimeout(), c.retryBackoff(), c.retryMax(), c.maxAttempts(), c.threads()), handler,
                    kafkaSettings);
        }
        return consumer;
    }

    public void start() {
        consumer().start();
    }

    /** Stops consuming (committing what was applied); {@link #start()} resumes. */
    public void stop() {
        consumer().stop();
    }

    public boolean isRunning() {
        return consumer != null && consumer.isRunning();
    }
}
