package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liaison pages driven in a real headless Chromium, signed in through the real identity provider (Keycloak's
 * login form, authorization code flow of the {@code web} tenant).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
class LiaisonUiTest {

    private static final String SESSION = "q_session_web_can-bo";

    @TestHTTPResource("/")
    URL site;

    /** The service as the browser sees it: 127.0.0.1, a loopback redirect address Keycloak accepts on any port. */
    String base;

    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = Fixtures.producer(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @BeforeEach
    void base() {
        base = site.toString().replace("://localhost:", "://127.0.0.1:");
    }

    String url(String path) {
        return base.replaceAll("/$", "") + path;
    }

    /** Signs in through Keycloak's login page as the demo user of the role and scope; the browser lands on the queue. */
    private void signIn(ChromeDriver browser, String role, Object scope) {
        Browser.signIn(browser, url("/can-bo/dang-nhap"), role, scope);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/can-bo/hang-cho"));
    }

    /** The browser's page session (cookies of /can-bo) for REST calls made as the signed-in user. */
    private static Map<String, String> session(ChromeDriver browser) {
        Map<String, String> cookies = new LinkedHashMap<>(Browser.cookies(browser));
        cookies.remove("pakn-csrf");
        assertTrue(cookies.containsKey(SESSION), cookies.keySet().toString());
        return cookies;
    }

    @Test
    void liaisonSignsInFiltersQueueCompletesSixClearAndAnswersInTheBrowser() {
        String evil = "<script>document.title='hacked'</script> Xã hỏi về <b>thẩm quyền</b>";
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68).topic("T12")
                .title(evil));
        ChromeDriver browser = Browser.start();
        try {
            // no interstitial page: a visit without a session goes straight to the identity provider's login form
            browser.get(url("/can-bo/hang-cho"));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));

            signIn(browser, Identity.LIAISON, 68);
            assertTrue(browser.getCurrentUrl().endsWith("/can-bo/hang-cho"), browser.getCurrentUrl());
            Browser.navigate(browser, By.cssSelector("a[data-filter='chua-nhan']"),
                    By.cssSelector("a[aria-current=page][data-filter='chua-nhan']"));
            WebElement row = browser.findElement(By.cssSelector("tr[data-case='" + c.id + "']"));
            assertTrue(row.getText().contains(evil), "user text is shown as text: " + row.getText());
            assertFalse(browser.getTitle().contains("hacked"));
            Browser.navigate(browser, row.findElement(By.tagName("a")), By.id("trang-thai"));

            assertEquals("ROUTED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertEquals(evil, browser.findElement(By.id("tieu-de")).getText());
            assertTrue(browser.findElement(By.id("thieu")).getText().contains("Còn thiếu 2 mục"));
            assertTrue(browser.findElement(By.id("dem-nguoc")).getText().startsWith("Còn "));
            Browser.navigate(browser, By.id("nut-nhan"), By.id("thong-bao"));
            assertEquals("Đã nhận xử lý hồ sơ.", browser.findElement(By.id("thong-bao")).getText());
            assertEquals("CLAIMED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));

            // answering while 6 rõ is incomplete is refused with the reason
            browser.findElement(By.id("answer")).sendKeys("Trả lời sớm");
            Browser.navigate(browser, By.id("nut-tra-loi"), By.id("loi"));
            assertTrue(browser.findElement(By.id("loi")).getText().contains("Rõ việc"),
                    browser.findElement(By.id("loi")).getText());

            browser.findElement(By.id("task")).sendKeys("Hướng dẫn thẩm quyền ký văn bản");
            browser.findElement(By.id("deliverable")).sendKeys("Công văn trả lời");
            Browser.navigate(browser, By.id("nut-phan-cong"), By.id("thong-bao"));
            assertEquals("Đã cập nhật phân công.", browser.findElement(By.id("thong-bao")).getText());
            assertTrue(browser.findElements(By.id("thieu")).isEmpty(), "6 rõ complete");

            browser.findElement(By.id("answer")).sendKeys("Chủ tịch UBND xã ký theo Điều 22 Luật 2025.");
            Browser.navigate(browser, By.id("nut-tra-loi"), By.id("thong-bao"));
            assertEquals("Đã gửi trả lời.", browser.findElement(By.id("thong-bao")).getText());
            assertEquals("ANSWERED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertTrue(browser.findElement(By.id("dien-bien")).getText().contains("Đã trả lời"));

            browser.get(url("/can-bo/hang-cho?loc=da-tra-loi"));
            assertFalse(browser.findElements(By.cssSelector("tr[data-case='" + c.id + "']")).isEmpty());
        } finally {
            browser.quit();
        }
        Fixtures.caseOf(c.id).then().body("status", equalTo("ANSWERED"))
                .body("answer.text", equalTo("Chủ tịch UBND xã ký theo Điều 22 Luật 2025."))
                .body("answer.answeredById", equalTo("liaison-68"));
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefusedAndTheSessionIsNotAnApiCredential() {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68));
        ChromeDriver browser = Browser.start();
        try {
            signIn(browser, Identity.LIAISON, 68);
            Map<String, String> liaison = session(browser);
            // the browser keeps the session to the pages: Path=/can-bo, HttpOnly, SameSite=Lax
            List<Cookie> sessionCookies = browser.manage().getCookies().stream()
                    .filter(k -> k.getName().startsWith("q_session")).toList();
            assertFalse(sessionCookies.isEmpty());
            assertTrue(sessionCookies.stream().allMatch(k -> "/can-bo".equals(k.getPath()) && k.isHttpOnly()
                    && "Lax".equalsIgnoreCase(k.getSameSite())), sessionCookies.toString());
            // the JSON API does not take the page session (bearer tokens only)
            given().cookies(liaison).get(url("/api/v1/cases/" + c.id)).then().statusCode(401);
            given().cookies(liaison).get(url("/api/v1/queue")).then().statusCode(401);
            // a cross-site form post carries the session but cannot know the CSRF token
            given().cookies(liaison).contentType("application/x-www-form-urlencoded")
                    .formParam("x", "y").redirects().follow(false)
                    .post(url("/can-bo/ho-so/" + c.id + "/nhan")).then().statusCode(400);
            Fixtures.caseOf(c.id).then().body("status", equalTo("ROUTED"));
            // with the token of the page it works
            var page = given().cookies(liaison).get(url("/can-bo/ho-so/" + c.id));
            page.then().statusCode(200);
            String csrf = page.getCookie("pakn-csrf");
            given().cookies(liaison).cookie("pakn-csrf", csrf).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", csrf).redirects().follow(false)
                    .post(url("/can-bo/ho-so/" + c.id + "/nhan")).then().statusCode(303);
            Fixtures.caseOf(c.id).then().body("status", equalTo("CLAIMED"));
            // another province's case page is not found
            signIn(browser, Identity.LIAISON, 1);
            given().cookies(session(browser)).get(url("/can-bo/ho-so/" + c.id)).then().statusCode(404);
        } finally {
            browser.quit();
        }
    }

    @Test
    void signInIsTheCodeFlowWithPkceAndSignOutEndsTheSession() {
        // sign-in is the authorization code flow with PKCE at the identity provider
        String login = given().redirects().follow(false).get(url("/can-bo/dang-nhap")).then().statusCode(302)
                .extract().header("Location");
        assertTrue(login.contains("/realms/pakn/protocol/openid-connect/auth") && login.contains("client_id=pakn-web")
                && login.contains("response_type=code") && login.contains("code_challenge_method=S256"), login);
        // every page sends an anonymous visit straight to the identity provider (no "Cần đăng nhập" page between)
        for (String page : List.of("/can-bo", "/can-bo/hang-cho", "/can-bo/ho-so/x")) {
            String to = given().redirects().follow(false).get(url(page)).then().statusCode(302).extract()
                    .header("Location");
            assertTrue(to.contains("/realms/pakn/protocol/openid-connect/auth"), page + " → " + to);
        }
        // a forged session cookie is no session
        given().redirects().follow(false).cookie(SESSION, "forged-session-value").get(url("/can-bo/hang-cho")).then()
                .statusCode(not(200));

        ChromeDriver browser = Browser.start();
        try {
            signIn(browser, Identity.LIAISON, 68);
            Map<String, String> before = session(browser);
            given().cookies(before).redirects().follow(false).get(url("/can-bo/hang-cho")).then().statusCode(200);
            // signing out ends the session: the pages ask to sign in again
            Browser.navigate(browser, By.linkText("Đăng xuất"), By.id("tieu-de"));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.urlContains("/can-bo/da-dang-xuat"));
            assertTrue(browser.getPageSource().contains("Đã đăng xuất"), browser.getPageSource());
            assertTrue(browser.manage().getCookies().stream().noneMatch(k -> k.getName().equals(SESSION)),
                    browser.manage().getCookies().toString());
            // and the provider's session too: signing in again asks for the password
            browser.get(url("/can-bo/dang-nhap"));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        } finally {
            browser.quit();
        }
    }

    @Test
    void eachRoleGetsWhatThePagesAllowIt() {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68));
        ChromeDriver browser = Browser.start();
        try {
            // a commune official signs in but the liaison pages are not for it: the "no permission" page (403)
            Browser.signIn(browser, url("/can-bo/dang-nhap"), Identity.COMMUNE_OFFICIAL, 68007);
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("loi")));
            assertEquals("Tài khoản không có quyền dùng trang cán bộ.", browser.findElement(By.id("loi")).getText());
            Map<String, String> commune = session(browser);
            for (String page : List.of("/can-bo/dang-nhap", "/can-bo/hang-cho", "/can-bo/ho-so/" + c.id)) {
                given().cookies(commune).redirects().follow(false).get(url(page)).then().statusCode(403)
                        .body(containsString("Tài khoản không có quyền dùng trang cán bộ."));
            }
            given().cookies(commune).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("x", "y").post(url("/can-bo/ho-so/" + c.id + "/nhan")).then()
                    .statusCode(not(equalTo(303)));
            Fixtures.caseOf(c.id).then().body("status", equalTo("ROUTED"));

            // a leader reads every case but acts on none
            signIn(browser, Identity.LEADER, null);
            browser.get(url("/can-bo/ho-so/" + c.id));
            assertEquals("ROUTED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertTrue(browser.findElements(By.id("thao-tac")).isEmpty(), "a leader has no action forms");
            Map<String, String> leader = session(browser);
            var page = given().cookies(leader).get(url("/can-bo/ho-so/" + c.id));
            String csrf = page.getCookie("pakn-csrf");
            given().cookies(leader).cookie("pakn-csrf", csrf).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", csrf).redirects().follow(false)
                    .post(url("/can-bo/ho-so/" + c.id + "/nhan")).then().statusCode(403)
                    .body(containsString("Lãnh đạo Bộ chỉ xem hồ sơ."));
            Fixtures.caseOf(c.id).then().body("status", equalTo("ROUTED"));

            // a department head uses the pages (its queue: the cases escalated to its unit)
            signIn(browser, Identity.DEPARTMENT_HEAD, "VU-CQDP");
            assertTrue(browser.findElements(By.id("so-luong")).size() == 1, browser.getPageSource());
            given().cookies(session(browser)).get(url("/can-bo/ho-so/" + c.id)).then().statusCode(404);

            // an admin sees and acts on every case
            signIn(browser, Identity.ADMIN, null);
            browser.get(url("/can-bo/ho-so/" + c.id));
            Browser.navigate(browser, By.id("nut-nhan"), By.id("thong-bao"));
            assertEquals("Đã nhận xử lý hồ sơ.", browser.findElement(By.id("thong-bao")).getText());
            Fixtures.caseOf(c.id).then().body("status", equalTo("CLAIMED"));
            Set<String> names = Browser.cookies(browser).keySet();
            assertTrue(names.contains(SESSION), names.toString());
        } finally {
            browser.quit();
        }
    }
}
