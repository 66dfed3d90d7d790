package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.NGOC_HA;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;
import static vn.gov.noivu.pakn.intake.IntakeTesting.triageEvent;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class TriageEventsConsumerTest {

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static String status(String id) {
        return given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then().statusCode(200)
                .extract().path("status.code");
    }

    static int timelineCount(String id, String type) {
        List<String> types = given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id)
                .then().extract().path("timeline.type");
        return (int) types.stream().filter(type::equals).count();
    }

    @Test
    void lifecycleEventsAreAppliedOnceAndTheCommuneActs() throws Exception {
        String id = IntakeTesting.submitOk(BA_DINH, "Vướng mắc vị trí việc làm " + UUID.randomUUID());
        // nothing to accept or reply to yet
        given().header("Authorization", official(BA_DINH)).post("/api/v1/cases/" + id + "/accept").then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("/invalid-state"));

        UUID routed = UUID.randomUUID();
        byte[] routedEvent = triageEvent(routed, CaseEventType.ROUTED, 1, id, CaseStatus.ROUTED, null, null);
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, routedEvent);
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, routedEvent); // redelivered: no second effect
        await("ROUTED visible", () -> "ROUTED".equals(status(id)));
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then()
                .body("responsibleUnit.name", equalTo("Vụ Chính quyền địa phương"))
                .body("assigneeName", equalTo("Trần Văn Đức"));

        String question = "Đề nghị xã gửi bản sao quyết định phân công nhiệm vụ.";
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, triageEvent(UUID.randomUUID(), CaseEventType.INFO_REQUESTED,
                2, id, CaseStatus.NEEDS_INFO, new TriageCaseData.InfoRequest(question, Instant.now()), null));
        await("NEEDS_INFO visible", () -> "NEEDS_INFO".equals(status(id)));
        assertEquals(1, timelineCount(id, "ROUTED"), "the duplicate ROUTED event had no effect");
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then()
                .body("openInfoRequest.question", equalTo(question))
                .body("allowedActions", equalTo(List.of("info-reply")));

        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body(Map.of("text", "Xã đã gửi quyết định số 12/QĐ-UBND.")).post("/api/v1/cases/" + id + "/info-replies")
                .then().statusCode(200).body("awaitingTriage", equalTo(true));
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body(Map.of("text", "lần nữa")).post("/api/v1/cases/" + id + "/info-replies")
                .then().statusCode(409).body("type", endsWith("/awaiting-triage"));
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body(Map.of("text", " ")).post("/api/v1/cases/" + id + "/info-replies").then().statusCode(422);

        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, triageEvent(UUID.randomUUID(), CaseEventType.ANSWERED, 4, id,
                CaseStatus.ANSWERED, null, new TriageCaseData.Answer("Chủ tịch UBND xã ký theo Điều 12.",
                        new TriageCaseData.Person("liaison-1", "Trần Văn Đức"), Instant.now(), null)));
        // an older snapshot arriving late goes to the timeline but does not roll the status back
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, triageEvent(UUID.randomUUID(), CaseEventType.INFO_RECEIVED,
                3, id, CaseStatus.CLAIMED, null, null));
        await("INFO_RECEIVED in timeline", () -> timelineCount(id, "INFO_RECEIVED") == 1);
        assertEquals("ANSWERED", status(id));

        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/" + id + "/reopen").then().statusCode(422);
        given().header("Authorization", official(BA_DINH)).post("/api/v1/cases/" + id + "/accept").then()
                .statusCode(200).body("awaitingTriage", equalTo(true));
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body(Map.of("reason", "Chưa rõ")).post("/api/v1/cases/" + id + "/reopen").then().statusCode(409);

        // each commune action is an intake event with increasing caseversion
        List<ConsumerRecord<String, byte[]>> intake = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                r -> id.equals(r.key()), l -> l.size() >= 3, Duration.ofSeconds(60));
        List<String> types = intake.stream().map(r -> CaseEventCodec.read(r.value())).map(CaseEvent::type).toList();
        assertEquals(List.of(CaseEventType.SUBMITTED.ceType(), CaseEventType.INFO_PROVIDED.ceType(),
                CaseEventType.ANSWER_ACCEPTED.ceType()), types);
        assertEquals(List.of(1L, 2L, 3L), intake.stream().map(r -> CaseEventCodec.read(r.value()).caseVersion()).toList());
        assertEquals("Xã đã gửi quyết định số 12/QĐ-UBND.",
                CaseEventCodec.intakeData(CaseEventCodec.read(intake.get(1).value())).change().text());
    }

    @Test
    void poisonRecordsAreParkedOnTheDeadLetterTopic() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, poisonKey, "không phải JSON".getBytes(StandardCharsets.UTF_8));
        String unknownCase = UUID.randomUUID().toString();
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, unknownCase, triageEvent(UUID.randomUUID(), CaseEventType.ROUTED,
                1, unknownCase, CaseStatus.ROUTED, null, null));
        // the partition is not blocked: a valid event after the poison is applied
        String id = IntakeTesting.submitOk(BA_DINH, "Sau bản ghi lỗi " + UUID.randomUUID());
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, triageEvent(UUID.randomUUID(), CaseEventType.ROUTED, 1, id,
                CaseStatus.ROUTED, null, null));

        List<ConsumerRecord<String, byte[]>> parked = IntakeTesting.read(Topics.INTAKE_DEAD_LETTER,
                r -> poisonKey.equals(r.key()) || unknownCase.equals(r.key()), l -> l.size() >= 2,
                Duration.ofSeconds(60));
        assertEquals(2, parked.size());
        ConsumerRecord<String, byte[]> poison = parked.stream().filter(r -> poisonKey.equals(r.key())).findFirst()
                .orElseThrow();
        assertEquals("không phải JSON", new String(poison.value(), StandardCharsets.UTF_8));
        assertTrue(IntakeTesting.header(poison, "dlq-reason").contains("not a CloudEvent"),
                IntakeTesting.header(poison, "dlq-reason"));
        assertTrue(IntakeTesting.header(poison, "dlq-origin").startsWith(Topics.TRIAGE_CASE_EVENTS + "/"));
        ConsumerRecord<String, byte[]> unknown = parked.stream().filter(r -> unknownCase.equals(r.key())).findFirst()
                .orElseThrow();
        assertTrue(IntakeTesting.header(unknown, "dlq-reason").contains("unknown case"));
        await("valid event after poison applied", () -> "ROUTED".equals(status(id)));
    }

    @Test
    void anotherCommuneJoinsACaseWithMeToo() {
        String id = IntakeTesting.submitOk(BA_DINH, "Thiếu biên chế sau sáp nhập " + UUID.randomUUID());
        given().header("Authorization", official(NGOC_HA)).post("/api/v1/cases/" + id + "/support").then()
                .statusCode(200).body("supporters", equalTo(1)).body("caseId", equalTo(id));
        given().header("Authorization", official(NGOC_HA)).post("/api/v1/cases/" + id + "/support").then()
                .statusCode(409).body("type", endsWith("/already-supported"));
        given().header("Authorization", official(BA_DINH)).post("/api/v1/cases/" + id + "/support").then()
                .statusCode(409).body("type", endsWith("/own-case"));
        given().header("Authorization", IntakeTesting.bearer(TestTokens.leader())).post("/api/v1/cases/" + id + "/support")
                .then().statusCode(403);
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then()
                .body("supporters", equalTo(1)).body("supportingCommunes", equalTo(List.of(NGOC_HA)));
        List<ConsumerRecord<String, byte[]>> intake = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                r -> id.equals(r.key()), l -> l.size() >= 2, Duration.ofSeconds(60));
        CaseEvent supported = CaseEventCodec.read(intake.get(1).value());
        assertEquals(CaseEventType.SUPPORTED.ceType(), supported.type());
        assertEquals(List.of(NGOC_HA), CaseEventCodec.intakeData(supported).supportingCommunes());
    }
}
