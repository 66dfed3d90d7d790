package vn.gov.noivu.pakn.intake.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Properties;

/**
 * The plain Kafka producer of intake-service (outbox relay and dead-letter): acks=all, idempotence on. After a
 * failure the relay asks for a fresh producer with {@link #reset()}, so a broker that came back is reached through a
 * clean connection and producer epoch.
 */
@ApplicationScoped
public class EventProducer {

    private static final Logger LOG = Logger.getLogger(EventProducer.class);

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    java.util.Map<String, Object> kafkaSettings;

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.intake.config.IntakeConfig config;

    private Producer<String, byte[]> producer;

    public synchronized Producer<String, byte[]> get() {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(kafkaSettings);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "intake-service-outbox");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.kafka().requestTimeout().toMillis());
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.kafka().deliveryTimeout().toMillis());
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.kafka().maxBlock().toMillis());
            p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public Duration deliveryTimeout() {
        return config.kafka().deliveryTimeout();
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
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }
}
