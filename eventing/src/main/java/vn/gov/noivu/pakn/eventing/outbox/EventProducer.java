package vn.gov.noivu.pakn.eventing.outbox;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.eventing.kafka.KafkaProducers;

import java.time.Duration;

/**
 * The outbox relay's producer (from {@link KafkaProducers}, the one producer factory), created on first use. After a
 * failure the relay asks for a fresh producer with {@link #reset()}, so a broker that came back is reached through a
 * clean connection and producer epoch.
 */
@ApplicationScoped
public class EventProducer {

    private static final Logger LOG = Logger.getLogger(EventProducer.class);

    @Inject
    KafkaProducers producers;

    private Producer<String, byte[]> producer;
    private boolean closed;

    /** The relay's producer (created on first use). */
    public synchronized Producer<String, byte[]> get() {
        if (closed) {
            throw new IllegalStateException("the application is stopping: no new Kafka producer");
        }
        if (producer == null) {
            producer = producers.create("producer");
        }
        return producer;
    }

    public Duration deliveryTimeout() {
        return producers.deliveryTimeout();
    }

    /** Closes the current producer (without waiting) so the next {@link #get()} creates a fresh one. */
    public synchronized void reset() {
        if (producer != null) {
            Producer<String, byte[]> old = producer;
            producer = null;
            try {
                old.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debugf(e, "closing the old producer");
            }
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        synchronized (this) {
            closed = true;
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }
}
