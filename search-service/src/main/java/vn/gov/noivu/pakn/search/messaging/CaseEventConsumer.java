package vn.gov.noivu.pakn.search.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.repository.IndexManager;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The live consumer of both case-event topics. At-least-once and never lossy: offsets are committed only after the
 * batch is in Elasticsearch (and bad records are parked); when Elasticsearch fails, the consumer seeks back to the
 * batch's first offsets and retries with exponential backoff, while the readiness check reports DOWN.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    java.util.Map<String, Object> kafkaSettings;

    @Inject
    SearchConfig config;

    @Inject
    EventBatchProcessor processor;

    @Inject
    IndexManager indices;

    @Inject
    IndexingStatus status;

    @Inject
    vn.gov.noivu.pakn.search.issues.RecurringIssueAssigner assigner;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent ev) {
        if (!config.consumer().enabled()) {
            LOG.info("case-event consumer disabled by configuration");
            return;
        }
        running = true;
        thread = new Thread(this::loop, "case-event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Properties consumerProperties(Map<String, Object> kafkaSettings, String groupId, String clientId, int maxPollRecords) {
        Properties p = new Properties();
        p.putAll(kafkaSettings);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return p;
    }

    private void loop() {
        Duration backoff = config.consumer().retryInitial();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                consumerProperties(kafkaSettings, config.consumer().groupId(), "search-service-live",
                        config.consumer().maxPollRecords()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS));
            status.running(true);
            LOG.infof("consuming %s and %s as group %s", Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS,
                    config.consumer().groupId());
            while (running) {
                ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
                try {
                    records = c.poll(config.consumer().pollTimeout());
                    if (records.isEmpty()) {
                        continue;
                    }
                    List<String> targets = indices.indices().writeTargets();
                    if (targets.isEmpty()) {
                        targets = List.of(indices.ensureLiveIndex());
                    }
                    EventBatchProcessor.Result r = processor.process(records, targets, true);
                    c.commitSync(nextOffsets(records));
                    status.ok(r.events(), r.parked());
                    assigner.submit(r.caseIds()); // on its own thread: a new case joins its issue within moments
                    backoff = config.consumer().retryInitial();
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (Exception e) {
                    status.failed(e.getMessage());
                    LOG.warnf("batch of %d record(s) not indexed, retrying in %d ms: %s", records.count(),
                            backoff.toMillis(), e.toString());
                    rewind(c, records);
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(config.consumer().retryMax()) > 0
                            ? config.consumer().retryMax() : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.error("case-event consumer stopped", e);
            status.failed("consumer stopped: " + e.getMessage());
        } finally {
            status.running(false);
            consumer = null;
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            out.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return out;
    }

    /** Seek every partition of a failed batch back to its first record, so nothing of it is skipped. */
    private static void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            try {
                c.seek(tp, records.records(tp).get(0).offset());
            } catch (IllegalStateException notAssigned) {
                // partition moved to another instance during the failure: it resumes from the committed offset
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
