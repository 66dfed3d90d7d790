package vn.gov.noivu.pakn.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input against the running system, with real Keycloak tokens: bodies over each service's limit are refused
 * with 413 before they reach the application; SQL and Elasticsearch query syntax in every free-text or filter
 * parameter is data, never code (no 5xx, no widened scope, nothing dropped); the case text written by an attacker
 * comes back byte for byte.
 */
class HardeningIT {

    static SystemUnderTest sut;
    static String marker;
    static String caseOf4;

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "'; DROP TABLE case_record; --", "1) OR (1=1", "\\\" OR 1=1 --",
            "*:*", "title:* OR commune_code:*", "{\"match_all\":{}}", "status:NEW AND NOT status:CLOSED",
            "/.*/", "a~2", "\\u0000", "<script>alert(1)</script>", "%27%20OR%201%3D1", "((((((((((((((((");

    @BeforeAll
    static void aCase() {
        sut = SystemUnderTest.get();
        marker = "hard" + UUID.randomUUID().toString().substring(0, 6);
        caseOf4 = given().auth().oauth2(sut.token("commune-official", 4)).contentType(ContentType.JSON)
                .body(Map.of("commune", 4, "topic", "T05", "kind", "QUESTION",
                        "title", "Robert'); DROP TABLE case_record;-- <script>alert(1)</script> " + marker,
                        "description", "Nội dung có ký tự đặc biệt: ' \" ; -- /* */ {\"query\":{\"match_all\":{}}} \\ " + marker,
                        "contact", Map.of("name", "Nguyễn Văn Bình")))
                .post(sut.url("intake-service") + "/api/v1/cases").then().statusCode(201).extract().path("id");
        Poll.until("indexed", Duration.ofSeconds(60),
                () -> given().auth().oauth2(sut.token("leader", null)).queryParam("q", marker)
                        .get(sut.url("search-service") + "/api/v1/search").then().extract().jsonPath().getLong("total"),
                total -> total == 1);
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeTheApplication() {
        // triage and search take small JSON bodies; intake allows attachments (multipart) up to its own limit
        int triage = postOversize(sut.url("triage-service") + "/api/v1/cases/" + caseOf4 + "/answer",
                sut.token("liaison", 1), 2 * 1024 * 1024);
        int search = postOversize(sut.url("search-service") + "/api/v1/admin/rebuild", sut.token("admin", null),
                2 * 1024 * 1024);
        int intake = postOversize(sut.url("intake-service") + "/api/v1/cases", sut.token("commune-official", 4),
                53 * 1024 * 1024);
        System.out.printf("oversize bodies: intake %d, triage %d, search %d%n", intake, triage, search);
        assertEquals(List.of(413, 413, 413), List.of(intake, triage, search));
    }

    /**
     * Posts a body of the given size announcing it with Content-Length and "Expect: 100-continue", as a well-behaved
     * client does, so the server can refuse it from the headers without reading it.
     */
    private static int postOversize(String url, String token, int size) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build(); // no h2c upgrade before 100-continue
            byte[] body = new byte[size];
            java.util.Arrays.fill(body, (byte) 'a');
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).expectContinue(true)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void querySyntaxInEveryParameterIsOnlyData() {
        String intake = sut.url("intake-service");
        String triage = sut.url("triage-service");
        String search = sut.url("search-service");
        for (String p : PAYLOADS) {
            // search: free text and every filter, as a leader and as a commune (whose scope must not widen)
            for (String param : List.of("q", "province", "commune", "topic", "status", "authority", "kind", "urgency",
                    "liaison", "from", "to", "sort", "after")) {
                int leader = given().auth().oauth2(sut.token("leader", null)).queryParam(param, p)
                        .get(search + "/api/v1/search").then().extract().statusCode();
                assertTrue(leader == 200 || leader == 400 || leader == 422, "search " + param + "=" + p + " -> " + leader);
            }
            // ranked partial matching may find other communes' published answers for a word of the payload, but
            // never the hostile case (unanswered, commune 4) nor any unanswered case
            io.restassured.path.json.JsonPath seenByAnotherCommune = given().auth()
                    .oauth2(sut.token("commune-official", 8)).queryParam("q", p + " " + marker)
                    .get(search + "/api/v1/search").then().statusCode(200).extract().jsonPath();
            assertFalse(seenByAnotherCommune.getList("items.caseId").contains(caseOf4),
                    "a commune never sees another's unanswered case: q=" + p);
            assertFalse(seenByAnotherCommune.getList("items.answered").contains(false),
                    "a commune sees only published answers: q=" + p);
            assertTrue(seenByAnotherCommune.getList("items.communeCode").stream().allMatch(java.util.Objects::isNull),
                    "other communes' answers are anonymised: q=" + p);
            int similar = given().auth().oauth2(sut.token("commune-official", 8)).queryParam("text", p)
                    .get(search + "/api/v1/search/similar").then().extract().statusCode();
            assertTrue(similar == 200 || similar == 400 || similar == 422, "similar " + p + " -> " + similar);
            // intake and triage: filters go to PostgreSQL as bound parameters
            int cases = given().auth().oauth2(sut.token("leader", null)).queryParam("status", p)
                    .get(intake + "/api/v1/cases").then().extract().statusCode();
            assertTrue(cases == 200 || cases == 400 || cases == 422, "intake status=" + p + " -> " + cases);
            int communeFilter = given().auth().oauth2(sut.token("leader", null)).queryParam("commune", p)
                    .get(intake + "/api/v1/cases").then().extract().statusCode();
            assertTrue(communeFilter == 200 || communeFilter == 400, "intake commune=" + p + " -> " + communeFilter);
            int queue = given().auth().oauth2(sut.token("liaison", 1)).queryParam("state", p)
                    .get(triage + "/api/v1/queue").then().extract().statusCode();
            assertTrue(queue == 200 || queue == 400 || queue == 422, "triage state=" + p + " -> " + queue);
            int provinceFilter = given().auth().oauth2(sut.token("liaison", 1)).queryParam("province", p)
                    .get(triage + "/api/v1/queue").then().extract().statusCode();
            assertTrue(provinceFilter == 200 || provinceFilter == 400 || provinceFilter == 403,
                    "triage province=" + p + " -> " + provinceFilter);
            int byId = given().auth().oauth2(sut.token("liaison", 1))
                    .get(triage + "/api/v1/cases/" + java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8))
                    .then().extract().statusCode();
            assertTrue(byId == 404 || byId == 400, "triage case id " + p + " -> " + byId);
        }
        // nothing was dropped or altered: the hostile case is still there, text intact, in all three services
        String title = given().auth().oauth2(sut.token("commune-official", 4)).get(intake + "/api/v1/cases/" + caseOf4)
                .then().statusCode(200).extract().path("title");
        assertTrue(title.startsWith("Robert'); DROP TABLE case_record;-- <script>alert(1)</script>"), title);
        given().auth().oauth2(sut.token("liaison", 1)).get(triage + "/api/v1/cases/" + caseOf4).then().statusCode(200);
        assertEquals(1L, given().auth().oauth2(sut.token("leader", null)).queryParam("q", marker)
                .get(search + "/api/v1/search").then().statusCode(200).extract().jsonPath().getLong("total"));
    }
}
