package vn.gov.noivu.pakn.search.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.Topics;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Parks records search-service can never process on {@code pakn.search.dead-letter}: same key and value, original
 * headers, plus {@code dlq-reason} and {@code dlq-origin} (topic/partition/offset).
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    java.util.Map<String, Object> kafkaSettings;

    @Inject
    MeterRegistry registry;

    private volatile KafkaProducer<String, byte[]> producer;

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(kafkaSettings);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "search-service-dlq");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Blocks until the broker acknowledged the parked record (the caller commits the offset only afterwards). */
    public void park(ConsumerRecord<String, byte[]> record, String reason) throws Exception {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.SEARCH_DEAD_LETTER, record.key(),
                record.value());
        for (Header h : record.headers()) {
            out.headers().add(h);
        }
        String r = reason == null ? "unknown" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        out.headers().add(CaseEventCodec.DLQ_REASON_HEADER, r.getBytes(StandardCharsets.UTF_8));
        out.headers().add(CaseEventCodec.DLQ_ORIGIN_HEADER,
                (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
        producer().send(out).get(30, TimeUnit.SECONDS);
        registry.counter("pakn_search_dead_lettered_total", "topic", record.topic()).increment();
        LOG.warnf("parked %s/%d/%d (key %s) on %s: %s", record.topic(), record.partition(), record.offset(),
                record.key(), Topics.SEARCH_DEAD_LETTER, r);
    }

    void onStop(@Observes ShutdownEvent ev) {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
        }
    }
}
