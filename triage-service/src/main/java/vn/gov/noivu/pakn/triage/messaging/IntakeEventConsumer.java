package vn.gov.noivu.pakn.triage.messaging;

import vn.gov.noivu.pakn.commons.messaging.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.service.IntakeEventHandler;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code pakn.intake.case-events} with a plain Kafka consumer on its own thread.
 *
 * <ul>
 *   <li>Each record is applied in its own database transaction, deduplicated by CloudEvent id
 *       ({@link IntakeEventHandler}); offsets are committed after the records are applied, so a crash redelivers
 *       and the redelivery has no second effect.</li>
 *   <li>Records of one case share a partition (key = case id) and are applied in offset order; the handler also
 *       skips any event older (caseversion) than what was applied.</li>
 *   <li>A record that is not a valid case event, or keeps failing for a non-transient reason, is parked on
 *       {@code pakn.triage.dead-letter} with header {@code dlq-reason} and never retried, so a partition is never
 *       blocked by it. Transient failures (database unreachable, lock conflicts) are retried with a pause.</li>
 * </ul>
 */
@ApplicationScoped
public class IntakeEventConsumer {

    private static final Logger LOG = Logger.getLogger(IntakeEventConsumer.class);

    @Inject
    KafkaClients clients;
    @Inject
    IntakeEventHandler handler;
    @Inject
    TriageConfig config;
    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Instant lastPoll;

    void onStart(@Observes StartupEvent ev) {
        if (config.consumer().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "triage-intake-consumer");
        t.setDaemon(true);
        thread = t;
        t.start();
        LOG.infof("consuming %s as group %s", Topics.INTAKE_CASE_EVENTS, config.consumer().groupId());
    }

    /**
     * Stops consuming at once, like a crash: records applied since the last commit are not committed and come back
     * after a restart (the processed-events table makes that harmless).
     */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    public boolean isRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    public Instant lastPoll() {
        return lastPoll;
    }

    private void loop() {
        try (KafkaConsumer<String, byte[]> c = clients.consumer(config.consumer())) {
            consumer = c;
            c.subscribe(List.of(Topics.INTAKE_CASE_EVENTS));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                lastPoll = Instant.now();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                partitions:
                for (TopicPartition tp : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                        if (!running || !process(r)) {
                            break partitions;
                        }
                        done.put(tp, new OffsetAndMetadata(r.offset() + 1));
                    }
                }
                if (!running) {
                    break;
                }
                if (!done.isEmpty()) {
                    c.commitSync(done);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("intake consumer stopped on an unexpected error", e);
            running = false;
        } finally {
            consumer = null;
            LOG.info("intake consumer stopped");
        }
    }

    /** Applies one record; false only when stopping before it was applied. */
    private boolean process(ConsumerRecord<String, byte[]> r) {
        int attempts = 0;
        while (running) {
            attempts++;
            try {
                CaseEvent event = CaseEventCodec.read(r.value());
                if (r.key() != null && !r.key().equals(event.subject())) {
                    throw new InvalidEventException("record key " + r.key() + " differs from subject "
                            + event.subject());
                }
                IntakeEventHandler.Outcome outcome = handler.handle(event);
                registry.counter("pakn_triage_intake_events", "outcome", outcome.name().toLowerCase()).increment();
                return true;
            } catch (InvalidEventException e) {
                park(r, e.getMessage());
                return true;
            } catch (RuntimeException e) {
                InvalidEventException invalid = causeOf(e, InvalidEventException.class);
                if (invalid != null) {
                    park(r, invalid.getMessage());
                    return true;
                }
                if (!Failures.isTransient(e) && attempts >= config.consumer().maxAttempts()) {
                    LOG.errorf(e, "record %s-%d@%d failed %d times: parked", r.topic(), r.partition(), r.offset(),
                            attempts);
                    park(r, "processing failed after " + attempts + " attempts: " + Failures.rootMessage(e));
                    return true;
                }
                LOG.warnf("record %s-%d@%d failed (attempt %d, %s): %s", r.topic(), r.partition(), r.offset(),
                        attempts, Failures.isTransient(e) ? "transient" : "will be parked after "
                                + config.consumer().maxAttempts(), Failures.rootMessage(e));
                pause();
            }
        }
        return false;
    }

    private void park(ConsumerRecord<String, byte[]> r, String reason) {
        String key = "dlq:" + r.topic() + ":" + r.partition() + ":" + r.offset();
        if (handler.alreadyHandled(key)) {
            return;
        }
        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        ProducerRecord<String, String> out = new ProducerRecord<>(Topics.TRIAGE_DEAD_LETTER, r.key(), value);
        out.headers().add(new RecordHeader(CaseEventCodec.DLQ_REASON_HEADER, utf8(reason)));
        out.headers().add(new RecordHeader(CaseEventCodec.DLQ_ORIGIN_HEADER,
                utf8(r.topic() + "/" + r.partition() + "/" + r.offset())));
        r.headers().forEach(h -> {
            if (!h.key().startsWith("dlq-")) {
                out.headers().add(h);
            }
        });
        while (running) {
            try {
                clients.producer().send(out).get(30, TimeUnit.SECONDS);
                handler.markParked(key);
                registry.counter("pakn_triage_intake_events", "outcome", "dead_letter").increment();
                LOG.warnf("record %s parked on %s: %s", key, Topics.TRIAGE_DEAD_LETTER, reason);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("cannot park record %s yet: %s", key, Failures.rootMessage(e));
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.consumer().retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

}
