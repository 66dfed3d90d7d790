package vn.gov.noivu.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches accepted submissions until they are routed (the ROUTED CloudEvent of the case arrives on
 * {@code pakn.triage.case-events}, seen by a Kafka consumer of all partitions from their end) and searchable (the
 * case's document is returned by {@code _search} on the alias, i.e. after an index refresh) and assigned to a
 * recurring issue (its document carries {@code recurringIssueId}, written by search-service right after indexing). Times are
 * System.nanoTime of this JVM; a submission's time is its intended send time.
 */
final class EndToEnd implements AutoCloseable {

    static final long POLL_MS = 50;

    static final class Entry {
        final String run;
        final long t0;
        volatile long routed;
        volatile long searchable;
        volatile long assigned;

        Entry(String run, long t0) {
            this.run = run;
            this.t0 = t0;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> routedEarly = new ConcurrentHashMap<>();
    private final String bootstrap;
    private final Http http;
    private final String searchUrl;
    private final Log log;
    private volatile boolean running = true;
    private Thread consumerThread;
    private Thread pollerThread;
    final java.util.concurrent.atomic.AtomicLong esPolls = new java.util.concurrent.atomic.AtomicLong();

    EndToEnd(String bootstrap, Http http, String esUrl, String alias, Log log) {
        this.bootstrap = bootstrap;
        this.http = http;
        this.searchUrl = esUrl + "/" + alias + "/_search";
        this.log = log;
    }

    void start() throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-routed-watcher");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo pi : consumer.partitionsFor(Topics.TRIAGE_CASE_EVENTS, Duration.ofSeconds(30))) {
            tps.add(new TopicPartition(pi.topic(), pi.partition()));
        }
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        for (TopicPartition tp : tps) {
            consumer.position(tp, Duration.ofSeconds(30)); // resolve the end offsets now, before any submission
        }
        consumerThread = Thread.ofPlatform().name("bench-routed-watcher").daemon().start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(POLL_MS))) {
                        long now = System.nanoTime();
                        try {
                            CaseEvent e = CaseEventCodec.read(rec.value());
                            if (e.eventType().orElse(null) == CaseEventType.ROUTED) {
                                Entry en = entries.get(e.subject());
                                if (en != null) {
                                    if (en.routed == 0) {
                                        en.routed = now;
                                    }
                                } else {
                                    routedEarly.putIfAbsent(e.subject(), now);
                                }
                            }
                        } catch (RuntimeException ex) {
                            // not ours to judge: the services' consumers park invalid records
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.say("routed watcher stopped: " + e);
            }
        });
        pollerThread = Thread.ofPlatform().name("bench-searchable-watcher").daemon().start(this::pollSearchable);
    }

    /** Most ids one poll asks about (Elasticsearch's default result window). */
    static final int MAX_IDS = 10_000;

    /**
     * Every {@value #POLL_MS} ms: which of the cases not yet seen searchable are, and which of those seen but not yet
     * assigned are; oldest first, each question only about the cases still open for it, ids and doc values only (no
     * {@code _source}). An earlier watcher asked about at most 2,000 open cases in hash order and read their
     * {@code _source}: under load, once 2,000 cases waited for their issue, newer cases were not looked at until those
     * were assigned, so their "searchable" time included that wait, and fetching 2,000 documents every 50 ms loaded
     * Elasticsearch.
     */
    private void pollSearchable() {
        while (running) {
            long t = System.nanoTime();
            List<Map.Entry<String, Entry>> open = entries.entrySet().stream()
                    .filter(e -> e.getValue().searchable == 0 || e.getValue().assigned == 0)
                    .sorted(java.util.Comparator.comparingLong(e -> e.getValue().t0)).toList();
            List<String> unseen = open.stream().filter(e -> e.getValue().searchable == 0).limit(MAX_IDS)
                    .map(Map.Entry::getKey).toList();
            List<String> unassigned = open.stream().filter(e -> e.getValue().searchable != 0).limit(MAX_IDS)
                    .map(Map.Entry::getKey).toList();
            poll(unseen, false);
            poll(unassigned, true);
            long sleep = POLL_MS - (System.nanoTime() - t) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Marks the given cases found by {@code _search} searchable, and those carrying an issue assigned. */
    private void poll(List<String> ids, boolean assignedOnly) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("size", ids.size());
            body.put("_source", false);
            body.putArray("docvalue_fields").add("recurringIssueId");
            ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
            ArrayNode values = filter.addObject().putObject("ids").putArray("values");
            ids.forEach(values::add);
            if (assignedOnly) {
                filter.addObject().putObject("exists").put("field", "recurringIssueId");
            }
            JsonNode r = http.es("POST", searchUrl, body.toString(), Duration.ofSeconds(10));
            long now = System.nanoTime();
            esPolls.incrementAndGet();
            for (JsonNode hit : r.path("hits").path("hits")) {
                Entry en = entries.get(hit.path("_id").asText());
                if (en == null) {
                    continue;
                }
                if (en.searchable == 0) {
                    en.searchable = now;
                }
                if (en.assigned == 0 && !hit.path("fields").path("recurringIssueId").path(0).asText("").isEmpty()) {
                    en.assigned = now;
                }
            }
        } catch (Exception e) {
            if (running) {
                log.say("searchable poll failed: " + e.getMessage());
            }
        }
    }

    void accepted(String run, String caseId, long t0) {
        Entry e = new Entry(run, t0);
        Long early = routedEarly.remove(caseId);
        if (early != null) {
            e.routed = early;
        }
        entries.put(caseId, e);
    }

    /**
     * One run's latencies. {@code routedAfterLoadMs}: how long after the last submission of the run its last case was
     * routed; a backlog that grew during the run takes long to drain, one that did not is gone within a poll or two.
     */
    record Result(String run, long cases, long routedSeen, long searchableSeen, long assignedSeen, Lat.Summary routed,
            Lat.Summary searchable, Lat.Summary assigned, double routedAfterLoadMs) {
    }

    /** Waits (bounded) until every case of the run is routed and searchable, then summarises. */
    Result await(String run, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = entries.values().stream().filter(e -> e.run.equals(run))
                    .allMatch(e -> e.routed != 0 && e.searchable != 0 && e.assigned != 0);
            if (all) {
                break;
            }
            Thread.sleep(200);
        }
        Lat routed = new Lat();
        Lat searchable = new Lat();
        Lat assigned = new Lat();
        long n = 0;
        long r = 0;
        long s = 0;
        long a = 0;
        long lastSent = 0;
        long lastRouted = 0;
        for (Entry e : entries.values()) {
            if (!e.run.equals(run)) {
                continue;
            }
            n++;
            if (e.routed != 0) {
                r++;
                routed.recordNanos(e.routed - e.t0);
            }
            if (e.searchable != 0) {
                s++;
                searchable.recordNanos(e.searchable - e.t0);
            }
            if (e.assigned != 0) {
                a++;
                assigned.recordNanos(e.assigned - e.t0);
            }
            lastSent = Math.max(lastSent, e.t0);
            lastRouted = Math.max(lastRouted, e.routed);
        }
        double afterLoad = r == n && n > 0 ? Math.max(0, lastRouted - lastSent) / 1e6 : Double.NaN;
        return new Result(run, n, r, s, a, routed.summary(), searchable.summary(), assigned.summary(), afterLoad);
    }

    Optional<Long> pendingCount() {
        return Optional.of(entries.values().stream().filter(e -> e.routed == 0 || e.searchable == 0 || e.assigned == 0).count());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (consumerThread != null) {
            consumerThread.join(5000);
        }
        if (pollerThread != null) {
            pollerThread.interrupt();
            pollerThread.join(5000);
        }
    }
}
