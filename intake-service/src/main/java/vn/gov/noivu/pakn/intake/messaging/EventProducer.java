package vn.gov.noivu.pakn.intake.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;

/**
 * Transitional view of the one producer of eventing ({@link vn.gov.noivu.pakn.eventing.outbox.EventProducer}) for
 * {@link TriageEventsConsumer}'s dead-letter parking; it goes when that consumer moves onto the eventing consumer.
 */
@ApplicationScoped
public class EventProducer {

    @Inject
    vn.gov.noivu.pakn.eventing.outbox.EventProducer shared;

    public Producer<String, byte[]> get() {
        return shared.get();
    }

    public Duration deliveryTimeout() {
        return shared.deliveryTimeout();
    }

    public void reset() {
        shared.reset();
    }
}
