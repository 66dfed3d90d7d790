package vn.gov.noivu.pakn.eventing.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The one Kafka producer factory of every service (outbox relay and dead-letter parking): acks=all, idempotence on,
 * batching with a short linger and lz4. After a failure the relay asks for a fresh producer with {@link #reset()}, so a
 * broker that came back is reached through a clean connection and producer epoch. Settings:
 * {@code pakn.eventing.outbox.producer.*} plus every {@code kafka.*} property (servers, security, SASL, TLS).
 */
@ApplicationScoped
public class EventProducer {

    private static final Logger LOG = Logger.getLogger(EventProducer.class);

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "pakn")
    String service;

    private Producer<String, byte[]> producer;
    private boolean closed;

    /** The shared producer (created on first use). */
    public synchronized Producer<String, byte[]> get() {
        if (closed) {
            throw new IllegalStateException("the application is stopping: no new Kafka producer");
        }
        if (producer == null) {
            producer = new KafkaProducer<>(settings("producer"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * The producer settings every PAKN producer uses, with client id {@code <service>-<purpose>}: for a code path that
     * still needs a producer with other serializers.
     */
    public Properties settings(String purpose) {
        OutboxConfig.Producer c = config.producer();
        Properties p = new Properties();
        p.putAll(kafkaSettings);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-" + purpose);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) c.linger().toMillis());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, c.compression());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) c.requestTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) c.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, c.maxBlock().toMillis());
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return p;
    }

    public Duration deliveryTimeout() {
        return config.producer().deliveryTimeout();
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
