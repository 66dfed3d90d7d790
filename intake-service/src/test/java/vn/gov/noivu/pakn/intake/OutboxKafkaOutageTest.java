package vn.gov.noivu.pakn.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestServers;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;

/** Kafka is killed during a burst of submissions: every submission succeeds, every event arrives once it is back. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class OutboxKafkaOutageTest {

    static final int N = 20;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noEventIsLostWhileKafkaIsDown() throws Exception {
        String batch = UUID.randomUUID().toString();
        Set<String> ids = new HashSet<>();
        TestServers.stop("kafka", true);
        try {
            for (int i = 0; i < N; i++) {
                ids.add(IntakeTesting.submitOk(BA_DINH, "Đợt gửi khi Kafka ngừng " + batch + " #" + i));
            }
            assertEquals(N, ids.size());
            Thread.sleep(3000); // the relay tries and fails meanwhile
            assertEquals(N, unpublished(ids), "events wait in the outbox while Kafka is down");
        } finally {
            TestServers.restart("kafka");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (unpublished(ids) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, unpublished(ids), "the relay caught up");

        List<ConsumerRecord<String, byte[]>> records = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                r -> ids.contains(r.key()), l -> l.stream().map(ConsumerRecord::key).distinct().count() >= N,
                Duration.ofSeconds(60));
        Set<String> eventIds = new HashSet<>();
        Set<String> cases = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            var event = CaseEventCodec.read(r.value());
            assertEquals(r.key(), event.subject());
            eventIds.add(event.id());
            cases.add(r.key());
        }
        assertEquals(N, eventIds.size(), "exactly N distinct events (a re-sent event keeps its id)");
        assertEquals(ids, cases);
    }

    private long unpublished(Set<String> ids) throws Exception {
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("select count(*) from outbox_event where published_at is null and case_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
