package vn.gov.noivu.pakn.search.indexing;

import vn.gov.noivu.pakn.commons.domain.Conflict;
import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.Unavailable;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the case index from the event history, without _reindex: creates the next versioned index under the
 * building alias (from then on live consumers write to it too), replays both topics from the beginning with a separate
 * consumer (no group: assigned partitions, up to the end offsets seen at the start), then moves the search alias to
 * it atomically. Searches keep reading the old index until the swap. Events published during the replay reach the new
 * index through the live consumer's dual write; events are applied by caseversion, so the overlap is harmless.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS), as Quarkus resolves them. */
    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    java.util.Map<String, Object> kafkaSettings;

    @Inject
    SearchConfig config;

    @Inject
    IndexManager indices;

    @Inject
    EventBatchProcessor processor;

    public record Job(String id, String state, String previousIndex, String newIndex, Instant startedAt,
            Instant finishedAt, long replayedEvents, String error) {
        Job with(String state, long replayed, String error) {
            return new Job(id, state, previousIndex, newIndex, startedAt,
                    "RUNNING".equals(state) ? null : Instant.now(), replayed, error);
        }
    }

    private final AtomicReference<Job> current = new AtomicReference<>();

    public Job status() {
        return current.get();
    }

    /**
     * At startup: when the live index was made with older settings or mappings ({@code _meta.mappingVersion} below
     * the shipped one), rebuilds into a new generation so the deployment picks up the new analysis; searches use
     * the query the old index supports until the alias moves. Several instances starting together: the first to
     * create the next generation rebuilds, the others see its building index and leave it alone.
     */
    void upgradeOnStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent ev) {
        try {
            IndexManager.Indices now = indices.indices();
            Optional<String> live = now.live();
            if (live.isEmpty()) {
                return;
            }
            int version = indices.mappingVersion(live.get());
            if (version >= indices.shippedMappingVersion()) {
                return;
            }
            if (!now.buildingIndices().isEmpty()) {
                LOG.infof("index %s has mapping version %d (< %d); a rebuild is already filling %s", live.get(),
                        version, indices.shippedMappingVersion(), now.buildingIndices());
                return;
            }
            LOG.infof("index %s has mapping version %d (< %d): rebuilding into a new generation", live.get(), version,
                    indices.shippedMappingVersion());
            start(false);
        } catch (DomainException e) {
            LOG.warnf("upgrade rebuild not started: %s", e.getMessage());
        } catch (Exception e) {
            LOG.warnf("could not check the live index's mapping version at startup (%s); POST /api/v1/admin/rebuild"
                    + " upgrades it", e.toString());
        }
    }

    /** Starts a rebuild in the background; 409 while one runs. */
    public Job start() {
        return start(true);
    }

    private synchronized Job start(boolean deleteLeftovers) {
        Job running = current.get();
        if (running != null && "RUNNING".equals(running.state())) {
            throw new Conflict("rebuild-running", "một lần dựng lại chỉ mục đang chạy: " + running.id());
        }
        try {
            IndexManager.Indices now = indices.indices();
            for (String leftover : deleteLeftovers ? now.buildingIndices() : List.<String>of()) {
                LOG.warnf("deleting unfinished rebuild index %s", leftover);
                indices.delete(leftover);
            }
            now = indices.indices();
            String previous = now.live().orElse(null);
            String next = config.index().prefix() + indices.nextGeneration(now);
            indices.createIndex(next, config.index().buildingAlias());
            Job job = new Job(Ids.nextString(), "RUNNING", previous, next, Instant.now(), null, 0, null);
            current.set(job);
            Thread t = new Thread(() -> run(job), "index-rebuild");
            t.setDaemon(true);
            t.start();
            return job;
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof DomainException p) {
                throw p;
            }
            throw new Unavailable("search-unavailable", "Dịch vụ tìm kiếm tạm thời không sẵn sàng",
                    "không tạo được chỉ mục mới: " + e.getMessage());
        }
    }

    private void run(Job job) {
        long replayed = 0;
        try {
            replayed = replay(job.newIndex());
            indices.refresh(job.newIndex());
            // the live index may have moved meanwhile (another instance): re-read before swapping
            String previous = indices.indices().live().orElse(null);
            indices.swapAlias(previous, job.newIndex());
            LOG.infof("rebuild %s: %d events replayed into %s; alias %s moved from %s", job.id(), replayed,
                    job.newIndex(), config.index().alias(), previous);
            dropOldGenerations(job.newIndex());
            current.set(job.with("DONE", replayed, null));
        } catch (Exception e) {
            LOG.errorf(e, "rebuild %s failed", job.id());
            current.set(job.with("FAILED", replayed, e.toString()));
            try {
                indices.delete(job.newIndex());
            } catch (Exception ignored) {
                // left under the building alias; the next rebuild deletes it
            }
        }
    }

    private long replay(String index) throws Exception {
        Properties p = new Properties();
        p.putAll(kafkaSettings);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-service-rebuild");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        long count = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS)) {
                for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
            Duration backoff = config.consumer().retryInitial();
            while (!reached(c, end)) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    count += processor.process(records, List.of(index)).events();
                    backoff = config.consumer().retryInitial();
                } catch (Exception e) {
                    LOG.warnf("rebuild batch failed, retrying in %d ms: %s", backoff.toMillis(), e.toString());
                    for (TopicPartition tp : records.partitions()) {
                        c.seek(tp, records.records(tp).get(0).offset());
                    }
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(config.consumer().retryMax()) > 0
                            ? config.consumer().retryMax() : backoff.multipliedBy(2);
                }
                Job j = current.get();
                current.set(new Job(j.id(), j.state(), j.previousIndex(), j.newIndex(), j.startedAt(), null, count,
                        null));
            }
        }
        return count;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void dropOldGenerations(String live) throws java.io.IOException {
        IndexManager.Indices now = indices.indices();
        List<String> old = now.aliasesByIndex().keySet().stream()
                .filter(i -> !i.equals(live) && now.aliasesByIndex().get(i).isEmpty())
                .sorted((a, b) -> Integer.compare(generation(b), generation(a)))
                .toList();
        for (int i = config.index().keepPrevious(); i < old.size(); i++) {
            LOG.infof("deleting old index generation %s", old.get(i));
            indices.delete(old.get(i));
        }
    }

    private int generation(String index) {
        try {
            return Integer.parseInt(index.substring(config.index().prefix().length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
