package vn.gov.noivu.pakn.eventing.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Topics;

/** The consumer's unit-of-work logic without a broker: batches, one-by-one fallback, transient stops, metrics. */
class EventConsumerTest {

    static final String TOPIC = Topics.INTAKE_CASE_EVENTS;
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    /** Records every unit it is given; fails as told. */
    static final class Handler implements CaseEventHandler {
        final List<Integer> unitSizes = new ArrayList<>();
        final List<String> applied = new ArrayList<>();
        Set<String> permanentlyBad = Set.of();
        Set<String> transientlyBad = Set.of();
        Set<String> duplicates = Set.of();
        /** Fails (not transiently) only inside a unit of more than one event, like a batch-level conflict. */
        Set<String> failInBatch = Set.of();

        @Override
        public List<Outcome> apply(List<CaseEvent> events, EventSpans spans) {
            unitSizes.add(events.size());
            List<Outcome> out = new ArrayList<>();
            for (CaseEvent e : events) {
                try (var span = spans.process(e)) {
                    if (transientlyBad.contains(e.subject())) {
                        throw new RuntimeException(new SQLTransientConnectionException("database restarting"));
                    }
                    if (events.size() > 1 && failInBatch.contains(e.subject())) {
                        throw new IllegalStateException("conflict in the batch");
                    }
                    if (permanentlyBad.contains(e.subject())) {
                        throw new IllegalStateException("a bug");
                    }
                    out.add(duplicates.contains(e.subject()) ? Outcome.DUPLICATE : Outcome.APPLIED);
                }
            }
            events.forEach(e -> applied.add(e.subject()));
            return out;
        }
    }

    static ConsumerSettings settings(int maxAttempts) {
        return new ConsumerSettings("test-service", "g", List.of(TOPIC), Topics.TRIAGE_DEAD_LETTER, 500,
                Duration.ofMillis(10), Duration.ofMillis(1), Duration.ofMillis(2), maxAttempts);
    }

    static ConsumerRecords<String, byte[]> records(List<String> caseIds) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
        long offset = 100;
        for (String id : caseIds) {
            CaseEvent e = event(id);
            list.add(new ConsumerRecord<>(TOPIC, 0, offset++, id, CaseEventCodec.write(e).getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecords<>(Map.of(P0, list), Map.of());
    }

    static CaseEvent event(String caseId) {
        var data = new vn.gov.noivu.pakn.events.IntakeCaseData(caseId, "PAKN-2026-000001", 1007, "Xã", 1, "Hà Nội",
                "T01", null, vn.gov.noivu.pakn.events.CaseKind.QUESTION, vn.gov.noivu.pakn.events.Urgency.NORMAL,
                "Tiêu đề", "Mô tả", null, null, null, 0, List.of(), java.time.Instant.now(), null,
                new vn.gov.noivu.pakn.events.Change(null, java.time.Instant.now(), null, null, null), List.of(), null);
        return CaseEventCodec.intake(CaseEventType.SUBMITTED, UUID.randomUUID(), 1, data);
    }

    /** What the consumer parks: a producer without a broker that acknowledges every send. */
    final MockProducer<String, byte[]> deadLetters = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());

    EventConsumer consumer(Handler h, SimpleMeterRegistry registry, int maxAttempts) {
        EventConsumer c = new EventConsumer(settings(maxAttempts), h, Map.of(), () -> deadLetters,
                OpenTelemetry.noop().getTracer("test"), registry);
        c.running(true);
        return c;
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    @Test
    void aPollIsOneUnitAndItsOffsetsAreDone() {
        Handler h = new Handler();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> ids = ids(5);
        h.duplicates = Set.of(ids.get(1));
        Map<TopicPartition, Long> done = new HashMap<>();
        assertTrue(consumer(h, registry, 3).process(records(ids), done));
        assertEquals(List.of(5), h.unitSizes, "one unit of work for the whole poll");
        assertEquals(Map.of(P0, 105L), done);
        assertEquals(4.0, registry.counter(EventConsumer.PROCESSED, "service", "test-service", "topic", TOPIC).count());
        assertEquals(1.0, registry.counter(EventConsumer.DUPLICATES, "service", "test-service", "topic", TOPIC).count());
    }

    @Test
    void aTransientFailureStopsBeforeTheFailingEventSoNothingIsSkipped() {
        Handler h = new Handler();
        List<String> ids = ids(4);
        h.transientlyBad = Set.of(ids.get(2));
        Map<TopicPartition, Long> done = new HashMap<>();
        EventConsumer c = consumer(h, new SimpleMeterRegistry(), 3);
        assertFalse(c.process(records(ids), done));
        assertEquals(List.of(4), h.unitSizes, "a transient failure of the unit is retried as a unit, not split");
        assertTrue(done.isEmpty(), "no offset may be committed: " + done);
        assertTrue(c.status().failing());
    }

    @Test
    void aUnitFailingForAnotherReasonIsAppliedOneByOneUpToATransientFailure() {
        Handler h = new Handler();
        List<String> ids = ids(4);
        h.failInBatch = Set.of(ids.get(0));
        h.transientlyBad = Set.of(ids.get(2));
        Map<TopicPartition, Long> done = new HashMap<>();
        assertFalse(consumer(h, new SimpleMeterRegistry(), 3).process(records(ids), done));
        assertEquals(List.of(4, 1, 1, 1), h.unitSizes, "the unit, then one by one until the transient failure");
        assertEquals(List.of(ids.get(0), ids.get(1)), h.applied);
        assertEquals(Map.of(P0, 102L), done, "offsets up to the event before the transient failure");
    }

    @Test
    void oneByOneAppliesEverythingWhenOnlyTheUnitFailed() {
        Handler h = new Handler();
        List<String> ids = ids(3);
        h.failInBatch = Set.of(ids.get(1));
        Map<TopicPartition, Long> done = new HashMap<>();
        assertTrue(consumer(h, new SimpleMeterRegistry(), 3).process(records(ids), done));
        assertEquals(ids, h.applied);
        assertEquals(Map.of(P0, 103L), done);
    }

    @Test
    void anUnreadableRecordIsParkedThroughTheDeadLetterProducerAndTheRestApplied() {
        Handler h = new Handler();
        List<String> ids = ids(2);
        List<ConsumerRecord<String, byte[]>> list = List.of(
                new ConsumerRecord<>(TOPIC, 0, 100, ids.get(0), CaseEventCodec.write(event(ids.get(0)))
                        .getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(TOPIC, 0, 101, "k", "{not a cloud event".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>(TOPIC, 0, 102, ids.get(1), CaseEventCodec.write(event(ids.get(1)))
                        .getBytes(StandardCharsets.UTF_8)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<TopicPartition, Long> done = new HashMap<>();
        assertTrue(consumer(h, registry, 3).process(new ConsumerRecords<>(Map.of(P0, list), Map.of()), done));
        assertEquals(ids, h.applied);
        assertEquals(Map.of(P0, 103L), done, "the parked record's offset is done too");
        List<ProducerRecord<String, byte[]>> parked = deadLetters.history();
        assertEquals(1, parked.size());
        assertEquals(Topics.TRIAGE_DEAD_LETTER, parked.get(0).topic());
        assertEquals("k", parked.get(0).key());
        assertEquals(TOPIC + "/0/101", new String(parked.get(0).headers().lastHeader("dlq-origin").value(),
                StandardCharsets.UTF_8));
        assertEquals(1.0, registry.counter(EventConsumer.PARKED, "service", "test-service", "topic", TOPIC).count());
    }

    @Test
    void failuresAreClassified() {
        assertTrue(Failures.isTransient(new RuntimeException(new TransientException("es down", null))));
        assertTrue(Failures.isTransient(new SQLTransientConnectionException("x")));
        assertFalse(Failures.isTransient(new IllegalStateException("bug")));
    }

    @Test
    void deadLetterRecordKeepsKeyValueAndHeadersAndAddsReasonAndOrigin() {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(TOPIC, 3, 42, "k", "v".getBytes(StandardCharsets.UTF_8));
        r.headers().add("content-type", "x".getBytes(StandardCharsets.UTF_8));
        r.headers().add(DeadLetters.REASON_HEADER, "old".getBytes(StandardCharsets.UTF_8));
        var out = DeadLetters.park(r, Topics.TRIAGE_DEAD_LETTER, "x".repeat(2000));
        assertEquals(Topics.TRIAGE_DEAD_LETTER, out.topic());
        assertEquals("k", out.key());
        assertEquals("v", new String(out.value(), StandardCharsets.UTF_8));
        assertEquals("x", new String(out.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertEquals(1000, out.headers().lastHeader("dlq-reason").value().length);
        assertEquals(1, java.util.stream.StreamSupport.stream(out.headers().headers("dlq-reason").spliterator(), false)
                .count(), "the old reason is replaced, not repeated");
        assertEquals(TOPIC + "/3/42", new String(out.headers().lastHeader("dlq-origin").value(),
                StandardCharsets.UTF_8));
    }
}
