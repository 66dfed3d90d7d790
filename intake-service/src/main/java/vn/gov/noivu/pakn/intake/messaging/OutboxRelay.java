package vn.gov.noivu.pakn.intake.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the outbox. Every pass locks a batch of unpublished rows with {@code FOR UPDATE SKIP LOCKED} (so several
 * replicas share the work without publishing a row twice at the same time), sends each stored CloudEvent unchanged
 * (a re-sent event keeps its id) with key = case id, and marks the acknowledged rows published in the same
 * transaction. When Kafka is unreachable the pass fails, the rows stay unpublished and the relay waits with
 * exponential backoff before trying again; submissions are not affected.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EventProducer producer;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    @Inject
    MeterRegistry registry;

    private volatile Instant pausedUntil = Instant.EPOCH;
    private int consecutiveFailures;
    private Counter published;
    private Counter failures;
    private final AtomicLong pending = new AtomicLong();

    @PostConstruct
    void metrics() {
        published = registry.counter("pakn.intake.outbox.published");
        failures = registry.counter("pakn.intake.outbox.failures");
        Gauge.builder("pakn.intake.outbox.pending", pending, AtomicLong::get).register(registry);
    }

    record Pending(long seq, UUID eventId, UUID caseId, String topic, String payload) {
    }

    private volatile boolean running;
    private Thread worker;
    /** Released when a transaction that wrote to the outbox commits: the relay then runs without waiting its poll. */
    private final java.util.concurrent.Semaphore wakeups = new java.util.concurrent.Semaphore(0);

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Called inside a transaction that wrote to the outbox: once it commits, the relay publishes right away. */
    public void wakeAfterCommit() {
        vn.gov.noivu.pakn.commons.messaging.AfterCommit.once(transactions, OutboxRelay.class, wakeups::release);
    }

    /**
     * The relay loop runs on its own thread every {@code pakn.intake.outbox.poll-interval} (200 ms; quarkus-scheduler's
     * simple scheduler does not go below one second).
     */
    void start(@Observes StartupEvent ev) {
        if (!config.outbox().enabled()) {
            LOG.info("outbox relay disabled (pakn.intake.outbox.enabled=false)");
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(() -> {
            while (running) {
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.error("outbox relay pass crashed", e);
                }
                try {
                    // the poll is the safety net (other replicas' rows, rows left by a crash); a commit wakes it early
                    wakeups.tryAcquire(config.outbox().pollInterval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(20_000);
        }
    }

    void tick() {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        if (!running) {
            return;
        }
        try {
            int sent;
            do {
                sent = publishBatch();
            } while (sent >= config.outbox().batchSize());
            if (consecutiveFailures > 0) {
                LOG.infof("outbox relay recovered after %d failed passes", consecutiveFailures);
            }
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            consecutiveFailures++;
            failures.increment();
            long backoff = Math.min(config.outbox().maxBackoff().toMillis(),
                    config.outbox().initialBackoff().toMillis() << Math.min(consecutiveFailures - 1, 20));
            pausedUntil = Instant.now().plusMillis(backoff);
            producer.reset();
            LOG.warnf("outbox relay pass failed (%d in a row), next try in %d ms: %s", consecutiveFailures, backoff,
                    e.getMessage());
        }
    }

    /** One pass: returns how many rows it published; throws when any row of the batch could not be published. */
    int publishBatch() {
        PassResult result = QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select seq, event_id, case_id, topic, payload from outbox_event
                    where published_at is null order by seq limit :limit for update skip locked""")
                    .setParameter("limit", config.outbox().batchSize()).getResultList();
            if (rows.isEmpty()) {
                pending.set(0);
                return new PassResult(0, 0, null);
            }
            List<Pending> batch = rows.stream().map(r -> new Pending(((Number) r[0]).longValue(), uuid(r[1]),
                    uuid(r[2]), (String) r[3], (String) r[4])).toList();
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            RuntimeException sendFailure = null;
            for (Pending p : batch) {
                try {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(p.topic(), p.caseId().toString(),
                            p.payload().getBytes(StandardCharsets.UTF_8));
                    record.headers().add(new RecordHeader(CaseEventCodec.CONTENT_TYPE_HEADER,
                            "application/cloudevents+json".getBytes(StandardCharsets.UTF_8)));
                    futures.add(producer.get().send(record));
                } catch (RuntimeException e) {
                    sendFailure = e; // e.g. metadata not available within max.block.ms: stop this pass
                    break;
                }
            }
            List<Long> ok = new ArrayList<>();
            Set<UUID> failedCases = new HashSet<>();
            String firstError = sendFailure == null ? null : String.valueOf(sendFailure.getMessage());
            long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
            for (int i = 0; i < futures.size(); i++) {
                Pending p = batch.get(i);
                try {
                    futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (!failedCases.contains(p.caseId())) {
                        ok.add(p.seq());
                    }
                } catch (Exception e) {
                    failedCases.add(p.caseId());
                    if (firstError == null) {
                        firstError = e.getCause() == null ? String.valueOf(e) : String.valueOf(e.getCause());
                    }
                }
            }
            if (!ok.isEmpty()) {
                em.createNativeQuery("""
                        update outbox_event set published_at = now(), attempts = attempts + 1, last_error = null
                        where seq in (:seqs)""").setParameter("seqs", ok).executeUpdate();
                published.increment(ok.size());
            }
            if (ok.size() < batch.size()) {
                List<Long> failed = batch.stream().map(Pending::seq).filter(s -> !ok.contains(s)).toList();
                em.createNativeQuery("""
                        update outbox_event set attempts = attempts + 1, last_error = :error where seq in (:seqs)""")
                        .setParameter("error", truncate(firstError)).setParameter("seqs", failed).executeUpdate();
            }
            pending.set(((Number) em.createNativeQuery(
                    "select count(*) from outbox_event where published_at is null").getSingleResult()).longValue());
            return new PassResult(batch.size(), ok.size(), firstError);
        });
        if (result.published() < result.locked()) {
            // the bookkeeping is committed; report the failure so that the relay backs off
            throw new RelayFailure(result.locked() - result.published(), result.error(), result.published());
        }
        return result.published();
    }

    record PassResult(int locked, int published, String error) {
    }

    private static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    static final class RelayFailure extends RuntimeException {
        RelayFailure(int failed, String error, int ok) {
            super(failed + " event(s) not published (" + ok + " published): " + error);
        }
    }

    /** For tests and health: unpublished rows right now. */
    public long pendingCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where published_at is null").getSingleResult()).longValue());
    }
}
