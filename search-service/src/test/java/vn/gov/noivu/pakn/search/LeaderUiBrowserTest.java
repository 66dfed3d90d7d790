package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The leaders' Vietnamese pages in a real headless Chromium, signed in through the real Keycloak's login page. */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderUiBrowserTest {

    @TestHTTPResource("/")
    URL base;

    /** The service as the browser sees it: 127.0.0.1, a loopback redirect address Keycloak accepts on any port. */
    String site() {
        return base.toString().replace("://localhost:", "://127.0.0.1:").replaceAll("/$", "");
    }

    ChromeDriver chrome;
    final String marker = "ui" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    TestEvents.Submission procedure;
    TestEvents.Submission hostile;
    TestEvents.Submission other;

    @BeforeAll
    void setUp() {
        Instant now = Instant.now();
        procedure = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(0), "T08", "Thủ tục đăng ký khai tử còn vướng",
                "Công chức chưa rõ thủ tục. " + marker).at(now.minus(Duration.ofDays(3)));
        hostile = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(1), "T08",
                "<script>window.pwned=1</script> thủ tục <img src=x onerror=window.pwned=2>",
                "Thử chèn mã. " + marker).at(now.minus(Duration.ofDays(2)));
        other = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(1), "T10", "Con dấu của phường chưa có",
                "Chưa có con dấu. " + marker).at(now.minus(Duration.ofDays(1)));
        for (TestEvents.Submission s : List.of(procedure, hostile, other)) {
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        TestEvents.publish(TestEvents.triage(CaseEventType.SLA_OVERDUE, other, 1, CaseStatus.CLAIMED, SlaState.OVERDUE,
                1, 0, null));
        chrome = Browser.start();
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    private boolean indexed;

    /** Waits once until the cases of @BeforeAll are searchable (REST Assured is configured only per test). */
    @org.junit.jupiter.api.BeforeEach
    void ready() {
        if (!indexed) {
            TestEvents.await("indexed", Duration.ofSeconds(60), () -> given().auth().oauth2(TestTokens.leader())
                    .queryParam("q", marker).queryParam("overdue", true).get("/api/v1/search").then().extract().jsonPath()
                    .getInt("total") == 1
                    && given().auth().oauth2(TestTokens.leader()).queryParam("q", marker).get("/api/v1/search").then()
                    .extract().jsonPath().getInt("total") == 3);
            indexed = true;
        }
    }

    @AfterAll
    void tearDown() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    String url(String path) {
        return site() + path;
    }

    /** Signs in through Keycloak's login page as the demo user of the role and scope; lands where the pages send it. */
    private void signIn(String role, Object scope) {
        Browser.signIn(chrome, url("/lanh-dao/dang-nhap"), role, scope);
        // past the sign-in callback (same path with state and code) to the page itself
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/lanh-dao/tim-kiem")
                && !d.getCurrentUrl().contains("code="));
    }

    @Test
    void leaderSearchesWithoutDiacriticsSeesHighlightsFacetsAndEscapedText() {
        Browser.signOutEverywhere(chrome);
        chrome.get(url("/lanh-dao/dang-xuat"));
        assertTrue(chrome.findElement(By.id("message")).getText().contains("Đã đăng xuất"));
        // no "please sign in" page: a page asked for without a session opens the identity provider's login form
        chrome.get(url("/lanh-dao/tim-kiem"));
        assertTrue(chrome.findElement(By.id("username")).isDisplayed(), chrome.getCurrentUrl());
        assertTrue(chrome.getCurrentUrl().contains("/realms/pakn/"), chrome.getCurrentUrl());

        signIn(Identity.LEADER, null);
        assertTrue(chrome.getCurrentUrl().endsWith("/lanh-dao/tim-kiem"), chrome.getCurrentUrl());
        WebElement q = chrome.findElement(By.id("q"));
        q.sendKeys("thu tuc +" + marker); // +marker: only this class's cases; other words are ranked partial matching
        Browser.navigate(chrome, By.id("search-button"), By.id("total"));

        assertEquals("2", chrome.findElement(By.cssSelector("#total b")).getText());
        List<WebElement> cases = chrome.findElements(By.cssSelector("article.case"));
        assertEquals(2, cases.size());
        WebElement first = chrome.findElement(By.cssSelector("article.case[data-case-id='" + procedure.caseId() + "'] h2"));
        List<String> hits = first.findElements(By.tagName("mark")).stream().map(WebElement::getText).toList();
        assertTrue(hits.contains("Thủ") && hits.contains("tục") || hits.contains("Thủ tục"), hits.toString());
        // the hostile title is shown as text, nothing ran
        WebElement bad = chrome.findElement(By.cssSelector("article.case[data-case-id='" + hostile.caseId() + "'] h2"));
        assertTrue(bad.getText().contains("<script>window.pwned=1</script>"), bad.getText());
        assertEquals(0, bad.findElements(By.tagName("script")).size());
        assertEquals(0, bad.findElements(By.tagName("img")).size());
        assertEquals(null, chrome.executeScript("return window.pwned === undefined ? null : window.pwned;"));

        // facet: narrow to Cao Bằng (province 4)
        Browser.navigate(chrome, By.xpath("//section[@id='facets']//a[contains(., 'Tỉnh Cao Bằng')]"), By.id("total"));
        assertEquals("1", chrome.findElement(By.cssSelector("#total b")).getText());
        assertEquals(1, chrome.findElements(By.cssSelector("a.active-filter")).size());
        // remove the filter again
        Browser.navigate(chrome, By.cssSelector("a.active-filter"), By.id("total"));
        assertEquals("2", chrome.findElement(By.cssSelector("#total b")).getText());
        String csv = chrome.findElement(By.id("csv")).getAttribute("href");
        assertTrue(csv.contains("/lanh-dao/tim-kiem.csv?") && csv.contains(marker), csv);

        // the CSV link downloads the same result set with the page's session (the session cookie is sent to
        // /lanh-dao only), and to nobody without one
        Map<String, String> session = Browser.cookies(chrome);
        // the href is already encoded (the browser's own URL): sent as it is
        String body = given().urlEncodingEnabled(false).cookies(session).get(csv).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        assertTrue(body.contains(procedure.title()) && body.contains("<script>window.pwned=1</script>"), body);
        assertFalse(body.contains("Con dấu của phường"), body);
        assertEquals(3, body.lines().count(), body); // header and two cases
        // without a session the export is not served: the browser is sent straight to Keycloak's sign-in
        given().urlEncodingEnabled(false).redirects().follow(false).get(csv).then().statusCode(302)
                .header("Location", containsString("/protocol/openid-connect/auth"));
    }

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.query.SearchService service;

    /**
     * Beyond the exactly counted cases (here 1, so that the test index is "large"), the landing page says about how
     * many cases there are and marks the facet counts as estimates; on a desktop and on a phone.
     */
    @Test
    void beyondTheCountBoundTheLandingPageShowsAboutHowManyAndEstimatedFacetCounts() {
        var before = service.limits(new vn.gov.noivu.pakn.search.query.SearchService.Limits(1, 1, 1_000_000));
        try {
            signIn(Identity.LEADER, null);
            for (Browser.Size size : List.of(Browser.Size.DESKTOP, Browser.Size.PHONE)) {
                Browser.resize(chrome, size);
                chrome.get(url("/lanh-dao/tim-kiem?sort=newest"));
                String total = chrome.findElement(By.id("total")).getText();
                int shown = chrome.findElements(By.cssSelector("article.case")).size();
                // "khoảng N" from the sample; "hơn 1" when the sample (probability 0.5) drew none of the few cases
                assertTrue(total.matches("Tìm thấy (khoảng|hơn) [0-9.]+ hồ sơ, đang xem 1–" + shown + "\\."), total);
                List<WebElement> statuses = chrome.findElements(By.cssSelector("#facet-status a.facet"));
                if (total.contains("khoảng")) {
                    assertFalse(statuses.isEmpty(), "the sample's cases have statuses");
                    assertTrue(chrome.findElement(By.id("facets-approximate")).getText()
                            .startsWith("Số có dấu ~ là ước tính"));
                }
                for (WebElement a : statuses) {
                    assertTrue(a.getText().matches(".+ \\(~[0-9.]+\\)"), a.getText());
                }
                // how many pages is not known: the page number alone, and a next page when this one is full
                assertEquals("Trang 1", chrome.findElement(By.id("page-of")).getText());
                assertEquals(shown == 20, !chrome.findElements(By.id("next")).isEmpty());
                Browser.check(chrome, "search-approximate");
                long width = (Long) chrome.executeScript("return document.documentElement.scrollWidth;");
                assertTrue(width <= size.width, "no sideways scrolling: " + width);
            }
        } finally {
            Browser.resize(chrome, Browser.Size.DESKTOP);
            service.limits(before);
        }
    }

    @Test
    void recurringIssuesAndTrendsPages() {
        signIn(Identity.ADMIN, null);
        chrome.get(url("/lanh-dao/van-de-lap-lai"));
        assertTrue(chrome.findElement(By.tagName("h1")).getText().contains("Vấn đề lặp lại"));
        assertTrue(chrome.findElement(By.id("summary")).getText().contains("nhóm"));

        chrome.get(url("/lanh-dao/xu-huong"));
        assertTrue(Integer.parseInt(chrome.findElement(By.id("sla-overdue")).getText()) >= 1);
        assertTrue(Integer.parseInt(chrome.findElement(By.id("sla-total")).getText()) >= 3);
        List<WebElement> bars = chrome.findElements(By.cssSelector("#chart-overall rect.bar"));
        assertTrue(bars.size() >= 12, "one bar per week: " + bars.size());
        assertFalse(chrome.findElements(By.cssSelector("#by-topic tr")).isEmpty());
    }

    /**
     * A problem raised by 16 communes: on a phone the issue page shows the first 12 communes and folds the rest
     * under "Xem thêm", so the member cases and the answer are not pushed pages down.
     */
    @Test
    void aBigIssuePageFoldsItsLongCommuneListOnAPhone() {
        Instant start = java.time.LocalDate.of(2013, 1, 1).atStartOfDay(java.time.ZoneOffset.ofHours(7)).toInstant()
                .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(0, 300)));
        List<String> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            LabelledCorpus.Commune commune = i < LabelledCorpus.COMMUNES.size() ? LabelledCorpus.COMMUNES.get(i)
                    : new LabelledCorpus.Commune(26_700 + i, "Xã Tân Lập " + i, 1, "Thành phố Hà Nội");
            TestEvents.Submission s = TestEvents.Submission.of(commune, "T09",
                    "Chưa có hướng dẫn chi trả phụ cấp cho người hoạt động không chuyên trách ở thôn sau sắp xếp",
                    "Xã đề nghị Bộ hướng dẫn mức chi trả phụ cấp hằng tháng cho người hoạt động không chuyên trách ở "
                            + "thôn, tổ dân phố sau khi sắp xếp đơn vị hành chính cấp xã.")
                    .at(start.plus(Duration.ofHours(i)));
            mine.add(s.caseId());
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        String from = start.atZone(java.time.ZoneOffset.ofHours(7)).toLocalDate().minusDays(1).toString();
        String to = start.atZone(java.time.ZoneOffset.ofHours(7)).toLocalDate().plusDays(2).toString();
        // the 16 cases, sent within milliseconds, make ONE issue: the first cases of a new problem used to be
        // vectorised before any case of it was searchable and each started an issue of its own (14 + 1 + 1)
        String[] issue = new String[1];
        int[] communesOfIssue = new int[1];
        boolean[] allInIt = new boolean[1];
        TestEvents.await("the 16 cases in issues", Duration.ofSeconds(120), () -> {
            List<Map<String, Object>> groups = given().auth().oauth2(TestTokens.leader()).queryParam("from", from)
                    .queryParam("to", to).queryParam("minSize", 1).queryParam("size", 100)
                    .get("/api/v1/recurring-issues").then().statusCode(200).extract().jsonPath().getList("groups");
            java.util.Set<Object> assigned = new java.util.HashSet<>();
            groups.forEach(g -> assigned.addAll((List<?>) g.get("caseIds")));
            if (!assigned.containsAll(mine)) {
                return false;
            }
            Map<String, Object> biggest = groups.stream().max(java.util.Comparator.comparingInt(
                    g -> ((List<?>) g.get("caseIds")).size())).orElseThrow();
            issue[0] = (String) biggest.get("groupId");
            communesOfIssue[0] = (Integer) biggest.get("communeCount");
            allInIt[0] = ((List<?>) biggest.get("caseIds")).containsAll(mine);
            // which of the cases (in the order sent) did not join the biggest issue, for whoever reads the log
            System.out.println("issues of the window: " + groups.stream().map(g -> g.get("groupId") + " "
                    + ((List<?>) g.get("caseIds")).stream().map(mine::indexOf).toList()).toList());
            return true;
        });
        assertTrue(allInIt[0], "the 16 cases of one problem in one issue (see 'issues of the window' above)");
        assertEquals(16, communesOfIssue[0], "communes of the issue");

        signIn(Identity.LEADER, null);
        Browser.resize(chrome, Browser.Size.PHONE);
        try {
            chrome.get(url("/lanh-dao/van-de-lap-lai/" + issue[0]));
            WebElement communes = chrome.findElement(By.id("communes"));
            assertEquals(12, communes.findElements(By.cssSelector(":scope > p .chip")).size());
            WebElement more = communes.findElement(By.cssSelector("details.more"));
            assertEquals("Xem thêm " + (communesOfIssue[0] - 12) + " xã, phường, đặc khu",
                    more.findElement(By.tagName("summary")).getText());
            assertFalse(more.findElement(By.cssSelector(".chip")).isDisplayed(), "folded until asked for");
            Browser.check(chrome, "issue-many-communes");
            more.findElement(By.tagName("summary")).click();
            assertTrue(more.findElement(By.cssSelector(".chip")).isDisplayed());
            assertEquals(communesOfIssue[0], communes.findElements(By.cssSelector(".chip")).size());
            long width = (Long) chrome.executeScript("return document.documentElement.scrollWidth;");
            assertTrue(width <= Browser.Size.PHONE.width, "no sideways scrolling on a phone: " + width);
        } finally {
            Browser.resize(chrome, Browser.Size.DESKTOP);
        }
    }

    @Test
    void liaisonSeesOnlyOwnProvinceAndCommuneCannotSignIn() {
        signIn(Identity.LIAISON, 1);
        chrome.get(url("/lanh-dao/tim-kiem?q=" + marker));
        assertEquals("1", chrome.findElement(By.cssSelector("#total b")).getText());
        assertEquals(1, chrome.findElements(By.cssSelector("article.case[data-case-id='" + procedure.caseId() + "']")).size());
        // the page's CSV keeps the liaison's scope
        String csv = given().cookies(Browser.cookies(chrome)).get(url("/lanh-dao/tim-kiem.csv?q=" + marker)).then()
                .statusCode(200).extract().asString();
        assertTrue(csv.contains(procedure.title()), csv);
        assertEquals(2, csv.lines().count(), csv);

        // a commune official signs in at the identity provider but gets the "no permission" page (403)
        signIn(Identity.COMMUNE_OFFICIAL, 4);
        assertTrue(chrome.findElement(By.id("heading")).getText().contains("Không có quyền"), chrome.getPageSource());
        assertTrue(chrome.findElement(By.id("message")).getText().contains("dành cho lãnh đạo"));
        Map<String, String> commune = Browser.cookies(chrome);
        given().cookies(commune).redirects().follow(false).get(url("/lanh-dao/tim-kiem")).then().statusCode(403)
                .contentType(containsString("text/html"));
        given().cookies(commune).redirects().follow(false).get(url("/lanh-dao/tim-kiem.csv?q=" + marker)).then()
                .statusCode(403);
        // it may sign out from that page
        Browser.navigate(chrome, By.id("dang-xuat"), By.id("message"));
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/lanh-dao/da-dang-xuat"));
    }

    @Test
    void signInIsTheCodeFlowAndTheSessionStaysOnThePages() {
        Browser.signOutEverywhere(chrome);
        // sign-in is the authorization code flow with PKCE at the identity provider
        String login = given().redirects().follow(false).get(url("/lanh-dao/dang-nhap")).then().statusCode(302)
                .extract().header("Location");
        assertTrue(login.contains("/realms/pakn/protocol/openid-connect/auth") && login.contains("client_id=pakn-web")
                && login.contains("code_challenge_method=S256") && login.contains("response_type=code"), login);
        // a forged session cookie is no session
        given().redirects().follow(false).cookie("q_session_web_lanh-dao", "forged-session-value")
                .get(url("/lanh-dao/tim-kiem")).then().statusCode(not(200));

        signIn(Identity.LEADER, null);
        assertTrue(chrome.findElement(By.id("total")).isDisplayed());
        Map<String, String> session = Browser.cookies(chrome);
        given().cookies(session).get(url("/lanh-dao/tim-kiem?q=" + marker)).then().statusCode(200)
                .body(containsString(procedure.caseId()));
        // the page session does not open the API (bearer tokens only), and the browser keeps it to /lanh-dao
        given().cookies(session).queryParam("q", marker).get(url("/api/v1/search")).then().statusCode(401);
        given().cookies(session).queryParam("q", marker).get(url("/api/v1/search.csv")).then().statusCode(401);
        var sessionCookies = chrome.manage().getCookies().stream().filter(c -> c.getName().startsWith("q_session"))
                .toList();
        assertFalse(sessionCookies.isEmpty(), chrome.manage().getCookies().toString());
        assertTrue(sessionCookies.stream().allMatch(c -> "/lanh-dao".equals(c.getPath()) && c.isHttpOnly()),
                sessionCookies.toString());
        assertTrue(sessionCookies.stream().anyMatch(c -> c.getName().equals("q_session_web_lanh-dao")),
                sessionCookies.toString());

        // signing out ends the session: the pages ask to sign in again
        chrome.get(url("/lanh-dao/xu-huong"));
        Browser.navigate(chrome, By.linkText("Đăng xuất"), By.id("message"));
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/lanh-dao/da-dang-xuat"));
        assertTrue(chrome.findElement(By.id("message")).getText().contains("Đã đăng xuất"));
        String again = given().redirects().follow(false).get(url("/lanh-dao/xu-huong")).then().statusCode(302)
                .extract().header("Location");
        assertTrue(again.contains("/realms/pakn/protocol/openid-connect/auth"), again);
        // signing in from a page the user asked for comes back to that page
        Browser.signIn(chrome, url("/lanh-dao/xu-huong?interval=month"), Identity.LEADER, null);
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/lanh-dao/xu-huong"));
        assertTrue(chrome.getCurrentUrl().endsWith("/lanh-dao/xu-huong?interval=month"), chrome.getCurrentUrl());
    }
}
