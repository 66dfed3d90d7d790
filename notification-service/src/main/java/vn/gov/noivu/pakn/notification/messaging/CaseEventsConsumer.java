package vn.gov.noivu.pakn.notification.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.notification.service.EventWriter;

/**
 * Consumes both case topics (consumer group {@code notification-service}, Quarkus Messaging). A record that is not a
 * valid event of the expected producer is thrown back as {@link InvalidEventException}: the connector's
 * dead-letter-queue failure strategy parks it on {@code pakn.notification.dead-letter} with the reason (header
 * {@code dead-letter-reason}) and the partition moves on. Offsets are committed only after the record's transaction,
 * so a crash re-delivers and the event-id check absorbs it.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventsConsumer.class);

    @Inject
    EventProcessor processor;

    @Inject
    MeterRegistry registry;

    @Incoming("intake-events")
    @Blocking(ordered = true)
    public void intake(ConsumerRecord<String, byte[]> record) {
        consume(record, CaseEventType.Producer.INTAKE);
    }

    @Incoming("triage-events")
    @Blocking(ordered = true)
    public void triage(ConsumerRecord<String, byte[]> record) {
        consume(record, CaseEventType.Producer.TRIAGE);
    }

    void consume(ConsumerRecord<String, byte[]> record, CaseEventType.Producer producer) {
        CaseEvent event;
        Object data;
        CaseEventType type;
        try {
            event = CaseEventCodec.read(record.value());
            type = event.eventType().orElseThrow();
            data = producer == CaseEventType.Producer.INTAKE ? CaseEventCodec.intakeData(event)
                    : CaseEventCodec.triageData(event);
        } catch (InvalidEventException e) {
            registry.counter("pakn.notification.dead-letters").increment();
            LOG.warnf("parking record %s/%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            throw e;
        }
        try {
            EventWriter.Outcome outcome = processor.process(event, type, data);
            registry.counter("pakn.notification.events", "type", type.name(), "outcome", outcome.name()).increment();
        } catch (RuntimeException e) {
            registry.counter("pakn.notification.dead-letters").increment();
            LOG.errorf(e, "event %s (%s) could not be processed; parking it", event.id(), event.type());
            throw new IllegalStateException("processing failed: " + e, e);
        }
    }
}
