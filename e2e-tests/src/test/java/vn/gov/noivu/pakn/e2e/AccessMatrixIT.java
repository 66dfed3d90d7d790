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

    /**
     * Every operation of the three APIs, read from each service's OpenAPI document, called by every kind of caller
     * with real Keycloak tokens: the roles the document declares are the roles that get in. No token: 401 (unless the
     * operation is public); a role the operation does not list: 403; a role it lists (or any signed-in caller when it
     * lists none): neither 401 nor 403; nobody ever gets a 5xx. Calls that would change something use an unknown case
     * id, and administrators' write operations are only checked for refusals, so the matrix changes no data.
     */
    @Test
    void everyOperationOfEveryApiAdmitsExactlyTheRolesItDeclares() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int operations = 0;
        int calls = 0;
        for (String service : List.of("intake-service", "triage-service", "search-service")) {
            var api = json.readTree(given().get(sut.url(service) + "/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
            for (var path : api.path("paths").properties()) {
                if (!path.getKey().startsWith("/api/")) {
                    continue; // pages: pagesNeedASignedInSession; Open311: its own api_key rules
                }
                for (var op : path.getValue().properties()) {
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        continue;
                    }
                    operations++;
                    var security = op.getValue().get("security");
                    java.util.Set<String> roles = null; // null: public
                    if (security != null && security.isArray() && !security.isEmpty()) {
                        roles = declaredRoles(security);
                    }
                    boolean write = !method.equals("GET");
                    String template = path.getKey();
                    for (Map.Entry<String, String[]> caller : CALLERS.entrySet()) {
                        String[] who = caller.getValue();
                        boolean admitted = roles == null || who != null && (roles.isEmpty() || roles.contains(who[0]));
                        if (write && admitted && template.contains("/admin/")) {
                            continue; // would change the system's configuration or rebuild the index
                        }
                        String url = sut.url(service) + template
                                .replace("{id}", write ? UUID.randomUUID().toString() : caseId)
                                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                        RequestSpecification req = given().redirects().follow(false);
                        if (who != null) {
                            req = req.auth().oauth2(sut.token(who[0], who[1]));
                        }
                        if (write) {
                            req = req.contentType(ContentType.JSON).body("{}");
                        }
                        int status = req.request(method, url).statusCode();
                        calls++;
                        String where = method + " " + service + template + " as " + caller.getKey() + " (declared "
                                + (roles == null ? "public" : roles.isEmpty() ? "any signed-in" : roles) + "): " + status;
                        if (status >= 500) {
                            mismatches.add(where);
                        } else if (roles == null) {
                            if (status == 401 || status == 403) {
                                mismatches.add(where);
                            }
                        } else if (who == null) {
                            if (status != 401) {
                                mismatches.add(where);
                            }
                        } else if (!admitted) {
                            if (status != 403) {
                                mismatches.add(where);
                            }
                        } else if (status == 401 || status == 403 && !SCOPE_REFUSALS.contains(method + " " + template
                                + " " + who[0])) {
                            mismatches.add(where);
                        }
                    }
                }
            }
        }
        System.out.printf("access matrix from OpenAPI: %d operations, %d calls, %d mismatches%n", operations, calls,
                mismatches.size());
        mismatches.forEach(m -> System.out.println("  " + m));
        org.junit.jupiter.api.Assertions.assertTrue(operations > 30, "operations found: " + operations);
        assertEquals(List.of(), mismatches);
    }

    /**
     * Operations a listed role may still be refused (403) by the rules of its scope rather than its role; each one
     * says why.
     */
    static final java.util.Set<String> SCOPE_REFUSALS = java.util.Set.of();

    private static java.util.Set<String> declaredRoles(com.fasterxml.jackson.databind.JsonNode security) {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        for (var requirement : security) {
            requirement.elements().forEachRemaining(list -> list.forEach(r -> roles.add(r.asText())));
        }
        return roles;
    }

    /** The pages answer an anonymous browser with a sign-in (never a page of data). */
    @Test
    void pagesNeedASignedInSession() {
        for (String[] page : List.of(new String[] {"intake-service", "/xa/ho-so"},
                new String[] {"intake-service", "/xa/ho-so/" + caseId}, new String[] {"triage-service", "/can-bo/hang-cho"},
                new String[] {"triage-service", "/can-bo/ho-so/" + caseId},
                new String[] {"search-service", "/lanh-dao/tim-kiem"})) {
            var r = given().redirects().follow(false).get(sut.url(page[0]) + page[1]);
            org.junit.jupiter.api.Assertions.assertTrue(r.statusCode() == 401 || r.statusCode() == 302,
                    page[1] + " -> " + r.statusCode());
            org.junit.jupiter.api.Assertions.assertFalse(r.asString().contains(marker), page[1]);
        }
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
