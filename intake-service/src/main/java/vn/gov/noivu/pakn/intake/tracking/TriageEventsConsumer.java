package vn.gov.noivu.pakn.intake.tracking;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.gov.noivu.pakn.eventing.consumer.ConsumerSettings;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumers;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;

/**
 * Consumes triage-service's lifecycle events ({@value Topics#TRIAGE_CASE_EVENTS}) with eventing's shared consumer and
 * {@link TriageEventHandler}. A record that is not a valid triage event (or names a case intake does not know) is
 * parked on {@value Topics#INTAKE_DEAD_LETTER} (header {@code dlq-reason}) and never retried; a transient failure
 * (database restarting, lock conflict) is retried until it passes, so an outage loses nothing; any other failure is
 * retried a few times and then parked, so one record never blocks its partition.
 */
@ApplicationScoped
public class TriageEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TriageEventsConsumer.class);

    @Inject
    TriageEventHandler handler;
    @Inject
    EventConsumers consumers;
    @Inject
    IntakeConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    void onStart(@Observes StartupEvent ev) {
        IntakeConfig.Consumer c = config.consumer();
        if (!c.enabled()) {
            LOG.info("triage-event consumer disabled by configuration");
            return;
        }
        consumers.create(new ConsumerSettings("intake-service", c.groupId(), List.of(Topics.TRIAGE_CASE_EVENTS),
                Topics.INTAKE_DEAD_LETTER, c.maxPollRecords(), c.pollTimeout(), c.retryInitial(), c.retryMax(),
                c.maxAttempts()), handler, kafkaSettings).start();
    }
}
