package vn.gov.noivu.pakn.notification.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.gov.noivu.pakn.eventing.consumer.CaseEventHandler;
import vn.gov.noivu.pakn.eventing.consumer.ConsumerSettings;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumer;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumers;
import vn.gov.noivu.pakn.eventing.consumer.EventSpans;
import vn.gov.noivu.pakn.eventing.consumer.Outcome;
import vn.gov.noivu.pakn.eventing.tracing.EventSpan;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.service.EventWriter;

/**
 * Consumes both case topics (group {@code notification-service}) with eventing's shared {@link EventConsumer}: a
 * record that is not a valid case event is parked on {@code pakn.notification.dead-letter} (header
 * {@code dlq-reason}) and the partition moves on; transient failures are retried with backoff and never parked.
 * Each event is applied in its own transaction ({@link EventProcessor}: recipients are read from the directory
 * outside it); the processed-event table absorbs redeliveries.
 */
@ApplicationScoped
public class CaseEventsConsumer implements CaseEventHandler {

    private static final Logger LOG = Logger.getLogger(CaseEventsConsumer.class);

    @Inject
    EventProcessor processor;
    @Inject
    EventConsumers consumers;
    @Inject
    NotificationConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    void onStart(@Observes StartupEvent ev) {
        NotificationConfig.Consumer c = config.consumer();
        if (!c.enabled()) {
            LOG.info("case-event consumer disabled by configuration");
            return;
        }
        consumers.create(new ConsumerSettings("notification-service", c.groupId(),
                List.of(Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS), Topics.NOTIFICATION_DEAD_LETTER,
                c.maxPollRecords(), c.pollTimeout(), c.retryInitial(), c.retryMax(), c.maxAttempts()), this,
                kafkaSettings).start();
    }

    @Override
    public void validate(CaseEvent event) {
        data(event, type(event));
    }

    @Override
    public List<Outcome> apply(List<CaseEvent> events, EventSpans spans) {
        List<Outcome> out = new ArrayList<>(events.size());
        for (CaseEvent event : events) {
            try (EventSpan span = spans.process(event)) {
                try {
                    CaseEventType type = type(event);
                    EventWriter.Outcome o = processor.process(event, type, data(event, type));
                    out.add(o == EventWriter.Outcome.DUPLICATE ? Outcome.DUPLICATE : Outcome.APPLIED);
                } catch (RuntimeException e) {
                    span.fail(e);
                    throw e;
                }
            }
        }
        return out;
    }

    private static CaseEventType type(CaseEvent event) {
        return event.eventType().orElseThrow(() -> new InvalidEventException("unknown event type " + event.type()));
    }

    private static Object data(CaseEvent event, CaseEventType type) {
        return type.producer() == CaseEventType.Producer.INTAKE ? CaseEventCodec.intakeData(event)
                : CaseEventCodec.triageData(event);
    }
}
