package vn.gov.noivu.pakn.eventing.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The one Kafka producer factory of every service: the outbox relay's producer ({@code outbox.EventProducer}) and each
 * consumer's dead-letter producer ({@code consumer.EventConsumers}) come from here, with one set of settings: acks=all,
 * idempotence on, at most 5 requests in flight, a short linger, lz4, bounded timeouts ({@link ProducerSettings}), client
 * id {@code <quarkus.application.name>-<purpose>}, plus every {@code kafka.*} property (servers, security, SASL, TLS).
 * Who creates a producer owns it (closes it, or throws it away after a failure).
 */
@ApplicationScoped
public class KafkaProducers {

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    @Inject
    ProducerSettings config;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "pakn")
    String service;

    /** A new producer of CloudEvent bytes keyed by case id, with client id {@code <service>-<purpose>}. */
    public Producer<String, byte[]> create(String purpose) {
        return new KafkaProducer<>(settings(purpose), new StringSerializer(), new ByteArraySerializer());
    }

    /** The settings {@link #create} uses: for a code path that needs a producer with other serializers. */
    public Properties settings(String purpose) {
        Properties p = new Properties();
        p.putAll(kafkaSettings);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-" + purpose);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return p;
    }

    /** How long a send may take until Kafka reports it failed. */
    public Duration deliveryTimeout() {
        return config.deliveryTimeout();
    }
}
