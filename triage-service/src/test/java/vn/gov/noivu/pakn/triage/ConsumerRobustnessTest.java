package vn.gov.noivu.pakn.triage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestServers;
import vn.gov.noivu.pakn.testsupport.TestTokens;
import vn.gov.noivu.pakn.triage.events.IntakeEventConsumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The intake-event consumer: idempotent, ordered per case, poison parked, nothing lost or doubled on restarts. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class ConsumerRobustnessTest {

    @Inject
    IntakeEventConsumer consumer;
    @Inject
    AgroalDataSource db;

    static KafkaProducer<String, String> producer;
    static String bootstrap;

    @BeforeAll
    static void producer() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = Fixtures.producer(bootstrap);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    long count(String sql, Set<String> caseIds) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", caseIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long routedCases(Set<String> ids) throws Exception {
        return count("select count(*) from triage_case where id = any(?)", ids);
    }

    void assertExactlyOnceRouted(Set<String> ids) throws Exception {
        assertEquals(ids.size(), routedCases(ids));
        assertEquals(ids.size(), count("select count(*) from case_action where type = 'ROUTED' and case_id = any(?)",
                ids), "one ROUTED audit entry per case");
        assertEquals(ids.size(), count("select count(*) from outbox_event where event_type = 'ROUTED' and case_id = any(?)",
                ids), "one ROUTED event per case");
        List<CaseEvent> events = Fixtures.triageEvents(bootstrap, ids, seen -> seen.stream()
                .filter(e -> e.type().equals(CaseEventType.ROUTED.ceType())).map(CaseEvent::subject)
                .collect(Collectors.toSet()).size() == ids.size());
        // The relay is at-least-once: a batch whose acknowledgement was lost (broker killed mid-send) is sent again
        // with the same CloudEvent ids, which consumers deduplicate. What must never happen is a second ROUTED
        // event (another id) for a case.
        Map<String, Set<String>> routedIdsPerCase = events.stream()
                .filter(e -> e.type().equals(CaseEventType.ROUTED.ceType()))
                .collect(Collectors.groupingBy(CaseEvent::subject, Collectors.mapping(CaseEvent::id,
                        Collectors.toSet())));
        assertEquals(ids, routedIdsPerCase.keySet());
        routedIdsPerCase.forEach((id, eventIds) -> assertEquals(1, eventIds.size(), "ROUTED event ids for " + id));
    }

    @Test
    void sameEventTwiceHasOneEffectAndOlderEventsAreSkipped() throws Exception {
        Fixtures.IntakeCase c = new Fixtures.IntakeCase(40);
        CaseEvent submitted = c.next(CaseEventType.SUBMITTED, null);
        Fixtures.send(producer, submitted);
        Fixtures.send(producer, submitted); // redelivered by intake (same CloudEvent id)
        Fixtures.awaitCase(c.id);
        c.supporters.add(40123);
        CaseEvent supportedV2 = c.next(CaseEventType.SUPPORTED, "Xã 40123 cùng phản ánh");
        c.supporters.add(40456);
        CaseEvent supportedV3 = c.next(CaseEventType.SUPPORTED, "Xã 40456 cùng phản ánh");
        Fixtures.send(producer, supportedV3);
        Fixtures.send(producer, supportedV2); // older snapshot arriving late: must not win
        CaseEvent marker = new Fixtures.IntakeCase(40).next(CaseEventType.SUBMITTED, null);
        // a later case on the topic; once it is routed the earlier records of this partition set were handled
        Fixtures.send(producer, c.event(CaseEventType.SUBMITTED, 1, null));
        Fixtures.send(producer, marker);
        Fixtures.awaitCase(marker.subject());
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.caseOf(c.id).jsonPath().getInt("supporterCount") == 2);
        Set<String> ids = Set.of(c.id);
        assertExactlyOnceRouted(ids);
        assertEquals(1, count("select count(*) from case_action where type = 'SUPPORTED' and case_id = any(?)",
                ids), "v2 arrived after v3 and was skipped");
        Fixtures.caseOf(c.id).then().body("supporterCount", equalTo(2));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndDoNotBlockThePartition() throws Exception {
        Fixtures.IntakeCase good = new Fixtures.IntakeCase(42);
        String key = good.id; // same key: same partition as the valid event that follows
        Fixtures.sendRaw(producer, key, "{ not json");
        Fixtures.sendRaw(producer, key, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"source\":\"/x\",\"type\":\"vn.gov.noivu.pakn.case.exploded\",\"subject\":\"" + key
                + "\",\"time\":\"2026-01-01T00:00:00Z\",\"caseversion\":1,\"data\":{\"caseId\":\"" + key + "\"}}");
        Fixtures.IntakeCase unknownProvince = new Fixtures.IntakeCase(42);
        unknownProvince.province = 99;
        CaseEvent bad = unknownProvince.next(CaseEventType.SUBMITTED, null);
        Fixtures.send(producer, bad);
        Fixtures.submitAndRoute(producer, good);

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<String>> reasons = new HashMap<>();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            dlq.subscribe(List.of(Topics.TRIAGE_DEAD_LETTER));
            await().atMost(Fixtures.WAIT).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(300))) {
                    var h = r.headers().lastHeader(CaseEventCodec.DLQ_REASON_HEADER);
                    reasons.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(h == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                }
                return reasons.getOrDefault(key, List.of()).size() >= 2 && reasons.containsKey(bad.subject());
            });
        }
        List<String> forKey = reasons.get(key);
        assertEquals(2, forKey.size(), "each poison record parked once: " + forKey);
        assertTrue(forKey.get(0).contains("not a CloudEvent"), forKey.get(0));
        assertTrue(forKey.get(1).contains("unknown event type"), forKey.get(1));
        assertEquals(List.of("unknown province code 99"), reasons.get(bad.subject()));
        assertEquals(0, routedCases(Set.of(bad.subject())));
    }

    @Test
    void consumerStoppedMidStreamAndRestartedLosesAndDuplicatesNothing() throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        List<CaseEvent> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Fixtures.IntakeCase c = new Fixtures.IntakeCase(List.of(1, 79, 48, 31, 92).get(i % 5));
            batch.add(c.next(CaseEventType.SUBMITTED, null));
            ids.add(c.id);
        }
        for (int i = 0; i < 30; i++) {
            Fixtures.send(producer, batch.get(i));
        }
        // kill the consumer while it is working through the stream
        await().atMost(Fixtures.WAIT).pollInterval(Duration.ofMillis(20)).until(() -> routedCases(ids) >= 5);
        consumer.stop();
        long atStop = routedCases(ids);
        for (int i = 30; i < 60; i++) {
            Fixtures.send(producer, batch.get(i));
        }
        // the first half redelivered too (as after a crash between apply and offset commit)
        for (int i = 0; i < 30; i++) {
            Fixtures.send(producer, batch.get(i));
        }
        assertEquals(atStop, routedCases(ids), "nothing is consumed while stopped");
        consumer.start();
        await().atMost(Fixtures.WAIT).until(() -> routedCases(ids) == ids.size());
        assertExactlyOnceRouted(ids);
    }

    @Test
    void kafkaKilledAndRestartedLosesAndDuplicatesNothing() throws Exception {
        assumeTrue(TestServers.owns("kafka"), "Kafka belongs to the local stack: not killed by tests");
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            Fixtures.IntakeCase c = new Fixtures.IntakeCase(56);
            Fixtures.send(producer, c.next(CaseEventType.SUBMITTED, null));
            ids.add(c.id);
        }
        await().atMost(Fixtures.WAIT).until(() -> routedCases(ids) >= 1);
        TestServers.stop("kafka", true);
        TestServers.restart("kafka");
        for (int i = 0; i < 10; i++) {
            Fixtures.IntakeCase c = new Fixtures.IntakeCase(56);
            Fixtures.send(producer, c.next(CaseEventType.SUBMITTED, null));
            ids.add(c.id);
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> routedCases(ids) == ids.size());
        assertExactlyOnceRouted(ids);
    }
}
