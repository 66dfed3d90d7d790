package vn.gov.noivu.pakn.eventing.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.eventing.tracing.TraceContext;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the outbox, the same way in every service. Each pass locks a batch of unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED} (several replicas share the work without publishing a row twice at the same time),
 * sends the whole batch (the stored CloudEvent unchanged, key = case id, headers {@code content-type} and
 * {@code traceparent}), waits once for all acknowledgements, and marks the acknowledged rows published in the same
 * transaction: a partly failed batch still records its progress ({@link BatchOutcome}). After a failure the relay
 * resets the producer and waits with exponential backoff ({@link Backoff}); submissions are never affected.
 * <p>
 * It runs on its own thread: a commit that wrote to the outbox wakes it ({@link #wakeAfterCommit}), and it polls every
 * {@code pakn.eventing.outbox.poll-interval} as the safety net (other replicas' rows, rows left by a crash).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final byte[] CONTENT_TYPE = CaseEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    @Inject
    EventProducer producer;

    @Inject
    EntityManager em;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "pakn")
    String service;

    private Counter published;
    private Counter failures;
    private Timer batchTimer;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile Instant statsAt = Instant.EPOCH;

    private volatile boolean running;
    private Thread worker;
    /** Released when a transaction that wrote to the outbox commits: the relay then runs without waiting its poll. */
    private final Semaphore wakeups = new Semaphore(0);
    private volatile int consecutiveFailures;
    private volatile String lastError;

    @PostConstruct
    void metrics() {
        Tags tags = Tags.of("service", service);
        published = Counter.builder("pakn.eventing.outbox.published").description("Events published by the relay")
                .tags(tags).register(registry);
        failures = Counter.builder("pakn.eventing.outbox.failures").description("Relay passes that failed")
                .tags(tags).register(registry);
        batchTimer = Timer.builder("pakn.eventing.outbox.batch").description("Send and acknowledge one batch")
                .tags(tags).register(registry);
        Gauge.builder("pakn.eventing.outbox.pending", pending, AtomicLong::get)
                .description("Unpublished outbox rows").tags(tags).register(registry);
        Gauge.builder("pakn.eventing.outbox.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row").tags(tags).register(registry);
    }

    /** Called inside a transaction that wrote to the outbox: once it commits, the relay publishes right away. */
    public void wakeAfterCommit() {
        AfterCommit.once(transactions, OutboxRelay.class, wakeups::release);
    }

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled (pakn.eventing.outbox.enabled=false)");
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(20_000);
        }
    }

    private void loop() {
        Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        while (running) {
            Duration pause = config.pollInterval();
            try {
                drain();
                if (consecutiveFailures > 0) {
                    LOG.infof("outbox relay recovered after %d failed passes", consecutiveFailures);
                }
                consecutiveFailures = 0;
                lastError = null;
            } catch (RuntimeException e) {
                consecutiveFailures++;
                lastError = String.valueOf(e.getMessage());
                failures.increment();
                pause = backoff.after(consecutiveFailures);
                producer.reset();
                LOG.warnf("outbox relay pass failed (%d in a row), next try in %d ms: %s", consecutiveFailures,
                        pause.toMillis(), e.getMessage());
            }
            try {
                refreshStats(false);
            } catch (RuntimeException e) {
                LOG.debugf(e, "counting the outbox");
            }
            try {
                if (consecutiveFailures > 0) {
                    Thread.sleep(pause); // backing off: a commit does not wake a relay that waits for Kafka
                } else {
                    wakeups.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Publishes full batches until one comes back short; throws when a batch could not be (fully) published. */
    int drain() {
        int total = 0;
        int sent;
        do {
            sent = publishBatch();
            total += sent;
        } while (sent >= config.batchSize() && running);
        return total;
    }

    record Row(long seq, String caseId, String topic, String payload, String traceparent) {
    }

    record PassResult(int locked, int published, String error) {
    }

    /** One batch in one transaction: returns how many rows it published; throws when any row failed. */
    int publishBatch() {
        PassResult result = QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select seq, case_id, topic, payload, traceparent from outbox_event
                    where published_at is null order by seq limit :limit for update skip locked""")
                    .setParameter("limit", config.batchSize()).getResultList();
            if (rows.isEmpty()) {
                return new PassResult(0, 0, null);
            }
            List<Row> batch = rows.stream().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1],
                    (String) r[2], (String) r[3], (String) r[4])).toList();
            Timer.Sample sample = Timer.start(registry);
            List<Boolean> acked = new ArrayList<>(batch.size());
            String firstError = sendAll(batch, acked);
            sample.stop(batchTimer);
            List<BatchOutcome.Sent> outcome = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                outcome.add(new BatchOutcome.Sent(batch.get(i).seq(), batch.get(i).caseId(), acked.get(i)));
            }
            List<Long> ok = BatchOutcome.published(outcome);
            if (!ok.isEmpty()) {
                em.createNativeQuery("""
                        update outbox_event set published_at = now(), attempts = attempts + 1, last_error = null
                        where seq in (:seqs)""").setParameter("seqs", ok).executeUpdate();
                published.increment(ok.size());
            }
            if (ok.size() < batch.size()) {
                java.util.Set<Long> okSet = new java.util.HashSet<>(ok);
                List<Long> failed = batch.stream().map(Row::seq).filter(s -> !okSet.contains(s)).toList();
                em.createNativeQuery("""
                        update outbox_event set attempts = attempts + 1, last_error = :error where seq in (:seqs)""")
                        .setParameter("error", truncate(firstError == null ? "not sent: an earlier event of the case failed"
                                : firstError))
                        .setParameter("seqs", failed).executeUpdate();
            }
            return new PassResult(batch.size(), ok.size(), firstError);
        });
        if (result.published() < result.locked()) {
            // the progress is committed; report the failure so that the relay backs off
            throw new IllegalStateException((result.locked() - result.published()) + " event(s) not published ("
                    + result.published() + " published): " + result.error());
        }
        return result.published();
    }

    /** Sends the batch without waiting, then waits once for all acknowledgements; fills {@code acked} in order. */
    private String sendAll(List<Row> batch, List<Boolean> acked) {
        Producer<String, byte[]> p = producer.get();
        List<Future<RecordMetadata>> futures = new ArrayList<>(batch.size());
        String firstError = null;
        for (Row row : batch) {
            try {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.caseId(),
                        row.payload().getBytes(StandardCharsets.UTF_8));
                record.headers().add(new RecordHeader(CaseEventCodec.CONTENT_TYPE_HEADER, CONTENT_TYPE));
                if (row.traceparent() != null) {
                    record.headers().add(new RecordHeader(TraceContext.TRACEPARENT,
                            row.traceparent().getBytes(StandardCharsets.UTF_8)));
                }
                futures.add(p.send(record));
            } catch (RuntimeException e) {
                firstError = String.valueOf(e.getMessage()); // e.g. no metadata within max.block.ms: stop the pass
                break;
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < batch.size(); i++) {
            if (i >= futures.size()) {
                acked.add(false);
                continue;
            }
            try {
                futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acked.add(false);
                if (firstError == null) {
                    firstError = "interrupted";
                }
            } catch (Exception e) {
                acked.add(false);
                if (firstError == null) {
                    firstError = e.getCause() == null ? String.valueOf(e) : String.valueOf(e.getCause());
                }
            }
        }
        return firstError;
    }

    /** Counts the backlog for the gauges (at most every {@code stats-interval} unless forced). */
    void refreshStats(boolean force) {
        Instant now = Instant.now();
        if (!force && now.isBefore(statsAt.plus(config.statsInterval()))) {
            return;
        }
        statsAt = now;
        Backlog b = backlog();
        pending.set(b.pending());
        lagMillis.set(b.oldest() == null ? 0 : Math.max(0, Duration.between(b.oldest(), now).toMillis()));
    }

    /** The unpublished rows right now and when the oldest was written (null when none). */
    public record Backlog(long pending, Instant oldest) {
    }

    /** For the health check, tests and the gauges: counted in the database, in its own transaction. */
    public Backlog backlog() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery(
                    "select count(*), min(created_at) from outbox_event where published_at is null").getSingleResult();
            return new Backlog(((Number) r[0]).longValue(), instant(r[1]));
        });
    }

    /** Unpublished rows right now. */
    public long pendingCount() {
        return backlog().pending();
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    String lastError() {
        return lastError;
    }

    boolean running() {
        return running;
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(o.toString());
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
