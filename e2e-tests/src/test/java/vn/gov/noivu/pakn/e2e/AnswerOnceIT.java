package vn.gov.noivu.pakn.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Answer once" across the real services: communes submit look-alike cases (intake), they are routed (triage) and
 * grouped into one recurring issue (search); a leader publishes the issue's answer with its "6 rõ" in search, which has
 * triage answer every open member case with the leader's own token (the "6 rõ" a case lacked filled in); a case that
 * joins the issue afterwards gets the answer as its liaison's suggestion, and a commune's similar-case check shows it.
 */
class AnswerOnceIT {

    static SystemUnderTest sut;
    static final String MARK = "motlan" + UUID.randomUUID().toString().substring(0, 6);
    static final String TITLE = "Chế độ phụ cấp kiêm nhiệm chức danh Chỉ huy trưởng quân sự xã sau sắp xếp " + MARK;
    static final String DESCRIPTION = "Xã đề nghị Bộ hướng dẫn chế độ phụ cấp kiêm nhiệm chức danh Chỉ huy trưởng Ban "
            + "chỉ huy quân sự xã sau sắp xếp đơn vị hành chính, vì chưa có văn bản hướng dẫn thống nhất " + MARK + ".";

    static String submit(int commune) {
        return given().auth().oauth2(sut.token("commune-official", commune)).contentType(ContentType.JSON)
                .body(Map.of("commune", commune, "topic", "T12", "kind", "DIFFICULTY", "title", TITLE,
                        "description", DESCRIPTION, "contact", Map.of("name", "Trần Văn Hùng")))
                .post(sut.url("intake-service") + "/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    static String issueOf(String caseId) {
        return Poll.until("case " + caseId + " in a recurring issue", Duration.ofSeconds(90), () -> {
            List<Map<String, Object>> groups = given().auth().oauth2(sut.token("leader", null))
                    .queryParam("minSize", 1).queryParam("sort", "newest").queryParam("size", 100)
                    .get(sut.url("search-service") + "/api/v1/recurring-issues").then().statusCode(200)
                    .extract().jsonPath().getList("groups");
            return groups.stream().filter(g -> String.valueOf(g.get("caseIds")).contains(caseId))
                    .map(g -> (String) g.get("groupId")).findFirst().orElse(null);
        }, Objects::nonNull);
    }

    static void routed(String caseId) {
        Poll.until("routed " + caseId, Duration.ofSeconds(60), () -> given().auth().oauth2(sut.token("leader", null))
                .get(sut.url("triage-service") + "/api/v1/cases/" + caseId).then().extract().statusCode(),
                s -> s == 200);
    }

    static String issueId;
    static final List<String> members = new ArrayList<>();

    @BeforeAll
    static void up() {
        sut = SystemUnderTest.get();
        members.add(submit(4));
        members.add(submit(4));
        members.forEach(AnswerOnceIT::routed);
        List<String> issues = new ArrayList<>(new LinkedHashSet<>(members.stream().map(AnswerOnceIT::issueOf)
                .toList()));
        issueId = issues.remove(0);
        if (!issues.isEmpty()) { // grouping is not what this test is about: a leader puts them together
            given().auth().oauth2(sut.token("leader", null)).contentType(ContentType.JSON)
                    .body(Map.of("issueIds", issues))
                    .post(sut.url("search-service") + "/api/v1/recurring-issues/" + issueId + "/merge").then()
                    .statusCode(200);
        }
    }

    @Test
    void aLeaderAnswersOnceEveryOpenCaseIsAnsweredAndNewCasesGetTheSuggestion() {
        String text = "Bộ Nội vụ trả lời chung: thực hiện theo Nghị định số 16/2025/NĐ-CP, Ủy ban nhân dân tỉnh quyết định "
                + "mức phụ cấp kiêm nhiệm. " + MARK;
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        body.put("task", "Hướng dẫn phụ cấp kiêm nhiệm Chỉ huy trưởng quân sự xã");
        body.put("deliverable", "Công văn hướng dẫn");
        body.put("dueDate", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(20).toString());
        body.put("unitCode", "VP-BO");
        body.put("authorityLevel", "PROVINCE_PEOPLES_COMMITTEE");
        // search waits until its index knows both cases are open (the listing above already saw them)
        JsonPath a = given().auth().oauth2(sut.token("leader", null)).contentType(ContentType.JSON).body(body)
                .post(sut.url("search-service") + "/api/v1/recurring-issues/" + issueId + "/answer").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(true, a.getBoolean("delivered"), a.prettify());
        assertEquals(2, a.getInt("answeredCount"), a.prettify());
        for (String id : members) {
            JsonPath c = given().auth().oauth2(sut.token("liaison", 1))
                    .get(sut.url("triage-service") + "/api/v1/cases/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals("ANSWERED", c.getString("status"));
            assertEquals(issueId, c.getString("recurringIssueId"));
            assertEquals(text, c.getString("answer.text"));
            assertEquals("Hướng dẫn phụ cấp kiêm nhiệm Chỉ huy trưởng quân sự xã",
                    c.getString("sixClear.find { it.field == 'task' }.value"), "the missing 6 rõ filled in");
        }
        // the answers reach the index (ANSWERED events) and the issue page's count
        Poll.until("answers indexed", Duration.ofSeconds(60), () -> given().auth().oauth2(sut.token("leader", null))
                .queryParam("q", MARK).queryParam("status", "ANSWERED").get(sut.url("search-service")
                        + "/api/v1/search").then().extract().jsonPath().getInt("total"), t -> t == 2);

        // a case filed afterwards joins the issue: its liaison gets the answer as a suggestion
        String late = submit(4);
        routed(late);
        String lateIssue = issueOf(late);
        if (!lateIssue.equals(issueId)) {
            given().auth().oauth2(sut.token("leader", null)).contentType(ContentType.JSON)
                    .body(Map.of("caseId", late))
                    .post(sut.url("search-service") + "/api/v1/recurring-issues/" + issueId + "/cases").then()
                    .statusCode(200);
        }
        JsonPath s = given().auth().oauth2(sut.token("liaison", 1))
                .get(sut.url("search-service") + "/api/v1/recurring-issues/by-case/" + late + "/answer").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(text, s.getString("answer.text"));
        given().auth().oauth2(sut.token("liaison", 79))
                .get(sut.url("search-service") + "/api/v1/recurring-issues/by-case/" + late + "/answer").then()
                .statusCode(404);

        // a commune checking a draft sees the published answer under the similar case
        JsonPath similar = given().auth().oauth2(sut.token("commune-official", 4)).queryParam("text", TITLE)
                .queryParam("limit", 10).get(sut.url("search-service") + "/api/v1/search/similar").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = similar.getList("items");
        Map<String, Object> hit = items.stream().filter(i -> members.contains(i.get("caseId"))).findFirst()
                .orElseThrow(() -> new AssertionError("similar: " + items));
        assertNotNull(hit.get("issueAnswer"), hit.toString());
        assertTrue(String.valueOf(hit.get("issueAnswer")).contains(MARK), hit.toString());
    }
}
