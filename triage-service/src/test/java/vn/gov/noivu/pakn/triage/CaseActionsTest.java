package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every liaison action, its illegal variants (problem+json) and the events it publishes. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class CaseActionsTest {

    static final String PROBLEM = "application/problem+json";
    static final String TYPES = "https://pakn.noivu.gov.vn/problems/";
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

    static Response post(String token, String caseId, String action, Object body) {
        var req = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        return req.post("/api/v1/cases/" + caseId + "/" + action);
    }

    static Fixtures.IntakeCase routed(int province, String topic) {
        return Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(province).topic(topic));
    }

    @Test
    void twoConcurrentClaimsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Fixtures.IntakeCase c = routed(24, "T03");
                CyclicBarrier start = new CyclicBarrier(2);
                List<CompletableFuture<Response>> claims = new ArrayList<>();
                for (String token : List.of(Fixtures.liaison(24), Fixtures.deputy(24))) {
                    claims.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return post(token, c.id, "claim", null);
                    }, pool));
                }
                List<Integer> statuses = new ArrayList<>();
                Response loser = null;
                for (CompletableFuture<Response> f : claims) {
                    Response r = f.get(60, TimeUnit.SECONDS);
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 409) {
                        loser = r;
                    }
                }
                assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), "round " + round);
                loser.then().contentType(PROBLEM).body("type", equalTo(TYPES + "already-claimed"))
                        .body("status", equalTo(409));
                List<CaseEvent> events = Fixtures.triageEvents(bootstrap, Set.of(c.id),
                        seen -> Fixtures.count(seen, c.id, CaseEventType.CLAIMED) >= 1);
                assertEquals(1, Fixtures.count(events, c.id, CaseEventType.CLAIMED));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lifecycleClaimAskInfoAnswerCloseWithEventsInCaseVersionOrder() {
        Fixtures.IntakeCase c = routed(79, "T01");
        String liaison = Fixtures.liaison(79);
        post(liaison, c.id, "claim", null).then().statusCode(200).body("status", equalTo("CLAIMED"))
                .body("assigneeId", equalTo("liaison-79")).body("claimed", equalTo(true));
        post(liaison, c.id, "request-info", Map.of("question", "Xin gửi văn bản số 12/QĐ-UBND")).then()
                .statusCode(200).body("status", equalTo("NEEDS_INFO")).body("sla.state", equalTo("PAUSED"))
                .body("openInfoRequest.question", equalTo("Xin gửi văn bản số 12/QĐ-UBND"));
        // answering while waiting for the commune is refused
        post(liaison, c.id, "answer", Map.of("answer", "Trả lời")).then().statusCode(409).contentType(PROBLEM);
        // the commune replies through intake-service
        Fixtures.send(producer, c.next(CaseEventType.INFO_PROVIDED, "Đã gửi kèm văn bản"));
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.caseOf(c.id).jsonPath().getString("status")
                .equals("CLAIMED"));
        post(liaison, c.id, "answer", Map.of("answer", "Theo Điều 5 Luật Tổ chức chính quyền địa phương 2025..."))
                .then().statusCode(200).body("status", equalTo("ANSWERED")).body("sla.state", equalTo("STOPPED"))
                .body("answer.answeredById", equalTo("liaison-79"));
        Fixtures.send(producer, c.next(CaseEventType.ANSWER_ACCEPTED, null));
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.caseOf(c.id).jsonPath().getString("status")
                .equals("CLOSED"));
        // claim a closed case
        post(Fixtures.deputy(79), c.id, "claim", null).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "case-closed"));

        List<CaseEventType> expected = List.of(CaseEventType.ROUTED, CaseEventType.CLAIMED,
                CaseEventType.INFO_REQUESTED, CaseEventType.INFO_RECEIVED, CaseEventType.ANSWERED,
                CaseEventType.CLOSED);
        List<CaseEvent> events = Fixtures.triageEvents(bootstrap, Set.of(c.id), seen -> seen.size() >= 6);
        assertEquals(expected.stream().map(CaseEventType::ceType).toList(), events.stream().map(CaseEvent::type)
                .toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).caseVersion(), "caseversion of " + events.get(i).type());
        }
        TriageCaseData answered = CaseEventCodec.triageData(events.get(4));
        assertEquals("liaison-79", answered.change().actor().id());
        // the timeline is the audit trail: who, when, what, why — commune steps included
        Fixtures.caseOf(c.id).then().body("timeline.type", contains("ROUTED", "CLAIMED", "INFO_REQUESTED",
                "INFO_PROVIDED", "INFO_RECEIVED", "ANSWERED", "CLOSED"))
                .body("timeline[1].actorId", equalTo("liaison-79"))
                .body("timeline[3].actorId", equalTo("commune-" + c.commune()))
                .body("timeline[2].text", equalTo("Xin gửi văn bản số 12/QĐ-UBND"));
    }

    @Test
    void answerIsRefusedWhileSixClearIsIncomplete() {
        Fixtures.IntakeCase c = routed(79, "T12");
        String liaison = Fixtures.liaison(79);
        post(liaison, c.id, "claim", null).then().statusCode(200);
        post(liaison, c.id, "answer", Map.of("answer", "Trả lời")).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "six-clear-incomplete"))
                .body("errors.field", contains("task", "deliverable"));
        post(liaison, c.id, "assign", Map.of("task", "Hướng dẫn xử lý kiến nghị")).then().statusCode(200)
                .body("missingSixClear", contains("deliverable"));
        post(liaison, c.id, "answer", Map.of("answer", "Trả lời")).then().statusCode(422)
                .body("errors.field", contains("deliverable"));
        post(liaison, c.id, "assign", Map.of("deliverable", "Văn bản trả lời")).then().statusCode(200)
                .body("missingSixClear", org.hamcrest.Matchers.empty());
        post(liaison, c.id, "answer", Map.of("answer", "Trả lời")).then().statusCode(200)
                .body("status", equalTo("ANSWERED"));
        post(liaison, c.id, "assign", Map.of("task", "x")).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void actionsOnAnotherProvincesCaseAreNotFound() {
        Fixtures.IntakeCase c = routed(79, "T01");
        String stranger = Fixtures.liaison(1);
        for (String action : List.of("claim", "answer", "request-info", "escalate", "handover", "release",
                "assign")) {
            Object body = switch (action) {
                case "answer" -> Map.of("answer", "x");
                case "request-info" -> Map.of("question", "x");
                case "escalate" -> Map.of("target", "MINISTRY", "reason", "x");
                case "handover" -> Map.of("toLiaisonId", "deputy-79", "reason", "x");
                case "release" -> Map.of("reason", "x");
                case "assign" -> Map.of("task", "x");
                default -> null;
            };
            post(stranger, c.id, action, body).then().statusCode(404).contentType(PROBLEM)
                    .body("type", equalTo(TYPES + "not-found"));
        }
        given().auth().oauth2(stranger).get("/api/v1/cases/" + c.id).then().statusCode(404);
        given().auth().oauth2(Fixtures.head("VU-CQDP")).get("/api/v1/cases/" + c.id).then().statusCode(404);
        post(Fixtures.admin(), "no-such-case", "claim", null).then().statusCode(404).contentType(PROBLEM);
        // a leader reads but does not act
        given().auth().oauth2(TestTokens.leader()).get("/api/v1/cases/" + c.id).then().statusCode(200);
        post(TestTokens.leader(), c.id, "claim", null).then().statusCode(403).contentType(PROBLEM);
        post(null == null ? "" : "", c.id, "claim", null).then().statusCode(401);
    }

    @Test
    void onlyTheClaimHolderWorksTheCaseAndRequestsAreValidated() {
        Fixtures.IntakeCase c = routed(79, "T01");
        String liaison = Fixtures.liaison(79);
        String deputy = Fixtures.deputy(79);
        post(deputy, c.id, "answer", Map.of("answer", "x")).then().statusCode(409)
                .body("type", equalTo(TYPES + "not-claimed-by-you"));
        post(liaison, c.id, "claim", null).then().statusCode(200);
        post(liaison, c.id, "claim", null).then().statusCode(409).body("type", equalTo(TYPES + "already-claimed"));
        post(deputy, c.id, "answer", Map.of("answer", "x")).then().statusCode(409)
                .body("type", equalTo(TYPES + "not-claimed-by-you"));
        post(deputy, c.id, "release", Map.of("reason", "x")).then().statusCode(409);
        post(liaison, c.id, "answer", Map.of("answer", "  ")).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("answer"));
        Response noBody = post(liaison, c.id, "answer", null);
        assertEquals(422, noBody.statusCode(), noBody.asString());
        assertEquals(PROBLEM, noBody.contentType(), noBody.asString());
        given().auth().oauth2(liaison).contentType(ContentType.JSON).body("{\"answer\":")
                .post("/api/v1/cases/" + c.id + "/answer").then().statusCode(400).contentType(PROBLEM);
        post(liaison, c.id, "release", Map.of()).then().statusCode(422).body("errors.field", hasItem("reason"));
        post(liaison, c.id, "handover", Map.of("toLiaisonId", "deputy-79")).then().statusCode(422)
                .body("errors.field", hasItem("reason"));
        post(liaison, c.id, "escalate", Map.of("target", "NOWHERE", "reason", "x")).then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void handoverAndReleaseNeedReasonsAndAreCounted() {
        Fixtures.IntakeCase c = routed(52, "T06");
        String liaison = Fixtures.liaison(52);
        String deputy = Fixtures.deputy(52);
        int handoversBefore = liaisonCounter("liaison-52", "handoverCount");
        int releasesBefore = liaisonCounter("deputy-52", "releaseCount");
        post(liaison, c.id, "claim", null).then().statusCode(200);
        post(liaison, c.id, "handover", Map.of("toLiaisonId", "deputy-1", "reason", "Khác tỉnh")).then()
                .statusCode(422).body("errors.field", contains("toLiaisonId"));
        post(liaison, c.id, "handover", Map.of("toLiaisonId", "liaison-52", "reason", "Chính mình")).then()
                .statusCode(422);
        post(liaison, c.id, "handover", Map.of("toLiaisonId", "deputy-52", "reason", "Đi công tác")).then()
                .statusCode(200).body("assigneeId", equalTo("deputy-52")).body("handoverCount", equalTo(1))
                .body("status", equalTo("CLAIMED"));
        post(liaison, c.id, "answer", Map.of("answer", "x")).then().statusCode(409);
        post(deputy, c.id, "release", Map.of("reason", "Không thuộc lĩnh vực")).then().statusCode(200)
                .body("status", equalTo("ROUTED")).body("claimed", equalTo(false))
                .body("assigneeId", nullValue()).body("releaseCount", equalTo(1))
                .body("missingSixClear", contains("assignee"));
        assertEquals(handoversBefore + 1, liaisonCounter("liaison-52", "handoverCount"));
        assertEquals(releasesBefore + 1, liaisonCounter("deputy-52", "releaseCount"));
        given().auth().oauth2(liaison).queryParam("state", "unclaimed").get("/api/v1/queue").then()
                .body("items.caseId", hasItem(c.id));
        Fixtures.caseOf(c.id).then().body("timeline.findAll { it.type == 'HANDED_OVER' }.reason",
                contains("Đi công tác")).body("timeline.findAll { it.type == 'RELEASED' }.actorId",
                contains("deputy-52"));
    }

    static int liaisonCounter(String id, String field) {
        return given().auth().oauth2(Fixtures.admin()).get("/api/v1/admin/liaisons").jsonPath()
                .getInt("find { it.id == '" + id + "' }." + field);
    }

    @Test
    void escalationIsTypedAndGivesTheCaseToTheHeadOfTheUnit() {
        Fixtures.IntakeCase c = routed(1, "T04");
        String liaison = Fixtures.liaison(1);
        post(liaison, c.id, "claim", null).then().statusCode(200);
        post(liaison, c.id, "escalate", Map.of("target", "MINISTRY", "targetUnit", "VU-KHONG-CO", "reason", "x"))
                .then().statusCode(422).body("errors.field", contains("targetUnit"));
        post(liaison, c.id, "escalate", Map.of("target", "MINISTRY", "targetUnit", "VU-PC",
                "reason", "Vượt thẩm quyền: cần sửa quy định")).then().statusCode(200)
                .body("status", equalTo("ESCALATED")).body("escalation.target", equalTo("MINISTRY"))
                .body("escalation.targetUnit", equalTo("VU-PC")).body("escalation.automatic", equalTo(false))
                .body("responsibleUnitCode", equalTo("VU-PC")).body("escalationCount", equalTo(1));
        String head = Fixtures.head("VU-PC");
        given().auth().oauth2(head).queryParam("state", "escalated").get("/api/v1/queue").then().statusCode(200)
                .body("items.caseId", hasItem(c.id));
        given().auth().oauth2(Fixtures.head("VU-TCBC")).get("/api/v1/cases/" + c.id).then().statusCode(404);
        post(head, c.id, "answer", Map.of("answer", "Bộ sẽ sửa đổi quy định")).then().statusCode(200)
                .body("answer.answeredById", equalTo("head-VU-PC"));
        // escalation to another ministry is typed too
        Fixtures.IntakeCase d = routed(1, "T10");
        post(liaison, d.id, "claim", null).then().statusCode(200);
        post(liaison, d.id, "escalate", Map.of("target", "OTHER_MINISTRY", "targetUnit", "Bộ Tài chính",
                "reason", "Kinh phí mua sắm thuộc thẩm quyền Bộ Tài chính")).then().statusCode(200)
                .body("authorityLevel", equalTo("OTHER_MINISTRY")).body("escalation.targetUnit",
                        equalTo("Bộ Tài chính"));
    }

    @Test
    void reopenedCaseReturnsToTheQueueWithANewDueDate() {
        Fixtures.IntakeCase c = routed(79, "T02");
        String liaison = Fixtures.liaison(79);
        post(liaison, c.id, "claim", null).then().statusCode(200);
        post(liaison, c.id, "answer", Map.of("answer", "Trả lời lần 1")).then().statusCode(200);
        Fixtures.send(producer, c.next(CaseEventType.REOPEN_REQUESTED, "Chưa rõ phần thẩm quyền"));
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.caseOf(c.id).jsonPath().getString("status")
                .equals("REOPENED"));
        Fixtures.caseOf(c.id).then().body("claimed", equalTo(false)).body("sla.state", equalTo("ON_TRACK"))
                .body("timeline.findAll { it.type == 'REOPENED' }.reason", contains("Chưa rõ phần thẩm quyền"));
        post(Fixtures.deputy(79), c.id, "claim", null).then().statusCode(200).body("status", equalTo("CLAIMED"));
    }

    @Test
    void recurringAnswerAnswersEveryCaseTheCallerMayActOn() {
        Fixtures.IntakeCase a = routed(1, "T06");
        Fixtures.IntakeCase b = routed(1, "T06");
        Fixtures.IntakeCase incomplete = routed(1, "T12");
        Fixtures.IntakeCase foreign = routed(79, "T06");
        post(Fixtures.liaison(1), b.id, "claim", null).then().statusCode(200);
        given().auth().oauth2(Fixtures.liaison(1)).contentType(ContentType.JSON)
                .body(Map.of("caseIds", List.of(a.id, b.id, incomplete.id, foreign.id),
                        "answer", "Hướng dẫn chung về vị trí việc làm", "recurringIssueId", "grp-vtvl-1"))
                .post("/api/v1/recurring-answers").then().statusCode(200)
                .body("answered", containsInAnyOrder(a.id, b.id))
                .body("skipped.find { it.caseId == '" + incomplete.id + "' }.reason",
                        equalTo("six-clear-incomplete"))
                .body("skipped.find { it.caseId == '" + foreign.id + "' }.reason", equalTo("not-found"));
        Fixtures.caseOf(a.id).then().body("status", equalTo("ANSWERED")).body("recurringIssueId",
                equalTo("grp-vtvl-1")).body("answer.text", equalTo("Hướng dẫn chung về vị trí việc làm"));
        Fixtures.caseOf(foreign.id).then().body("status", equalTo("ROUTED"));
        List<CaseEvent> events = Fixtures.triageEvents(bootstrap, Set.of(a.id, b.id),
                seen -> Fixtures.count(seen, a.id, CaseEventType.ANSWERED) == 1
                        && Fixtures.count(seen, b.id, CaseEventType.ANSWERED) == 1);
        CaseEvent answered = events.stream().filter(e -> e.type().equals(CaseEventType.ANSWERED.ceType()))
                .findFirst().get();
        assertEquals("grp-vtvl-1", CaseEventCodec.triageData(answered).answer().recurringIssueId());
        // a leader answers recurring issues everywhere
        Fixtures.IntakeCase c = routed(79, "T06");
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON)
                .body(Map.of("caseIds", List.of(c.id), "answer", "Trả lời chung", "recurringIssueId", "grp-2"))
                .post("/api/v1/recurring-answers").then().statusCode(200).body("answered", contains(c.id));
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON)
                .body(Map.of("caseIds", List.of(), "answer", "x", "recurringIssueId", "g"))
                .post("/api/v1/recurring-answers").then().statusCode(422).contentType(PROBLEM);
        Fixtures.caseOf(c.id).then().body("answer.answeredById", equalTo("leader"))
                .body("claimedAt", nullValue()).body("sla.dueAt", notNullValue());
    }

    @Test
    void recurringAnswerFillsTheMissingSixClearAndUnitHeadsAnswerTheirUnitsCases() {
        // T12 ("Khác") has no task or deliverable template: the published answer's "6 rõ" fill them in
        Fixtures.IntakeCase other = routed(1, "T12");
        Fixtures.IntakeCase own = routed(1, "T06");
        post(Fixtures.liaison(1), own.id, "assign", Map.of("task", "Việc riêng của hồ sơ")).then().statusCode(200);
        String due = java.time.Instant.now().plus(java.time.Duration.ofDays(20)).toString();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("caseIds", List.of(other.id, own.id),
                "answer", "Trả lời chung: thực hiện theo Nghị định 33/2023/NĐ-CP", "recurringIssueId", "ri-sau-ro",
                "task", "Hướng dẫn chung cho các xã", "deliverable", "Công văn hướng dẫn", "dueAt", due,
                "unitCode", "VU-CCVC", "authorityLevel", "MINISTRY"));
        // a department head of another unit may answer neither (VP-BO is responsible for T12, VU-CCVC for T06)
        given().auth().oauth2(Fixtures.head("VU-PC")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/recurring-answers").then().statusCode(200).body("answered", hasSize(0))
                .body("skipped.reason", everyItem(equalTo("not-found")));
        // the head of VP-BO answers the T12 case its unit is responsible for, not the T06 one
        given().auth().oauth2(Fixtures.head("VP-BO")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/recurring-answers").then().statusCode(200).body("answered", contains(other.id))
                .body("skipped.find { it.caseId == '" + own.id + "' }.reason", equalTo("not-found"));
        Fixtures.caseOf(other.id).then().body("status", equalTo("ANSWERED"))
                .body("recurringIssueId", equalTo("ri-sau-ro"))
                .body("sixClear.find { it.field == 'task' }.value", equalTo("Hướng dẫn chung cho các xã"))
                .body("sixClear.find { it.field == 'deliverable' }.value", equalTo("Công văn hướng dẫn"))
                .body("responsibleUnitCode", equalTo("VP-BO")) // the case's own unit is kept
                .body("timeline.type", hasItem("ASSIGNMENT_CHANGED"));
        // a leader answers the other; its own "6 rõ" (task typed by the liaison, T06's templates) are kept
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/recurring-answers").then().statusCode(200).body("answered", contains(own.id))
                .body("skipped.find { it.caseId == '" + other.id + "' }.reason", equalTo("invalid-state"));
        Fixtures.caseOf(own.id).then().body("status", equalTo("ANSWERED"))
                .body("sixClear.find { it.field == 'task' }.value", equalTo("Việc riêng của hồ sơ"))
                .body("sixClear.find { it.field == 'deliverable' }.value", equalTo("Văn bản hướng dẫn"))
                // only the liaison's own assignment: T06's templates left nothing to fill
                .body("timeline.findAll { it.type == 'ASSIGNMENT_CHANGED' }.size()", equalTo(1))
                .body("answer.answeredById", equalTo("leader"));
        // wrong "6 rõ" are the caller's error, before any case is touched
        Fixtures.IntakeCase untouched = routed(1, "T12");
        Map<String, Object> bad = new java.util.HashMap<>(body);
        bad.put("caseIds", List.of(untouched.id));
        bad.put("unitCode", "KHONG-CO");
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON).body(bad)
                .post("/api/v1/recurring-answers").then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("unitCode"));
        bad.put("unitCode", "VU-CCVC");
        bad.put("dueAt", "2020-01-01T00:00:00Z");
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON).body(bad)
                .post("/api/v1/recurring-answers").then().statusCode(422).body("errors.field", hasItem("dueAt"));
        // without the "6 rõ" the incomplete case is skipped and left as it was (no assignee written)
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON)
                .body(Map.of("caseIds", List.of(untouched.id), "answer", "x", "recurringIssueId", "ri-x"))
                .post("/api/v1/recurring-answers").then().statusCode(200)
                .body("skipped[0].reason", equalTo("six-clear-incomplete"));
        Fixtures.caseOf(untouched.id).then().body("status", equalTo("ROUTED"))
                .body("sixClear.find { it.field == 'task' }.present", equalTo(false))
                .body("timeline.type", not(hasItem("ASSIGNMENT_CHANGED")));
    }
}
