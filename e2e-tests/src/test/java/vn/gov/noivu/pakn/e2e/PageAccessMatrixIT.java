package vn.gov.noivu.pakn.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.gov.noivu.pakn.testsupport.Browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages' side of the role matrix, with real sessions: every kind of user signs in to each service's pages on
 * Keycloak's login form (authorization code flow), then every page (GET) the service's OpenAPI document lists is
 * requested with that session. A role the pages serve gets the page (or 404 for a case outside its scope: the
 * commune of another case, the liaison of another province); any other role gets the 403 page; without a session,
 * no page answers 200.
 */
class PageAccessMatrixIT {

    static SystemUnderTest sut;
    static ChromeDriver chrome;
    static String caseId;
    static String issueId;

    static final Map<String, Set<String>> SERVED = Map.of(
            "/xa", Set.of("commune-official"),
            "/can-bo", Set.of("liaison", "department-head", "leader", "admin"),
            "/lanh-dao", Set.of("leader", "admin", "liaison", "department-head"));
    static final Map<String, String> SERVICE = Map.of("/xa", "intake-service", "/can-bo", "triage-service",
            "/lanh-dao", "search-service");
    static final Map<String, String[]> USERS = new LinkedHashMap<>();

    static {
        USERS.put("commune-4", new String[] {"commune-official", "4"});
        USERS.put("commune-8", new String[] {"commune-official", "8"});
        USERS.put("liaison-1", new String[] {"liaison", "1"});
        USERS.put("liaison-79", new String[] {"liaison", "79"});
        USERS.put("head-vu-cqdp", new String[] {"department-head", "VU-CQDP"});
        USERS.put("leader", new String[] {"leader", null});
        USERS.put("admin", new String[] {"admin", null});
    }

    /** Pages a signed-in user of a served role may still not see: a case outside the user's scope (404). */
    static final Set<String> OUT_OF_SCOPE = Set.of(
            "/xa/ho-so/{id} commune-8", "/can-bo/ho-so/{id} liaison-79", "/can-bo/ho-so/{id} head-vu-cqdp",
            "/lanh-dao/ho-so/{id} liaison-79", "/lanh-dao/van-de-lap-lai/{id} liaison-79");

    @BeforeAll
    static void up() {
        sut = SystemUnderTest.get();
        chrome = Browser.start();
        String title = "Ma trận quyền trang " + UUID.randomUUID().toString().substring(0, 6);
        caseId = given().auth().oauth2(sut.token("commune-official", 4)).contentType(ContentType.JSON)
                .body(Map.of("commune", 4, "topic", "T02", "kind", "DIFFICULTY",
                        "title", title,
                        "description", "Kiểm thử ma trận quyền truy cập trang " + title + "; " + title + ".",
                        "contact", Map.of("name", "Trần Văn Hùng")))
                .post(sut.url("intake-service") + "/api/v1/cases").then().statusCode(201).extract().path("id");
        Poll.until("routed", Duration.ofSeconds(60),
                () -> given().auth().oauth2(sut.token("liaison", 1))
                        .get(sut.url("triage-service") + "/api/v1/cases/" + caseId).then().extract().statusCode(),
                status -> status == 200);
        // the leaders' case view reads the search index
        Poll.until("indexed", Duration.ofSeconds(60),
                () -> given().auth().oauth2(sut.token("leader", null)).queryParam("q", "\"" + title + "\"")
                        .get(sut.url("search-service") + "/api/v1/search").then().extract().jsonPath().getInt("total"),
                total -> total == 1);
        // the recurring issue the case was assigned to (its own candidate, or one it joined or was moved to by the
        // periodic repair): the newest issue in the leader's list that lists the case among its members
        issueId = Poll.until("assigned to a recurring issue", Duration.ofSeconds(60), () -> {
            List<Map<String, Object>> groups = given().auth().oauth2(sut.token("leader", null))
                    .queryParam("minSize", 1).queryParam("sort", "newest").queryParam("size", 50)
                    .get(sut.url("search-service") + "/api/v1/recurring-issues").then().statusCode(200)
                    .extract().jsonPath().getList("groups");
            return groups.stream().filter(g -> String.valueOf(g.get("caseIds")).contains(caseId))
                    .map(g -> (String) g.get("groupId")).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }

    @AfterAll
    static void down() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void everyPageAdmitsExactlyTheRolesItServes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int pages = 0;
        int calls = 0;
        for (String prefix : List.of("/xa", "/can-bo", "/lanh-dao")) {
            String base = sut.url(SERVICE.get(prefix));
            JsonNode api = json.readTree(given().get(base + "/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
            List<String> paths = new ArrayList<>();
            for (Map.Entry<String, JsonNode> p : api.path("paths").properties()) {
                String path = p.getKey();
                if ((path.equals(prefix) || path.startsWith(prefix + "/")) && p.getValue().has("get")
                        && !path.matches(".*/(dang-nhap|dang-xuat|da-dang-xuat)$")) {
                    paths.add(path);
                }
            }
            pages += paths.size();
            assertTrue(!paths.isEmpty(), "pages of " + prefix + " in the OpenAPI document");
            // without a session
            for (String path : paths) {
                Response r = given().redirects().follow(false).get(base + url(path));
                calls++;
                if (r.statusCode() == 200) {
                    mismatches.add("GET " + path + " without a session: 200");
                }
            }
            for (Map.Entry<String, String[]> user : USERS.entrySet()) {
                String[] who = user.getValue();
                Browser.signIn(chrome, base + prefix + "/dang-nhap", sut.user(who[0], who[1]));
                Map<String, String> session = Browser.cookies(chrome);
                boolean served = SERVED.get(prefix).contains(who[0]);
                for (String path : paths) {
                    Response r = given().redirects().follow(false).cookies(session).get(base + url(path));
                    calls++;
                    int status = r.statusCode();
                    String where = "GET " + path + " as " + user.getKey() + ": " + status;
                    boolean redirectWithin = status / 100 == 3
                            && String.valueOf(r.header("Location")).contains(prefix + "/");
                    if (status >= 500 || status == 401) {
                        mismatches.add(where);
                    } else if (!served) {
                        if (status != 403 && !redirectWithin) {
                            mismatches.add(where + " (role not served)");
                        }
                    } else if (OUT_OF_SCOPE.contains(path + " " + user.getKey())) {
                        if (status != 404) {
                            mismatches.add(where + " (outside the user's scope)");
                        }
                    } else if (status == 403 || status == 404 && path.contains("{id}") && !path.contains("{attachmentId}")) {
                        mismatches.add(where);
                    }
                }
            }
        }
        System.out.printf("page access matrix: %d pages, %d calls, %d mismatches%n", pages, calls, mismatches.size());
        mismatches.forEach(m -> System.out.println("  " + m));
        assertEquals(List.of(), mismatches);
    }

    private static String url(String template) {
        return template.replace("{id}", template.contains("/van-de-lap-lai/") ? issueId : caseId).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }
}
