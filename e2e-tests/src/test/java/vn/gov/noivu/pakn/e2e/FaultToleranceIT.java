package vn.gov.noivu.pakn.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.stack.KafkaSpec;
import vn.gov.noivu.pakn.stack.PostgresSpec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under a steady stream of submissions, kill -9 and restart, one at a time: Kafka, Elasticsearch, PostgreSQL, each
 * service; then run a second triage-service instance beside the first. Afterwards every accepted submission must
 * exist exactly once in intake, be routed exactly once by triage, and be in the search index with triage's latest
 * status; no dead-letter topic may hold anything. The counts are printed.
 */
class FaultToleranceIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // two communes of each of 20 provinces: the stream stays under intake's per-user limit (30 a minute)
    static final int[] COMMUNES = {4, 8, 1273, 1279, 691, 694, 3127, 3151, 3388, 3390, 3646, 3664, 2647, 2671, 1840,
            1843, 5977, 5983, 6652, 6658, 7210, 7228, 4792, 4795, 10507, 10525, 11953, 11977, 13285, 13291, 14758, 14797,
            16681, 16690, 18073, 18100, 18859, 18871, 19753, 19774};

    @Test
    void nothingIsLostOrDuplicatedWhenPartsDie() throws Exception {
        SystemUnderTest sut = SystemUnderTest.get();
        Map<String, String> accepted = new ConcurrentHashMap<>(); // idempotency key -> case id
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);

        String run = UUID.randomUUID().toString().substring(0, 8);
        Thread submitter = Thread.ofPlatform().name("steady-submitter").start(() -> {
            int n = 0;
            while (running.get()) {
                String key = UUID.randomUUID().toString();
                int commune = COMMUNES[n % COMMUNES.length];
                String body = """
                        {"commune": %d, "topic": "T%02d", "kind": "DIFFICULTY", "urgency": "NORMAL",
                         "title": "Khó khăn số %d khi vận hành bộ máy cấp xã sau sắp xếp [%s]",
                         "description": "Phản ánh thử nghiệm chịu lỗi số %d: thủ tục, biên chế, trang thiết bị.",
                         "contact": {"name": "Trần Văn Bình"}}""".formatted(commune, 1 + n % 12, n, run, n);
                // a client retries with the same Idempotency-Key until it gets an answer (also after the stream
                // stops, so nothing committed stays unacknowledged): never a duplicate
                for (int attempt = 0; attempt < 400; attempt++) {
                    attempts.incrementAndGet();
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                                        URI.create(sut.url("intake-service") + "/api/v1/cases"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + sut.token("commune-official", commune))
                                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201 || r.statusCode() == 200) {
                            accepted.put(key, JSON.readTree(r.body()).path("id").asText());
                            break;
                        }
                        if (r.statusCode() < 500) {
                            throw new AssertionError("submission refused: " + r.statusCode() + " " + r.body());
                        }
                    } catch (java.io.IOException e) {
                        // intake is down or restarting: retry with the same key
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    retries.incrementAndGet();
                    sleep(250);
                }
                n++;
                sleep(100);
            }
        });

        long t0 = System.nanoTime();
        sleep(3000);
        for (String part : List.of("kafka", "elasticsearch", "postgres", "intake-service", "triage-service",
                "search-service")) {
            long t = System.nanoTime();
            sut.kill(part);
            System.out.printf("[faults] kill -9 %s at %.1f s (%d accepted so far)%n", part,
                    (System.nanoTime() - t0) / 1e9, accepted.size());
            sleep(3000);
            sut.start(part);
            System.out.printf("[faults] %s back after %.1f s%n", part, (System.nanoTime() - t) / 1e9);
            sleep(3000);
        }
        sut.startSecondInstance("triage-service");
        System.out.println("[faults] second triage-service instance running");
        sleep(8000);
        running.set(false);
        submitter.join(60_000);
        System.out.printf("[faults] submissions: %d accepted, %d HTTP attempts, %d retries%n", accepted.size(),
                attempts.get(), retries.get());
        assertTrue(accepted.size() > 20, "the stream kept going: " + accepted.size());
        Set<String> ids = new HashSet<>(accepted.values());
        assertEquals(accepted.size(), ids.size(), "one case per idempotency key");

        PostgresSpec pg = (PostgresSpec) sut.part("postgres");
        // exactly once in intake: the rows of this run are exactly the accepted cases
        Map<String, String> intakeRows = rows(pg, "intake",
                "select id::text, code from intake_case where title like '%[" + run + "]'");
        // routed once in triage
        Map<String, String> triageStatus = new HashMap<>();
        Poll.until("triage holds every accepted case", Duration.ofSeconds(120), () -> {
            triageStatus.clear();
            triageStatus.putAll(rows(pg, "triage", "select id, status from triage_case"));
            return triageStatus.keySet().containsAll(ids);
        }, Boolean::booleanValue);
        // latest state in the search index
        int esPort = sut.part("elasticsearch").port();
        Map<String, String> indexed = Poll.until("search index holds every case with triage's status",
                Duration.ofSeconds(120), () -> indexedStatus(esPort, ids),
                m -> ids.stream().allMatch(id -> triageStatus.get(id).equals(m.get(id))));

        // routed exactly once: every ROUTED event (distinct CloudEvent ids) per case, read once all have arrived
        String bootstrap = ((KafkaSpec) sut.part("kafka")).bootstrapServers();
        Map<String, Long> routedPerCase = Poll.until("a ROUTED event for every case", Duration.ofSeconds(60), () -> {
            Map<String, Set<String>> routedIds = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : readAll(bootstrap, List.of(Topics.TRIAGE_CASE_EVENTS))) {
                CaseEvent e = CaseEventCodec.read(r.value());
                if (e.eventType().orElseThrow() == CaseEventType.ROUTED) {
                    routedIds.computeIfAbsent(e.subject(), k -> new HashSet<>()).add(e.id());
                }
            }
            Map<String, Long> counts = new HashMap<>();
            routedIds.forEach((caseId, eventIds) -> counts.put(caseId, (long) eventIds.size()));
            return counts;
        }, counts -> counts.keySet().containsAll(ids));
        List<String> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(bootstrap,
                List.of(Topics.INTAKE_DEAD_LETTER, Topics.TRIAGE_DEAD_LETTER, Topics.SEARCH_DEAD_LETTER))) {
            org.apache.kafka.common.header.Header reason = r.headers().lastHeader(CaseEventCodec.DLQ_REASON_HEADER);
            deadLetters.add(r.topic() + " (" + (reason == null ? "no reason" : new String(reason.value()))
                    + "): " + new String(r.value()));
        }

        long missingIntake = ids.stream().filter(id -> !intakeRows.containsKey(id)).count();
        long routedOnce = ids.stream().filter(id -> routedPerCase.getOrDefault(id, 0L) == 1).count();
        long inIndex = ids.stream().filter(indexed::containsKey).count();
        System.out.printf("[faults] accepted %d | in intake %d (missing %d) | routed exactly once %d | in search "
                + "with latest state %d | dead letters %d%n", ids.size(), ids.size() - missingIntake, missingIntake,
                routedOnce, inIndex, deadLetters.size());
        assertEquals(0, missingIntake, "every accepted case is in intake");
        assertEquals(ids, intakeRows.keySet(), "no case in intake that was not acknowledged, none twice");
        assertEquals(ids.size(), routedOnce, "every case routed exactly once; not once: " + ids.stream()
                .filter(id -> routedPerCase.getOrDefault(id, 0L) != 1)
                .map(id -> id + "=" + routedPerCase.getOrDefault(id, 0L)).toList());
        assertEquals(ids.size(), inIndex);
        assertEquals(List.of(), deadLetters);
    }

    static Map<String, String> rows(PostgresSpec pg, String db, String sql) {
        Properties p = new Properties();
        p.setProperty("user", PostgresSpec.USER);
        p.setProperty("password", PostgresSpec.PASSWORD);
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), p);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Collection<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t).forEach(i -> partitions.add(new TopicPartition(t, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    static Map<String, String> indexedStatus(int esPort, Set<String> ids) {
        try {
            String query = JSON.writeValueAsString(Map.of("size", ids.size() + 100,
                    "_source", List.of("status"), "query", Map.of("ids", Map.of("values", ids))));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + esPort + "/pakn-cases/_search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> out = new HashMap<>();
            for (JsonNode hit : JSON.readTree(r.body()).path("hits").path("hits")) {
                out.put(hit.path("_id").asText(), hit.path("_source").path("status").asText());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
