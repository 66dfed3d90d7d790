package vn.gov.noivu.pakn.triage.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.entity.OutboxEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox to {@code pakn.triage.case-events}: takes the oldest unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED} (replicas relay disjoint batches), sends them in order with the idempotent producer
 * (acks=all), and marks them published in the same transaction. A failed send rolls the batch back and it is sent
 * again later: delivery is at least once, and consumers deduplicate by event id and keep the highest caseversion.
 * <p>
 * Besides the schedule (the safety net: other replicas' rows, rows left by a crash), a transaction that wrote to the
 * outbox wakes the relay when it commits ({@link #wakeAfterCommit}), so an event leaves within milliseconds instead of
 * up to one period later. One drain runs at a time per pod; a wake during a drain makes it go round once more.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager em;
    @Inject
    KafkaClients clients;
    @Inject
    TriageConfig config;
    @Inject
    MeterRegistry registry;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    private final java.util.concurrent.locks.ReentrantLock draining = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.atomic.AtomicBoolean again = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean wakeQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService waker = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "outbox-wake");
                t.setDaemon(true);
                return t;
            });

    @Scheduled(identity = "outbox-relay", every = "${pakn.triage.outbox.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        drain();
    }

    /** Called inside a transaction that wrote to the outbox: once it commits, the relay publishes right away. */
    public void wakeAfterCommit() {
        vn.gov.noivu.pakn.commons.messaging.AfterCommit.once(transactions, OutboxRelay.class, this::wake);
    }

    void wake() {
        again.set(true);
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down: the next start's schedule publishes it
            }
        }
    }

    private void drain() {
        if (!draining.tryLock()) {
            return; // the running drain sees `again` and goes round once more
        }
        try {
            do {
                again.set(false);
                relayAll();
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
        } finally {
            draining.unlock();
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        waker.shutdownNow();
    }

    /** Relays until the outbox is empty; returns the number of events published. */
    public int relayAll() {
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(this::relayBatch);
            total += n;
        } while (n == config.outbox().batchSize());
        return total;
    }

    @SuppressWarnings("unchecked")
    int relayBatch() {
        List<OutboxEvent> batch = em.createNativeQuery("select * from outbox_event where published_at is null "
                + "order by id limit :limit for update skip locked", OutboxEvent.class)
                .setParameter("limit", config.outbox().batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (OutboxEvent e : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TRIAGE_CASE_EVENTS, e.caseId,
                    e.payload);
            record.headers().add(new RecordHeader(CaseEventCodec.CONTENT_TYPE_HEADER,
                    CaseEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
            sent.add(clients.producer().send(record));
        }
        Instant now = Instant.now();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception ex) {
            throw new IllegalStateException("publishing " + batch.size() + " outbox events failed: " + ex, ex);
        }
        for (OutboxEvent e : batch) {
            e.publishedAt = now;
            e.attempts++;
        }
        registry.counter("pakn_triage_outbox_published").increment(batch.size());
        LOG.debugf("relayed %d events", batch.size());
        return batch.size();
    }

    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from outbox_event where published_at is null")
                .getSingleResult()).longValue();
    }
}
