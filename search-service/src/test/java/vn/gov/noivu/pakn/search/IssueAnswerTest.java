package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Answer once" through search's API with real Kafka and Elasticsearch (triage-service stands in as {@link TriageStub},
 * which records what search sends): who may publish, validation, the answer stored on the issue and audited, triage
 * called with the publisher's own token for the open member cases with the "6 rõ", what could not be answered and why,
 * re-publishing, triage being down, the by-case answer for the liaison of the case's province, and the published
 * answer in the commune's similar-case check.
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TriageStub.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = vn.gov.noivu.pakn.testsupport.KeycloakResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssueAnswerTest {

    final String marker = "traloichung" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    final List<TestEvents.Submission> open = new ArrayList<>();
    TestEvents.Submission answered;
    String issueId;
    /** A window of its own (2014) so the listing finds only this class's cases. */
    final Instant start = LocalDate.of(2014, 1, 1).atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant()
            .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(0, 300)));

    static final String TITLE = "Phụ cấp người hoạt động không chuyên trách ở thôn, tổ dân phố sau sắp xếp";
    static final String DESCRIPTION = "Xã đề nghị hướng dẫn mức phụ cấp hằng tháng của người hoạt động không chuyên "
            + "trách ở thôn, tổ dân phố sau khi sắp xếp đơn vị hành chính, vì chưa có văn bản hướng dẫn thống nhất. ";

    String answerText() {
        return "Bộ Nội vụ trả lời chung: mức phụ cấp thực hiện theo Nghị định 33/2023/NĐ-CP, Hội đồng nhân dân cấp "
                + "tỉnh quy định cụ thể. " + marker;
    }

    Map<String, Object> body(String text) {
        Map<String, Object> b = new HashMap<>();
        b.put("text", text);
        b.put("task", "Hướng dẫn mức phụ cấp người hoạt động không chuyên trách ở thôn");
        b.put("deliverable", "Công văn hướng dẫn của Bộ");
        b.put("dueDate", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30).toString());
        b.put("unitCode", "VU-CQDP");
        b.put("authorityLevel", "PROVINCE_PEOPLES_COMMITTEE");
        return b;
    }

    @BeforeAll
    void setUp() {
        for (int i = 0; i < 3; i++) {
            TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(i), "T09",
                    TITLE + " (" + (i + 1) + ")", DESCRIPTION + marker).at(start.plus(Duration.ofHours(i)));
            open.add(s);
            TestEvents.publish(TestEvents.submitted(s, 1));
            TestEvents.publish(TestEvents.triage(CaseEventType.ROUTED, s, 1, CaseStatus.ROUTED, SlaState.ON_TRACK, 0,
                    0, null));
        }
        answered = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(3), "T09", TITLE + " (đã trả lời)",
                DESCRIPTION + marker).at(start.plus(Duration.ofHours(5)));
        TestEvents.publish(TestEvents.submitted(answered, 1));
        TestEvents.publish(TestEvents.triage(CaseEventType.ANSWERED, answered, 1, CaseStatus.ANSWERED,
                SlaState.STOPPED, 0, 0, "Trả lời riêng của hồ sơ"));
    }

    /** RestAssured points at the application only inside tests: the issue is looked up before the first one. */
    @org.junit.jupiter.api.BeforeEach
    void issue() {
        if (issueId != null) {
            return;
        }
        Set<String> mine = new LinkedHashSet<>();
        open.forEach(s -> mine.add(s.caseId()));
        mine.add(answered.caseId());
        String from = LocalDate.ofInstant(start, ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1).toString();
        String to = LocalDate.ofInstant(start, ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(2).toString();
        Map<String, String> issueOf = new HashMap<>();
        TestEvents.await("the cases in their issues", Duration.ofSeconds(90), () -> {
            issueOf.clear();
            JsonPath r = given().auth().oauth2(TestTokens.leader()).queryParam("from", from).queryParam("to", to)
                    .queryParam("minSize", 1).queryParam("size", 100).queryParam("status", "CANDIDATE")
                    .get("/api/v1/recurring-issues").then().statusCode(200).extract().jsonPath();
            JsonPath r2 = given().auth().oauth2(TestTokens.leader()).queryParam("from", from).queryParam("to", to)
                    .queryParam("minSize", 1).queryParam("size", 100)
                    .get("/api/v1/recurring-issues").then().statusCode(200).extract().jsonPath();
            for (JsonPath p : List.of(r, r2)) {
                List<Map<String, Object>> groups = p.getList("groups");
                for (Map<String, Object> g : groups) {
                    for (Object c : (List<?>) g.get("caseIds")) {
                        if (mine.contains(c)) {
                            issueOf.put((String) c, (String) g.get("groupId"));
                        }
                    }
                }
            }
            return issueOf.keySet().containsAll(mine);
        });
        List<String> issues = new ArrayList<>(new LinkedHashSet<>(issueOf.values()));
        issueId = issueOf.get(open.get(0).caseId());
        issues.remove(issueId);
        if (!issues.isEmpty()) { // the grouping is not what this test is about: a leader puts them together
            given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON)
                    .body(Map.of("issueIds", issues)).post("/api/v1/recurring-issues/" + issueId + "/merge").then()
                    .statusCode(200);
        }
        TestEvents.await("the issue's unit", Duration.ofSeconds(30), () -> "VU-CQDP".equals(given().auth()
                .oauth2(TestTokens.leader()).get("/api/v1/recurring-issues/" + issueId).then().statusCode(200)
                .extract().path("responsibleUnitCode")));
    }

    @Test
    @Order(1)
    void onlyLeadersAndTheHeadOfTheIssuesUnitPublishAndBadInputIsAProblem() {
        String api = "/api/v1/recurring-issues/" + issueId + "/answer";
        given().auth().oauth2(TestTokens.communeOfficial(LabelledCorpus.COMMUNES.get(0).code()))
                .contentType(ContentType.JSON).body(body(answerText())).post(api).then().statusCode(403);
        given().auth().oauth2(TestTokens.liaison(LabelledCorpus.COMMUNES.get(0).provinceCode()))
                .contentType(ContentType.JSON).body(body(answerText())).post(api).then().statusCode(403);
        given().auth().oauth2(TestTokens.token(Identity.DEPARTMENT_HEAD, "VU-PC")).contentType(ContentType.JSON)
                .body(body(answerText())).post(api).then().statusCode(404);
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON).body(body(answerText()))
                .post("/api/v1/recurring-issues/ri-khong-co/answer").then().statusCode(404);
        Map<String, Object> bad = body(" ");
        bad.remove("task");
        bad.put("dueDate", "2020-01-01");
        bad.put("unitCode", "KHONG-CO");
        bad.put("authorityLevel", "VUA");
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON).body(bad).post(api).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("text", "task", "dueDate", "unitCode", "authorityLevel"));
        assertTrue(TriageStub.calls().stream().noneMatch(c -> c.body().path("recurringIssueId").asText()
                .equals(issueId)), "nothing was sent to triage");
        given().auth().oauth2(TestTokens.liaison(LabelledCorpus.COMMUNES.get(0).provinceCode()))
                .get("/api/v1/recurring-issues/by-case/" + java.util.UUID.randomUUID() + "/answer").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    @Order(2)
    void aLeaderPublishesTriageAnswersTheOpenCasesWithTheLeadersTokenAndTheSkippedAreListed() {
        TriageStub.refuse(open.get(2).caseId(), "six-clear-incomplete", "còn thiếu: Rõ việc");
        int before = TriageStub.calls().size();
        String leader = TestTokens.leader();
        JsonPath a = given().auth().oauth2(leader).contentType(ContentType.JSON).body(body(answerText()))
                .post("/api/v1/recurring-issues/" + issueId + "/answer").then().statusCode(200).extract().jsonPath();
        assertEquals(true, a.getBoolean("delivered"));
        assertEquals("leader", a.getString("publishedBy"));
        // the private test node keeps earlier runs' look-alike cases: they may have joined this issue too
        assertEquals(a.getInt("openCases") - 1, a.getInt("answeredCount"), a.prettify());
        assertEquals(List.of(open.get(2).code()), a.getList("skipped.code"), a.prettify());
        assertTrue(a.getString("skipped[0].detail").contains("6 rõ"), a.getString("skipped[0].detail"));

        List<TriageStub.Call> calls = TriageStub.calls().subList(before, TriageStub.calls().size());
        assertEquals(1, calls.size());
        TriageStub.Call call = calls.get(0);
        assertEquals("Bearer " + leader, call.authorization(), "the publisher's own token");
        Set<String> sent = TriageStub.ids(call.body());
        assertEquals(a.getInt("openCases"), sent.size());
        assertTrue(sent.containsAll(List.of(open.get(0).caseId(), open.get(1).caseId(), open.get(2).caseId()))
                && !sent.contains(answered.caseId()), "the open member cases, not the answered one: " + sent);
        assertEquals(issueId, call.body().path("recurringIssueId").asText());
        assertEquals(answerText(), call.body().path("answer").asText());
        assertEquals("Công văn hướng dẫn của Bộ", call.body().path("deliverable").asText());
        assertEquals("VU-CQDP", call.body().path("unitCode").asText());
        assertEquals("PROVINCE_PEOPLES_COMMITTEE", call.body().path("authorityLevel").asText());
        Instant due = Instant.parse(call.body().path("dueAt").asText());
        assertEquals(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30)
                .atTime(17, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant(), due, "17:00 of the due date");

        given().auth().oauth2(leader).get("/api/v1/recurring-issues/" + issueId).then().statusCode(200)
                .body("answerPublished", equalTo(true));
        given().auth().oauth2(leader).get("/api/v1/recurring-issues/" + issueId + "/audit").then().statusCode(200)
                .body("action", hasItem("ANSWER"));
    }

    @Test
    @Order(3)
    void theLiaisonOfTheCasesProvinceGetsTheAnswerOthersDoNot() {
        TestEvents.Submission c = open.get(0);
        given().auth().oauth2(TestTokens.liaison(c.commune().provinceCode()))
                .get("/api/v1/recurring-issues/by-case/" + c.caseId() + "/answer").then().statusCode(200)
                .body("issueId", equalTo(issueId)).body("answer.text", equalTo(answerText()))
                .body("answer.task", equalTo("Hướng dẫn mức phụ cấp người hoạt động không chuyên trách ở thôn"));
        int other = LabelledCorpus.COMMUNES.stream().mapToInt(LabelledCorpus.Commune::provinceCode)
                .filter(p -> p != c.commune().provinceCode()).findFirst().orElseThrow();
        given().auth().oauth2(TestTokens.liaison(other))
                .get("/api/v1/recurring-issues/by-case/" + c.caseId() + "/answer").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.communeOfficial(c.commune().code()))
                .get("/api/v1/recurring-issues/by-case/" + c.caseId() + "/answer").then().statusCode(403);
    }

    @Test
    @Order(4)
    void theCommunesSimilarCaseCheckShowsThePublishedAnswerAnonymised() {
        JsonPath r = given().auth().oauth2(TestTokens.communeOfficial(31825))
                .queryParam("text", TITLE + " " + DESCRIPTION + marker).queryParam("limit", 10)
                .get("/api/v1/search/similar").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = r.getList("items");
        Map<String, Object> mine = items.stream().filter(i -> open.get(1).caseId().equals(i.get("caseId")))
                .findFirst().orElseThrow(() -> new AssertionError("similar: " + items));
        @SuppressWarnings("unchecked")
        Map<String, Object> ia = (Map<String, Object>) mine.get("issueAnswer");
        assertNotNull(ia, mine.toString());
        assertEquals(answerText(), ia.get("text"));
        assertTrue(!ia.containsKey("publishedBy") && !ia.containsKey("publishedByName"), "no person: " + ia);
    }

    @Test
    @Order(5)
    void rePublishingReplacesTheAnswerAndTriageDownIsReported() {
        TriageStub.down = true;
        try {
            String text = "Trả lời chung (thay thế): áp dụng Nghị quyết của Hội đồng nhân dân tỉnh. " + marker;
            given().auth().oauth2(TestTokens.token(Identity.DEPARTMENT_HEAD, "VU-CQDP")).contentType(ContentType.JSON)
                    .body(body(text)).post("/api/v1/recurring-issues/" + issueId + "/answer").then().statusCode(200)
                    .body("delivered", equalTo(false))
                    .body("publishedBy", org.hamcrest.Matchers.not(equalTo("leader")));
            given().auth().oauth2(TestTokens.liaison(open.get(0).commune().provinceCode()))
                    .get("/api/v1/recurring-issues/by-case/" + open.get(0).caseId() + "/answer").then()
                    .statusCode(200).body("answer.text", equalTo(text));
            given().auth().oauth2(TestTokens.leader()).get("/api/v1/recurring-issues/" + issueId + "/audit").then()
                    .body("detail", hasItem(org.hamcrest.Matchers.containsString("công bố lại")));
        } finally {
            TriageStub.down = false;
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    String url(String path) {
        return base.toString().replace("://localhost:", "://127.0.0.1:").replaceAll("/$", "") + path;
    }

    @Test
    @Order(6)
    void theIssuePageFormOnADesktop() {
        page(vn.gov.noivu.pakn.testsupport.Browser.Size.DESKTOP);
    }

    @Test
    @Order(7)
    void theIssuePageFormOnAPhone() {
        page(vn.gov.noivu.pakn.testsupport.Browser.Size.PHONE);
    }

    /**
     * The leader publishes on the issue page: a refused form keeps what was typed with the errors beside their fields;
     * the published answer shows its "6 rõ", how many cases got it and which did not and why.
     */
    void page(vn.gov.noivu.pakn.testsupport.Browser.Size size) {
        org.openqa.selenium.chrome.ChromeDriver chrome = vn.gov.noivu.pakn.testsupport.Browser.start();
        String tag = size.label();
        try {
            vn.gov.noivu.pakn.testsupport.Browser.resize(chrome, size);
            String page = "/lanh-dao/van-de-lap-lai/" + issueId;
            vn.gov.noivu.pakn.testsupport.Browser.signIn(chrome, url(page), Identity.LEADER, null);
            new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains(page) && !d.getCurrentUrl().contains("code="));
            org.openqa.selenium.By form = org.openqa.selenium.By.id("answer-form");
            // open the (folded) form of a re-publication
            org.openqa.selenium.WebElement details = chrome.findElement(org.openqa.selenium.By.id("answer-details"));
            if (details.getAttribute("open") == null) {
                details.findElement(org.openqa.selenium.By.tagName("summary")).click();
            }
            assertTrue(chrome.findElement(form).isDisplayed());
            org.openqa.selenium.WebElement text = chrome.findElement(org.openqa.selenium.By.id("answer-text-input"));
            text.clear();
            org.openqa.selenium.WebElement task = chrome.findElement(org.openqa.selenium.By.id("answer-task"));
            task.clear();
            task.sendKeys("Việc đã gõ – " + tag);
            vn.gov.noivu.pakn.testsupport.Browser.check(chrome, "lanh-dao-tra-loi-chung-form-" + tag);
            vn.gov.noivu.pakn.testsupport.Browser.navigate(chrome, org.openqa.selenium.By.id("publish-answer"),
                    org.openqa.selenium.By.id("answer-errors"));
            String errors = chrome.findElement(org.openqa.selenium.By.id("answer-errors")).getText();
            assertTrue(errors.contains("Nội dung trả lời chung"), errors);
            assertEquals("Việc đã gõ – " + tag, chrome.findElement(org.openqa.selenium.By.id("answer-task"))
                    .getAttribute("value"), "what was typed stays");
            assertEquals("true", chrome.findElement(org.openqa.selenium.By.id("answer-text-input"))
                    .getAttribute("aria-invalid"));
            vn.gov.noivu.pakn.testsupport.Browser.check(chrome, "lanh-dao-tra-loi-chung-loi-" + tag);

            TriageStub.refuse(open.get(1).caseId(), "invalid-state", "hồ sơ ở trạng thái Chờ bổ sung");
            String answer = "Trả lời chung trên trang (" + tag + "): Hội đồng nhân dân tỉnh quy định mức phụ cấp. "
                    + marker;
            chrome.findElement(org.openqa.selenium.By.id("answer-text-input")).sendKeys(answer);
            vn.gov.noivu.pakn.testsupport.Browser.navigate(chrome, org.openqa.selenium.By.id("publish-answer"),
                    org.openqa.selenium.By.id("notice"));
            assertEquals(answer, chrome.findElement(org.openqa.selenium.By.id("answer-text")).getText());
            String outcome = chrome.findElement(org.openqa.selenium.By.id("answer-outcome")).getText();
            assertTrue(outcome.matches("(?s)Đã trả lời \\d+ trong số \\d+ hồ sơ đang mở của vấn đề\\. Không trả lời "
                    + "được 2 hồ sơ:.*"), outcome);
            String skipped = chrome.findElement(org.openqa.selenium.By.id("answer-skipped")).getText();
            assertTrue(skipped.contains(open.get(1).code()) && skipped.contains("Chờ bổ sung")
                    && skipped.contains(open.get(2).code()) && skipped.contains("6 rõ"), skipped);
            String sixClear = chrome.findElement(org.openqa.selenium.By.id("answer-six-clear")).getText();
            assertTrue(sixClear.contains("Việc đã gõ – " + tag) && sixClear.contains("UBND cấp tỉnh")
                    && sixClear.contains(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(
                    LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30))), sixClear);
            Object scroll = ((org.openqa.selenium.JavascriptExecutor) chrome).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(((Number) scroll).intValue() <= 0, "no horizontal scroll: " + scroll);
            vn.gov.noivu.pakn.testsupport.Browser.check(chrome, "lanh-dao-tra-loi-chung-da-cong-bo-" + tag);
        } finally {
            chrome.quit();
        }
    }
}
