package vn.gov.noivu.pakn.triage.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.triage.config.TriageConfig;

import java.time.Duration;
import java.util.Properties;

/**
 * The plain Kafka clients of {@link IntakeEventConsumer} (transitional, until it moves onto eventing's consumer): its
 * consumer and its dead-letter producer. The outbox relay uses eventing's own producer.
 */
@ApplicationScoped
public class KafkaClients {

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    java.util.Map<String, Object> kafkaSettings;

    /** The one producer factory of eventing: same settings (acks=all, idempotent, timeouts) for the DLQ producer. */
    @Inject
    vn.gov.noivu.pakn.eventing.outbox.EventProducer producers;

    private volatile KafkaProducer<String, String> producer;

    /** The dead-letter producer of {@link IntakeEventConsumer} (String values), with eventing's producer settings. */
    public KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producers.settings("dead-letter"), new StringSerializer(),
                            new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    public KafkaConsumer<String, byte[]> consumer(TriageConfig.Consumer config) {
        Properties props = new Properties();
        props.putAll(kafkaSettings);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "triage-service-intake-consumer");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
