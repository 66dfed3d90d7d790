package vn.gov.noivu.pakn.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may do what, with real tokens from the system's Keycloak: for endpoints of all three services, every kind of
 * caller gets the answer its role and scope call for — 401 without a token, 403 for a role that may not act, 404 for
 * a case outside the caller's commune or provinces (existence is never leaked). The whole matrix is printed.
 */
class AccessMatrixIT {

    static SystemUnderTest sut;
    static String caseId;
    static String marker;

    // callers: a commune of Hà Nội (the case's), another commune of Hà Nội, Hà Nội's liaison, HCMC's liaison
    static final Map<String, String[]> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("none", null);
        CALLERS.put("commune-4", new String[] {"commune-official", "4"});
        CALLERS.put("commune-8", new String[] {"commune-official", "8"});
        CALLERS.put("liaison-1", new String[] {"liaison", "1"});
        CALLERS.put("liaison-79", new String[] {"liaison", "79"});
        CALLERS.put("leader", new String[] {"leader", null});
        CALLERS.put("admin", new String[] {"admin", null});
    }

    record Row(String service, String method, String path, Object body, Map<String, Integer> expected) {
    }

    @BeforeAll
    static void aCaseOfCommune4() {
        sut = SystemUnderTest.get();
        marker = "matrix" + UUID.randomUUID().toString().substring(0, 6);
        caseId = given().auth().oauth2(sut.token("commune-official", 4)).contentType(ContentType.JSON)
                .body(Map.of("commune", 4, "topic", "T03", "kind", "QUESTION", "title", "Thẩm quyền ký " + marker,
                        "description", "Phó Chủ tịch UBND phường ký thay Chủ tịch trong trường hợp nào?",
                        "contact", Map.of("name", "Đỗ Thị Lan")))
                .post(sut.url("intake-service") + "/api/v1/cases").then().statusCode(201).extract().path("id");
        Poll.until("routed", Duration.ofSeconds(60),
                () -> given().auth().oauth2(sut.token("liaison", 1))
                        .get(sut.url("triage-service") + "/api/v1/cases/" + caseId).then().extract().statusCode(),
                status -> status == 200);
        Poll.until("indexed", Duration.ofSeconds(60),
                () -> given().auth().oauth2(sut.token("leader", null)).queryParam("q", marker)
                        .get(sut.url("search-service") + "/api/v1/search").then().extract().jsonPath()
                        .getLong("total"),
                total -> total == 1);
    }

    static Map<String, Integer> expect(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void everyCallerGetsWhatItsRoleAndScopeAllow() {
        String c = "/api/v1/cases/" + caseId;
        Map<String, Object> submission = Map.of("commune", 4, "topic", "T03", "kind", "QUESTION",
                "title", "Không được gửi thay xã khác",
                "description", "Một xã không được gửi phản ánh thay cho xã khác, kể cả cùng tỉnh.",
                "contact", Map.of("name", "Vũ Văn An"));
        List<Row> rows = List.of(
                new Row("intake-service", "GET", c, null, expect("none", 401, "commune-4", 200, "commune-8", 404,
                        "liaison-1", 200, "liaison-79", 404, "leader", 200, "admin", 200)),
                new Row("intake-service", "POST", "/api/v1/cases", submission, expect("none", 401, "commune-8", 403,
                        "liaison-1", 403, "leader", 403, "admin", 403)),
                new Row("intake-service", "POST", c + "/accept", Map.of(), expect("none", 401, "commune-4", 409,
                        "commune-8", 404, "liaison-1", 403, "leader", 403)),
                new Row("intake-service", "GET", "/api/v1/me", null, expect("none", 401, "commune-4", 200,
                        "liaison-79", 200, "leader", 200)),
                new Row("triage-service", "GET", c, null, expect("none", 401, "commune-4", 403, "liaison-1", 200,
                        "liaison-79", 404, "leader", 200, "admin", 200)),
                new Row("triage-service", "POST", c + "/claim", Map.of(), expect("none", 401, "commune-4", 403,
                        "liaison-79", 404, "leader", 403)),
                new Row("triage-service", "GET", "/api/v1/admin/audit", null, expect("none", 401, "commune-4", 403,
                        "liaison-1", 403, "leader", 403, "admin", 200)),
                new Row("search-service", "POST", "/api/v1/admin/rebuild", Map.of(), expect("none", 401,
                        "commune-4", 403, "liaison-1", 403, "leader", 403)),
                new Row("search-service", "GET", "/api/v1/recurring-issues", null, expect("none", 401,
                        "commune-4", 403, "liaison-1", 200, "leader", 200)),
                new Row("search-service", "GET", "/api/v1/search?q=" + marker, null, expect("none", 401,
                        "commune-4", 200, "liaison-1", 200, "liaison-79", 200, "leader", 200)));

        List<String> mismatches = new ArrayList<>();
        System.out.printf("%-15s %-6s %-52s %s%n", "service", "method", "path", CALLERS.keySet());
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-15s %-6s %-52s", row.service(), row.method(),
                    row.path().replace(caseId, "{id}")));
            for (Map.Entry<String, Integer> e : row.expected().entrySet()) {
                int actual = call(row, e.getKey());
                line.append(' ').append(e.getKey()).append('=').append(actual);
                if (actual != e.getValue()) {
                    mismatches.add(row.method() + " " + row.service() + row.path() + " as " + e.getKey() + ": expected "
                            + e.getValue() + ", got " + actual);
                }
            }
            System.out.println(line);
        }
        assertEquals(List.of(), mismatches);

        // scope inside a 200: what each caller's search shows of the case
        assertEquals(1L, total("leader"));
        assertEquals(1L, total("liaison-1"));
        assertEquals(0L, total("liaison-79"), "another province's liaison does not see the case");
        assertEquals(0L, total("commune-4"), "communes see published answers only; this one is not answered");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        for (String[] page : List.of(new String[] {"intake-service", "/xa/ho-so"},
                new String[] {"triage-service", "/can-bo/hang-cho"}, new String[] {"search-service", "/lanh-dao/tim-kiem"})) {
            var r = given().redirects().follow(false).get(sut.url(page[0]) + page[1]);
            String csp = r.header("Content-Security-Policy");
            System.out.printf("%s%s -> %d, CSP: %s%n", page[0], page[1], r.statusCode(), csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), page[1]);
            assertEquals("DENY", r.header("X-Frame-Options"), page[1]);
            org.junit.jupiter.api.Assertions.assertNotNull(csp, page[1]);
            org.junit.jupiter.api.Assertions.assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
        }
    }

    private long total(String caller) {
        String[] who = CALLERS.get(caller);
        return given().auth().oauth2(sut.token(who[0], who[1])).queryParam("q", marker)
                .get(sut.url("search-service") + "/api/v1/search").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    private int call(Row row, String caller) {
        RequestSpecification req = given().redirects().follow(false);
        String[] who = CALLERS.get(caller);
        if (who != null) {
            req = req.auth().oauth2(sut.token(who[0], who[1]));
        }
        if (row.body() != null) {
            req = req.contentType(ContentType.JSON).body(row.body());
        }
        String url = sut.url(row.service()) + row.path();
        return (row.method().equals("GET") ? req.get(url) : req.post(url)).statusCode();
    }
}
