package vn.gov.noivu.pakn.triage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;
import vn.gov.noivu.pakn.triage.sla.SlaMonitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.restassured.RestAssured.given;

/**
 * SLA and "2 không" checks. "Two replicas" are simulated by running the scheduled job body
 * ({@link SlaMonitor#runOnce}) concurrently from two threads, each with its own transactions and database
 * connections — exactly what two service instances sharing the database do. Each automatic step must happen once.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class SlaMonitorTest {

    @Inject
    SlaMonitor monitor;
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

    /** Runs the job as two replicas would: concurrently, released together by a barrier. */
    void runAsTwoReplicas(Instant now) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<CompletableFuture<SlaMonitor.Report>> replicas = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return monitor.runOnce(now);
                }, pool)).toList();
        try {
            for (var r : replicas) {
                r.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    long outboxCount(String caseId, CaseEventType type) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from outbox_event where case_id = ? and event_type = ?")) {
            ps.setString(1, caseId);
            ps.setString(2, type.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long unpublished(String caseId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from outbox_event where case_id = ? and published_at is null")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<CaseEvent> publishedEvents(String caseId) throws Exception {
        await().atMost(Fixtures.WAIT).until(() -> unpublished(caseId) == 0);
        long total;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from outbox_event where case_id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        return Fixtures.triageEvents(bootstrap, Set.of(caseId), seen -> seen.size() >= total);
    }

    @Test
    void overdueCaseEscalatesOnceEvenWithTwoReplicas() throws Exception {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(33).topic("T05")
                .submittedAt(Instant.now().minus(40, ChronoUnit.DAYS)));
        Fixtures.caseOf(c.id).then().body("sla.state", equalTo("OVERDUE")).body("status", equalTo("ROUTED"));

        runAsTwoReplicas(Instant.now());
        runAsTwoReplicas(Instant.now()); // and again later: nothing new

        assertEquals(1, outboxCount(c.id, CaseEventType.SLA_OVERDUE));
        assertEquals(1, outboxCount(c.id, CaseEventType.ESCALATED));
        Fixtures.caseOf(c.id).then().body("status", equalTo("ESCALATED"))
                .body("escalation.automatic", equalTo(true)).body("escalation.targetUnit", equalTo("VU-TCBC"))
                .body("escalationCount", equalTo(1));
        given().auth().oauth2(Fixtures.head("VU-TCBC")).queryParam("state", "escalated").get("/api/v1/queue")
                .then().statusCode(200).body("items.caseId", hasItem(c.id));
        List<CaseEvent> events = publishedEvents(c.id);
        assertEquals(1, Fixtures.count(events, c.id, CaseEventType.SLA_OVERDUE));
        assertEquals(1, Fixtures.count(events, c.id, CaseEventType.ESCALATED));
        CaseEvent escalated = events.stream().filter(e -> e.type().equals(CaseEventType.ESCALATED.ceType()))
                .findFirst().get();
        assertEquals("system", CaseEventCodec.triageData(escalated).change().actor().id());
        assertEquals(true, CaseEventCodec.triageData(escalated).escalation().automatic());
    }

    @Test
    void caseHandedOverTooOftenEscalatesOnceEvenWithTwoReplicas() throws Exception {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(37).topic("T07"));
        String[] tokens = {Fixtures.liaison(37), Fixtures.deputy(37)};
        String[] ids = {"liaison-37", "deputy-37"};
        CaseActionsTest.post(tokens[0], c.id, "claim", null).then().statusCode(200);
        for (int i = 0; i < 4; i++) { // max-handovers = 3: the fourth is one too many
            CaseActionsTest.post(tokens[i % 2], c.id, "handover",
                    Map.of("toLiaisonId", ids[(i + 1) % 2], "reason", "Chuyển giao lần " + (i + 1))).then()
                    .statusCode(200).body("handoverCount", equalTo(i + 1));
        }
        runAsTwoReplicas(Instant.now());
        runAsTwoReplicas(Instant.now());
        assertEquals(1, outboxCount(c.id, CaseEventType.ESCALATED));
        assertEquals(4, outboxCount(c.id, CaseEventType.HANDED_OVER));
        Fixtures.caseOf(c.id).then().body("status", equalTo("ESCALATED"))
                .body("escalation.targetUnit", equalTo("VU-PC")).body("escalation.automatic", equalTo(true))
                .body("handoverCount", equalTo(4));
        List<CaseEvent> events = publishedEvents(c.id);
        assertEquals(1, Fixtures.count(events, c.id, CaseEventType.ESCALATED));
        // the head of the unit now sees the case and the liaison holding it keeps working
        given().auth().oauth2(Fixtures.head("VU-PC")).get("/api/v1/cases/" + c.id).then().statusCode(200);
    }

    @Test
    void atRiskAndIdleClaimAreFlaggedOnce() throws Exception {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(38).topic("T01"));
        String liaison = Fixtures.liaison(38);
        CaseActionsTest.post(liaison, c.id, "claim", null).then().statusCode(200);
        // due in two hours: in its last working day, so at risk now
        Instant due = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(Fixtures.admin()).contentType("application/json")
                .body(Map.of("dueAt", due.toString(), "reason", "Lãnh đạo yêu cầu xử lý gấp"))
                .post("/api/v1/cases/" + c.id + "/assign").then().statusCode(200)
                .body("sla.state", equalTo("AT_RISK"));
        given().auth().oauth2(liaison).queryParam("state", "at-risk").get("/api/v1/queue").then()
                .body("items.caseId", hasItem(c.id));
        runAsTwoReplicas(Instant.now());
        runAsTwoReplicas(Instant.now());
        assertEquals(1, outboxCount(c.id, CaseEventType.SLA_AT_RISK));
        assertEquals(0, outboxCount(c.id, CaseEventType.CLAIM_IDLE));

        // a claim without work for longer than claim-idle-after (48 h) is flagged once
        Fixtures.IntakeCase idle = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(38).topic("T01"));
        CaseActionsTest.post(liaison, idle.id, "claim", null).then().statusCode(200);
        Instant later = Instant.now().plus(Duration.ofHours(49));
        runAsTwoReplicas(Instant.now());
        assertEquals(0, outboxCount(idle.id, CaseEventType.CLAIM_IDLE));
        runAsTwoReplicas(later);
        runAsTwoReplicas(later);
        assertEquals(1, outboxCount(idle.id, CaseEventType.CLAIM_IDLE));
        List<CaseEvent> events = publishedEvents(idle.id);
        assertEquals(1, Fixtures.count(events, idle.id, CaseEventType.CLAIM_IDLE));
        assertEquals("liaison-38", CaseEventCodec.triageData(events.stream()
                .filter(e -> e.type().equals(CaseEventType.CLAIM_IDLE.ceType())).findFirst().get()).change()
                .target());
    }
}
