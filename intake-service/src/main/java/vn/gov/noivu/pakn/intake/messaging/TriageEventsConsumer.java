package vn.gov.noivu.pakn.intake.messaging;

import vn.gov.noivu.pakn.eventing.consumer.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.intake.service.TriageEventHandler;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Consumes triage-service's lifecycle events ({@value Topics#TRIAGE_CASE_EVENTS}). A record that is not a valid
 * triage event (or names a case intake does not know) is parked on {@value Topics#INTAKE_DEAD_LETTER} with the
 * header {@code dlq-reason} and never retried; a transient failure (database restarting, lock conflict) is retried
 * until it passes, so an outage loses nothing; any other failure is retried a few times and then parked, so one
 * record never blocks its partition.
 */
@ApplicationScoped
public class TriageEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TriageEventsConsumer.class);
    static final int ATTEMPTS = 3;

    @Inject
    TriageEventHandler handler;

    @Inject
    EventProducer producer;

    @Inject
    MeterRegistry registry;

    /** Set when the application stops: from then on nothing is parked or acknowledged, so it is re-delivered. */
    private volatile boolean stopping;

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** Thrown while the application stops: fails the channel (failure-strategy=fail), the offset stays uncommitted. */
    static final class Stopping extends RuntimeException {
        Stopping(Throwable cause) {
            super("application is stopping; the record will be re-delivered", cause);
        }
    }

    @Incoming("triage-events")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (stopping) {
            throw new Stopping(null);
        }
        CaseEvent event;
        TriageCaseData data;
        try {
            event = CaseEventCodec.read(record.value());
            data = CaseEventCodec.triageData(event);
        } catch (InvalidEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                TriageEventHandler.Outcome outcome = handler.apply(event, data);
                registry.counter("pakn.intake.triage-events", "outcome", outcome.name()).increment();
                LOG.debugf("triage event %s %s for case %s: %s", event.type(), event.id(), event.subject(), outcome);
                return;
            } catch (InvalidEventException e) {
                deadLetter(record, e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new Stopping(e);
                }
                if (Failures.isTransient(e)) {
                    // the database is restarting or another replica holds the row: wait, never park or skip
                    LOG.warnf("triage event %s hit a transient failure (attempt %d), retrying: %s", event.id(),
                            attempt, Failures.rootMessage(e));
                    sleep(Math.min(10_000L, 250L * attempt));
                    continue;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.errorf(e, "triage event %s failed %d times", event.id(), attempt);
                    deadLetter(record, "processing failed " + attempt + " times: " + e);
                    return;
                }
                LOG.warnf("triage event %s failed (attempt %d), retrying: %s", event.id(), attempt, e.toString());
                sleep(200L * attempt);
            }
        }
    }

    void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        registry.counter("pakn.intake.dead-letters").increment();
        String origin = record.topic() + "/" + record.partition() + "@" + record.offset();
        LOG.warnf("parking record %s on %s: %s", origin, Topics.INTAKE_DEAD_LETTER, reason);
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(Topics.INTAKE_DEAD_LETTER, record.key(),
                record.value());
        for (Header h : record.headers()) {
            parked.headers().add(h);
        }
        parked.headers().add(new RecordHeader(CaseEventCodec.DLQ_REASON_HEADER,
                reason.getBytes(StandardCharsets.UTF_8)));
        parked.headers().add(new RecordHeader(CaseEventCodec.DLQ_ORIGIN_HEADER,
                origin.getBytes(StandardCharsets.UTF_8)));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                producer.get().send(parked).get(producer.deliveryTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                return;
            } catch (Exception e) {
                LOG.warnf("cannot park %s (attempt %d): %s", origin, attempt, e.toString());
                producer.reset();
            }
        }
        LOG.errorf("record %s could not be parked and is skipped; reason: %s; key %s", origin, reason, record.key());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
