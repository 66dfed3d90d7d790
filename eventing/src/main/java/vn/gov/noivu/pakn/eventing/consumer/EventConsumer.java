package vn.gov.noivu.pakn.eventing.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import vn.gov.noivu.pakn.eventing.tracing.EventSpan;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.InvalidEventException;

/**
 * The one idempotent case-event consumer of every service: a plain Kafka consumer on its own thread that hands each
 * poll to a {@link CaseEventHandler} as one unit of work.
 *
 * <ul>
 *   <li><b>Batches.</b> A poll (up to {@code maxPollRecords}) is applied as one unit (one transaction, one bulk);
 *       offsets are committed asynchronously after it (synchronously on rebalance and stop). If the unit fails for a
 *       non-transient reason, its events are applied one by one so the bad one is parked and the rest proceed.</li>
 *   <li><b>Never lossy.</b> Offsets are never committed past an event that was not applied or parked. On a transient
 *       failure ({@link Failures#isTransient}) every partition of the poll is rewound to its first unapplied record
 *       and retried after a pause that doubles from {@code retryInitial} to {@code retryMax}, without limit.</li>
 *   <li><b>Parking.</b> Unreadable records, events the handler rejects and events failing {@code maxAttempts} times
 *       for an unknown reason go to the service's dead-letter topic with {@link DeadLetters}' headers.</li>
 *   <li><b>Idempotent and ordered.</b> Records of a case share a partition (key = case id) and are applied in offset
 *       order; the handler deduplicates by CloudEvent id ({@link ProcessedEvents}) and skips stale case versions,
 *       reporting {@link Outcome#DUPLICATE} / {@link Outcome#STALE}.</li>
 * </ul>
 * Metrics (tags {@code service}, {@code topic}): {@code pakn.eventing.consumer.processed}, {@code .duplicates}
 * (duplicates and stale versions), {@code .parked}, gauge {@code .lag} (records behind the log end).
 */
public final class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    public static final String PROCESSED = "pakn.eventing.consumer.processed";
    public static final String DUPLICATES = "pakn.eventing.consumer.duplicates";
    public static final String PARKED = "pakn.eventing.consumer.parked";
    public static final String LAG = "pakn.eventing.consumer.lag";

    /** What the consumer is doing, for readiness checks and admin pages. */
    public record Status(String service, boolean running, boolean failing, String lastError, Instant failingSince,
            Instant lastPoll, Instant lastBatchAt, long processed, long duplicates, long parked, long lag) {
    }

    private final ConsumerSettings settings;
    private final CaseEventHandler handler;
    private final Map<String, Object> kafkaSettings;
    private final Supplier<Producer<String, byte[]>> deadLetterProducers;
    private final Tracer tracer;
    private final MeterRegistry registry;

    /** Records behind the log end, per topic and worker (the gauge sums the workers). */
    private final Map<String, Map<Integer, Long>> lagByTopic = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    private volatile boolean running;
    private volatile List<Worker> workers = List.of();
    private volatile Producer<String, byte[]> deadLetterProducer;
    private volatile Instant lastPoll;
    private volatile Instant lastBatchAt;
    private volatile Instant failingSince;
    private volatile String lastError;

    /**
     * @param kafkaSettings       the consumer's {@code kafka.*} settings (bootstrap servers, security)
     * @param deadLetterProducers creates the producer for parking (eventing's {@code KafkaProducers}), on first need
     */
    public EventConsumer(ConsumerSettings settings, CaseEventHandler handler, Map<String, Object> kafkaSettings,
            Supplier<Producer<String, byte[]>> deadLetterProducers, Tracer tracer, MeterRegistry registry) {
        this.settings = settings;
        this.handler = handler;
        this.kafkaSettings = Map.copyOf(kafkaSettings);
        this.deadLetterProducers = deadLetterProducers;
        this.tracer = tracer;
        this.registry = registry;
        for (String topic : settings.topics()) {
            Map<Integer, Long> lag = new ConcurrentHashMap<>();
            lagByTopic.put(topic, lag);
            Gauge.builder("pakn.eventing.consumer.lag", lag, EventConsumer::sum).tags("service", settings.service(), "topic", topic)
                    .description("records of the topic not yet consumed by the service").register(registry);
        }
    }

    public ConsumerSettings settings() {
        return settings;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        List<Worker> started = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            Worker w = new Worker(i);
            Thread t = new Thread(w::loop, settings.service() + "-event-consumer" + (settings.threads() > 1 ? "-" + i : ""));
            t.setDaemon(true);
            w.thread = t;
            started.add(w);
        }
        workers = List.copyOf(started);
        started.forEach(w -> w.thread.start());
        LOG.infof("%s consumes %s as group %s (batches of up to %d, %d thread(s))", settings.service(),
                settings.topics(), settings.groupId(), settings.maxPollRecords(), settings.threads());
    }

    /** Stops consuming, committing what was applied; waits up to 30 s for the unit in progress. */
    public synchronized void stop() {
        running = false;
        for (Worker w : workers) {
            KafkaConsumer<String, byte[]> c = w.consumer;
            if (c != null) {
                c.wakeup();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Worker w : workers) {
            Thread t = w.thread;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        workers = List.of();
        Producer<String, byte[]> p = deadLetterProducer;
        deadLetterProducer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    /** Lets unit tests drive {@link #process} without a broker. */
    void running(boolean r) {
        running = r;
    }

    /** True while consuming: every worker thread alive. */
    public boolean isRunning() {
        List<Worker> ws = workers;
        return running && !ws.isEmpty() && ws.stream().allMatch(w -> w.thread != null && w.thread.isAlive());
    }

    public Status status() {
        return new Status(settings.service(), isRunning(), failingSince != null, lastError, failingSince, lastPoll,
                lastBatchAt, processed.get(), duplicates.get(), parked.get(),
                (long) lagByTopic.values().stream().mapToDouble(EventConsumer::sum).sum());
    }

    private static double sum(Map<Integer, Long> byWorker) {
        return byWorker.values().stream().mapToLong(Long::longValue).sum();
    }

    private Properties consumerProperties(int worker) {
        Properties p = new Properties();
        p.putAll(kafkaSettings);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.service() + "-consumer" + (settings.threads() > 1 ? "-" + worker : ""));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return p;
    }

    /**
     * Applies the poll; {@code done} receives, per partition, the offset after the last record applied or parked.
     * True when every record was.
     */
    boolean process(ConsumerRecords<String, byte[]> records, Map<TopicPartition, Long> done) {
        List<Item> items = new ArrayList<>(records.count());
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                items.add(decode(tp, r));
            }
        }
        List<Item> valid = items.stream().filter(i -> i.event != null).toList();
        try {
            List<Outcome> outcomes = valid.isEmpty() ? List.of() : apply(valid);
            for (int i = 0; i < valid.size(); i++) {
                valid.get(i).outcome = outcomes.get(i);
            }
            for (Item item : items) {
                finish(item);
                done.put(item.tp, item.record.offset() + 1);
            }
            return true;
        } catch (Exception e) {
            if (!running) {
                return false;
            }
            if (transientFailure(e) || !done.isEmpty()) {
                failed(e);
                return false;
            }
            LOG.infof("%s: unit of %d event(s) failed (%s); applying them one by one", settings.service(),
                    valid.size(), Failures.rootMessage(e));
        }
        for (Item item : items) {
            if (!running || !one(item)) {
                return false;
            }
            done.put(item.tp, item.record.offset() + 1);
        }
        return true;
    }

    /** Applies (or parks) one item alone; false on a transient failure (nothing after it may be applied). */
    private boolean one(Item item) {
        for (int attempt = 1; running; attempt++) {
            try {
                if (item.event != null && item.invalid == null) {
                    item.outcome = apply(List.of(item)).get(0);
                }
                finish(item);
                return true;
            } catch (Exception e) {
                InvalidEventException invalid = causeOf(e, InvalidEventException.class);
                if (invalid != null) {
                    item.invalid = invalid.getMessage();
                    item.outcome = null;
                    continue;
                }
                if (transientFailure(e)) {
                    failed(e);
                    return false;
                }
                if (attempt >= settings.maxAttempts()) {
                    LOG.errorf(e, "%s: record %s failed %d times: parked", settings.service(),
                            DeadLetters.origin(item.record), attempt);
                    item.invalid = "processing failed after " + attempt + " attempts: " + Failures.rootMessage(e);
                    item.outcome = null;
                    continue;
                }
                LOG.warnf("%s: record %s failed (attempt %d of %d): %s", settings.service(),
                        DeadLetters.origin(item.record), attempt, settings.maxAttempts(), Failures.rootMessage(e));
                sleep(settings.retryInitial());
            }
        }
        return false;
    }

    private List<Outcome> apply(List<Item> items) throws Exception {
        Map<CaseEvent, String> topics = new IdentityHashMap<>();
        List<CaseEvent> events = new ArrayList<>(items.size());
        for (Item i : items) {
            topics.put(i.event, i.tp.topic());
            events.add(i.event);
        }
        List<Outcome> outcomes = handler.apply(events, e -> EventSpan.process(tracer, topics.get(e), e));
        if (outcomes.size() != events.size()) {
            throw new IllegalStateException("handler returned " + outcomes.size() + " outcomes for " + events.size()
                    + " events");
        }
        handler.applied(events);
        return outcomes;
    }

    /** Counts an applied item, or parks it (throws when the dead-letter topic cannot be written). */
    private void finish(Item item) throws DeadLetterUnavailable {
        String reason = item.invalid != null ? item.invalid
                : item.outcome != null && item.outcome.kind() == Outcome.Kind.REJECTED ? item.outcome.reason() : null;
        String topic = item.tp.topic();
        if (reason != null) {
            try {
                park(item.record, reason);
            } catch (Exception e) {
                throw new DeadLetterUnavailable(e);
            }
            parked.incrementAndGet();
            counter(PARKED, topic).increment();
            return;
        }
        switch (item.outcome.kind()) {
            case APPLIED -> {
                processed.incrementAndGet();
                counter(PROCESSED, topic).increment();
            }
            case DUPLICATE, STALE -> {
                duplicates.incrementAndGet();
                counter(DUPLICATES, topic).increment();
            }
            default -> throw new IllegalStateException("unexpected outcome " + item.outcome);
        }
    }

    /** The meters by their literal names (k8s-tests' MonitoringTest checks alerts and dashboards against them). */
    private Counter counter(String name, String topic) {
        String service = settings.service();
        return switch (name) {
            case PROCESSED -> registry.counter("pakn.eventing.consumer.processed", "service", service, "topic", topic);
            case DUPLICATES -> registry.counter("pakn.eventing.consumer.duplicates", "service", service, "topic", topic);
            case PARKED -> registry.counter("pakn.eventing.consumer.parked", "service", service, "topic", topic);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Item decode(TopicPartition tp, ConsumerRecord<String, byte[]> r) {
        Item item = new Item(tp, r);
        try {
            CaseEvent event = CaseEventCodec.read(r.value());
            if (r.key() != null && !r.key().equals(event.subject())) {
                throw new InvalidEventException("record key " + r.key() + " differs from subject " + event.subject());
            }
            handler.validate(event);
            item.event = event;
        } catch (InvalidEventException | IllegalArgumentException e) {
            item.invalid = e.getMessage();
        }
        return item;
    }

    private void park(ConsumerRecord<String, byte[]> r, String reason) throws Exception {
        deadLetterProducer().send(DeadLetters.park(r, settings.deadLetterTopic(), reason)).get(30, TimeUnit.SECONDS);
        LOG.warnf("%s: record %s (key %s) parked on %s: %s", settings.service(), DeadLetters.origin(r), r.key(),
                settings.deadLetterTopic(), reason);
    }

    private synchronized Producer<String, byte[]> deadLetterProducer() {
        if (deadLetterProducer == null) {
            deadLetterProducer = deadLetterProducers.get();
        }
        return deadLetterProducer;
    }

    private void updateLag(KafkaConsumer<String, byte[]> c, int worker) {
        Map<String, Long> sums = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            c.currentLag(tp).ifPresent(l -> sums.merge(tp.topic(), l, Long::sum));
        }
        lagByTopic.forEach((topic, lag) -> lag.put(worker, sums.getOrDefault(topic, 0L)));
    }

    /** Seeks each partition of the poll back to its first record not applied, so nothing of it is skipped. */
    private static void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records,
            Map<TopicPartition, Long> done) {
        for (TopicPartition tp : records.partitions()) {
            long first = records.records(tp).get(0).offset();
            try {
                c.seek(tp, done.getOrDefault(tp, first));
            } catch (IllegalStateException notAssigned) {
                // moved to another instance meanwhile: it resumes from the committed offset
            }
        }
    }

    private void failed(Exception e) {
        lastError = Failures.rootMessage(e);
        if (failingSince == null) {
            failingSince = Instant.now();
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

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean transientFailure(Throwable e) {
        return e instanceof DeadLetterUnavailable || Failures.isTransient(e);
    }

    /** The dead-letter topic could not be written: like any transient failure, retried later, never skipped. */
    private static final class DeadLetterUnavailable extends Exception {
        DeadLetterUnavailable(Exception cause) {
            super("dead-letter topic unavailable: " + Failures.rootMessage(cause), cause);
        }
    }

    /**
     * One Kafka consumer of the group on its own thread: polls its share of the partitions, applies each poll as one
     * unit ({@link #process}) and commits what it applied.
     */
    private final class Worker {
        final int index;
        /** Next offset of the last applied record of each assigned partition (what a commit would store). */
        final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        volatile Thread thread;
        volatile KafkaConsumer<String, byte[]> consumer;

        Worker(int index) {
            this.index = index;
        }

        void loop() {
            Duration backoff = settings.retryInitial();
            applied.clear();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties(index), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                c.subscribe(settings.topics(), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        commitSync(c);
                        applied.keySet().removeAll(partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        applied.keySet().removeAll(partitions);
                    }
                });
                try {
                    while (running) {
                        ConsumerRecords<String, byte[]> records = c.poll(settings.pollTimeout());
                        lastPoll = Instant.now();
                        updateLag(c, index);
                        if (records.isEmpty()) {
                            continue;
                        }
                        Map<TopicPartition, Long> done = new HashMap<>();
                        boolean complete = process(records, done);
                        done.forEach((tp, next) -> applied.put(tp, new OffsetAndMetadata(next)));
                        if (!done.isEmpty()) {
                            c.commitAsync(new HashMap<>(applied), (offsets, e) -> {
                                if (e != null) {
                                    LOG.debugf("offset commit failed (the next one covers it): %s", e.toString());
                                }
                            });
                        }
                        if (complete) {
                            lastBatchAt = Instant.now();
                            failingSince = null;
                            lastError = null;
                            backoff = settings.retryInitial();
                        } else if (running) {
                            rewind(c, records, done);
                            LOG.warnf("%s: poll of %d record(s) not fully applied, retrying in %d ms: %s", settings.service(),
                                    records.count(), backoff.toMillis(), lastError);
                            sleep(backoff);
                            backoff = backoff.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax()
                                    : backoff.multipliedBy(2);
                        }
                    }
                } catch (WakeupException e) {
                    if (running) {
                        LOG.error("consumer woken up unexpectedly", e);
                    }
                }
                commitOnExit(c);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s event consumer stopped on an unexpected error", settings.service());
                failed(e);
                running = false;
            } finally {
                consumer = null;
                LOG.infof("%s event consumer stopped", settings.service());
            }
        }

        /** The last commit, when stopping: the first blocking call may only consume the pending wake-up. */
        private void commitOnExit(KafkaConsumer<String, byte[]> c) {
            if (c == null || applied.isEmpty()) {
                return;
            }
            try {
                c.commitSync(new HashMap<>(applied), Duration.ofSeconds(10));
            } catch (WakeupException pending) {
                commitSync(c);
            } catch (RuntimeException e) {
                LOG.warnf("%s: offsets not committed (the records will be redelivered and deduplicated): %s",
                        settings.service(), e.toString());
            }
        }

        private void commitSync(KafkaConsumer<String, byte[]> c) {
            if (applied.isEmpty()) {
                return;
            }
            try {
                c.commitSync(new HashMap<>(applied), Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warnf("%s: offsets not committed (the records will be redelivered and deduplicated): %s",
                        settings.service(), e.toString());
            }
        }
    }

    private static final class Item {
        final TopicPartition tp;
        final ConsumerRecord<String, byte[]> record;
        CaseEvent event;
        String invalid;
        Outcome outcome;

        Item(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
            this.tp = tp;
            this.record = record;
        }
    }
}
