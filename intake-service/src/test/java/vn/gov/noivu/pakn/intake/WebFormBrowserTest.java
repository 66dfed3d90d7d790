package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.NGOC_HA;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;

/** The Vietnamese pages in a real headless Chromium. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SearchServiceStub.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
class WebFormBrowserTest {

    static ChromeDriver chrome;

    @TestHTTPResource("/")
    URL url;

    /** The service as the browser sees it: 127.0.0.1, a loopback redirect address Keycloak accepts on any port. */
    String base;

    @org.junit.jupiter.api.BeforeEach
    void site() {
        base = url.toString().replace("://localhost:", "://127.0.0.1:");
    }

    @BeforeAll
    static void startBrowser() {
        chrome = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    /** Signs in through Keycloak's login page as the demo official of the commune, and lands on the case list. */
    private void signIn(int commune) {
        Browser.signIn(chrome, base + "xa/ho-so", Identity.COMMUNE_OFFICIAL, commune);
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/xa/ho-so"));
    }

    @Test
    void newCaseFormKeepsVietnameseDiacriticsEndToEnd() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String title = "Đề nghị hướng dẫn xếp lương công chức cấp xã sau sắp xếp – ưu tiên <b>gấp</b> " + marker;
        String description = "Xã Ba Đình (Hà Nội) đề nghị Bộ Nội vụ hướng dẫn:\n1. Chuyển xếp ngạch, bậc lương;\n"
                + "2. Chế độ phụ cấp trách nhiệm của công chức được điều động. Ghi chú: ỹ, ữ, ặ, ẩ, Ử, Ỗ.";
        SearchServiceStub.down = true;
        signIn(BA_DINH);
        Browser.navigate(chrome, By.id("new-case"), By.id("topic"));
        new Select(chrome.findElement(By.id("topic"))).selectByValue("T09");
        new Select(chrome.findElement(By.id("kind"))).selectByValue("PROPOSAL");
        new Select(chrome.findElement(By.id("urgency"))).selectByValue("URGENT");
        chrome.findElement(By.id("title")).sendKeys(title);
        chrome.findElement(By.id("description")).sendKeys(description);
        chrome.findElement(By.id("contactName")).sendKeys("Phạm Thị Thuỳ Dương");
        chrome.findElement(By.id("contactPhone")).sendKeys("024 3823 4567");

        // similar cases first: search-service is down, the form still works and keeps what was typed
        assertTrue(Browser.navigate(chrome, By.id("check"), By.id("similar")).getText().contains("tạm thời không sẵn sàng"));
        assertEquals(title, chrome.findElement(By.id("title")).getAttribute("value"));

        chrome.findElement(By.id("submit")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20))
                .until(ExpectedConditions.urlMatches(".*/xa/ho-so/[0-9a-f-]{36}(\\?thong-bao=da-gui)?$"));
        String path = java.net.URI.create(chrome.getCurrentUrl()).getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertEquals(title, chrome.findElement(By.id("title")).getText(), "escaped, shown as typed");
        assertTrue(chrome.getPageSource().contains("&lt;b&gt;gấp&lt;/b&gt;"), "user text is escaped");
        assertTrue(chrome.findElements(By.cssSelector("#title b")).isEmpty(), "no markup injected");
        assertEquals("Đã gửi", chrome.findElement(By.id("status")).getText());

        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("title", equalTo(title))
                .body("description", equalTo(description))
                .body("contact.name", equalTo("Phạm Thị Thuỳ Dương"))
                .body("topic.code", equalTo("T09"))
                .body("kind.code", equalTo("PROPOSAL"))
                .body("urgency.code", equalTo("URGENT"));

        chrome.get(base + "xa/ho-so");
        assertTrue(chrome.findElement(By.id("cases")).getText().contains(title));
    }

    @Test
    void attachmentsAreUploadedThroughTheFormAndListedOnTheCasePage() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "browser-uploads").toAbsolutePath());
        byte[] pdf = AttachmentTest.pdf(40_000);
        Path pdfFile = dir.resolve("Biên bản họp dân thôn Đông.pdf");
        Files.write(pdfFile, pdf);
        Path textFile = Files.writeString(dir.resolve("ghi-chú.txt"), "Danh sách hộ dân đề nghị hỗ trợ.\n");
        Path fake = Files.writeString(dir.resolve("cong-van.pdf"), "<html><script>alert(1)</script></html>");
        String title = "Đề nghị hỗ trợ kinh phí sửa nhà văn hóa thôn " + UUID.randomUUID().toString().substring(0, 8);
        SearchServiceStub.down = true;
        signIn(BA_DINH);
        chrome.get(base + "xa/ho-so/moi");
        new Select(chrome.findElement(By.id("topic"))).selectByValue("T03");
        chrome.findElement(By.id("title")).sendKeys(title);
        chrome.findElement(By.id("description")).sendKeys("Nhà văn hóa thôn Đông xuống cấp nghiêm trọng, xin xem biên bản kèm theo.");
        chrome.findElement(By.id("contactName")).sendKeys("Trần Thị Mỹ Hạnh");
        assertTrue(chrome.findElement(By.id("files-hint")).getText().contains("Tối đa 5 tệp"));

        // a disguised file: the form comes back with a clear message and what was typed
        chrome.findElement(By.id("files")).sendKeys(fake.toString());
        chrome.findElement(By.id("submit")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("files-error")));
        String errors = chrome.findElement(By.id("files-error")).getText();
        assertTrue(errors.contains("không thuộc loại được phép") && errors.contains("chọn lại tệp"), errors);
        assertEquals(title, chrome.findElement(By.id("title")).getAttribute("value"));

        chrome.findElement(By.id("files")).sendKeys(pdfFile + "\n" + textFile);
        chrome.findElement(By.id("submit")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20))
                .until(ExpectedConditions.urlMatches(".*/xa/ho-so/[0-9a-f-]{36}(\\?thong-bao=da-gui)?$"));
        String path = java.net.URI.create(chrome.getCurrentUrl()).getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String listed = chrome.findElement(By.id("attachments")).getText();
        assertTrue(listed.contains("Biên bản họp dân thôn Đông.pdf"), listed);
        assertTrue(listed.contains("ghi-chú.txt"), listed);
        String href = chrome.findElement(By.linkText("Biên bản họp dân thôn Đông.pdf")).getAttribute("href");
        assertTrue(href.contains("/xa/ho-so/" + id + "/tep/"), href);

        // the link serves the same bytes to the signed-in commune (its session) and to nobody else
        java.util.Map<String, String> baDinh = Browser.cookies(chrome);
        byte[] downloaded = given().cookies(baDinh).get(href).then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertEquals(AttachmentTest.sha256(pdf), AttachmentTest.sha256(downloaded));
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then()
                .body("attachmentCount", equalTo(2));

        // a plain urlencoded post of the form (no files) is still accepted
        given().cookies(baDinh).redirects().follow(false)
                .formParam("action", "submit").formParam("topic", "T03").formParam("kind", "QUESTION")
                .formParam("urgency", "NORMAL").formParam("title", "Gửi không kèm tệp " + UUID.randomUUID())
                .formParam("description", "Nội dung đủ dài để vượt qua kiểm tra độ dài tối thiểu.")
                .formParam("contactName", "Lê Văn Nam").post("/xa/ho-so").then().statusCode(303);
    }

    @Test
    void similarCasesOfferMeTooAndActionsWorkFromTheCasePage() throws Exception {
        String other = IntakeTesting.submitOk(NGOC_HA, "Thiếu trang thiết bị sau sáp nhập " + UUID.randomUUID());
        SearchServiceStub.down = false;
        SearchServiceStub.items = "[{\"caseId\":\"" + other + "\",\"code\":\"PAKN-2026-000001\","
                + "\"title\":\"Thiếu máy tính <i>cho</i> bộ phận một cửa\",\"topicCode\":\"T10\",\"status\":\"ROUTED\","
                + "\"supporters\":2,\"answered\":false,\"score\":3.2,\"issueAnswer\":{\"issueId\":\"ri-mot-cua\","
                + "\"issueLabel\":\"Thiếu trang thiết bị bộ phận một cửa\",\"text\":\"Bộ Nội vụ trả lời chung: Ủy ban "
                + "nhân dân tỉnh bố trí kinh phí mua sắm thiết bị cho bộ phận một cửa.\",\"task\":\"Rà soát thiết bị\","
                + "\"authorityLevel\":\"PROVINCE_PEOPLES_COMMITTEE\",\"responsibleUnitName\":\"Văn phòng Bộ\","
                + "\"dueDate\":\"2030-12-31\",\"publishedAt\":\"2026-12-01T03:00:00Z\"}}]";
        signIn(BA_DINH);
        chrome.get(base + "xa/ho-so/moi");
        chrome.findElement(By.id("title")).sendKeys("Thiếu máy tính cho bộ phận một cửa");
        String similar = Browser.navigate(chrome, By.id("check"), By.id("similar")).getText();
        assertTrue(similar.contains("Thiếu máy tính <i>cho</i> bộ phận một cửa"), similar);
        // the answer the Ministry published for the similar case's recurring issue, before the commune submits
        String published = chrome.findElement(By.cssSelector("#similar .issue-answer")).getText();
        assertTrue(published.contains("Bộ đã công bố trả lời chung cho vấn đề này")
                && published.contains("Thiếu trang thiết bị bộ phận một cửa") && published.contains("01/12/2026")
                && published.contains("bố trí kinh phí mua sắm thiết bị") && published.contains("31/12/2030")
                && published.contains("UBND cấp tỉnh") && published.contains("Văn phòng Bộ"), published);
        Browser.check(chrome, "xa-tuong-tu-tra-loi-chung");
        assertTrue(SearchServiceStub.lastAuthorization.startsWith("Bearer "), "caller's token forwarded");
        chrome.findElement(By.cssSelector("#similar form button")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertTrue(chrome.findElement(By.id("notice")).getText().contains("cùng phản ánh"));
        given().header("Authorization", official(NGOC_HA)).get("/api/v1/cases/" + other).then()
                .body("supportingCommunes", equalTo(java.util.List.of(BA_DINH)));

        // accept an answer from the case page
        String id = IntakeTesting.submitOk(BA_DINH, "Chờ trả lời " + UUID.randomUUID());
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, IntakeTesting.triageEvent(UUID.randomUUID(),
                CaseEventType.ANSWERED, 1, id, CaseStatus.ANSWERED, null, new TriageCaseData.Answer(
                        "Xã thực hiện theo Nghị định 33/2025/NĐ-CP.", null, Instant.now(), null)));
        TriageEventsConsumerTest.await("answered", () -> "ANSWERED".equals(TriageEventsConsumerTest.status(id)));
        chrome.get(base + "xa/ho-so/" + id);
        assertEquals("Xã thực hiện theo Nghị định 33/2025/NĐ-CP.", chrome.findElement(By.id("answer")).getText());
        chrome.findElement(By.cssSelector("#reopen summary")).click(); // folded away: a secondary action
        chrome.findElement(By.id("reopen-reason")).sendKeys("Chưa rõ áp dụng cho công chức hợp đồng.");
        chrome.findElement(By.cssSelector("#reopen-form button")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Xã đề nghị xem xét lại"));
        assertTrue(chrome.findElement(By.id("timeline")).getText().contains("Chưa rõ áp dụng cho công chức hợp đồng."));
        assertTrue(chrome.findElements(By.id("accept-form")).isEmpty(), "no second action while triage has not answered");
    }

    @Test
    void pagesRequireSignInAndNeverShowAnotherCommunesCase() {
        String id = IntakeTesting.submitOk(NGOC_HA, "Hồ sơ của Ngọc Hà " + UUID.randomUUID());
        String own = IntakeTesting.submitOk(BA_DINH, "Hồ sơ của Ba Đình " + UUID.randomUUID());
        Browser.signOutEverywhere(chrome);
        // no interstitial page: a page asked for without a session goes straight to the Vietnamese login page...
        chrome.get(base + "xa/ho-so/" + own);
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertEquals("vi", chrome.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(chrome.getPageSource().contains("Tên đăng nhập") && chrome.getPageSource().contains("Mật khẩu"),
                "Vietnamese login theme");
        assertEquals("Đăng nhập", chrome.findElement(By.id("kc-login")).getText().strip());
        Browser.screenshot(chrome, "xa-keycloak-login");
        // ... and after sign-in lands on the page asked for
        chrome.findElement(By.id("username")).sendKeys(vn.gov.noivu.pakn.testsupport.TestServers.keycloakUser(
                Identity.COMMUNE_OFFICIAL, BA_DINH));
        chrome.findElement(By.id("password")).sendKeys(vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens.PASSWORD);
        chrome.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlMatches(".*/xa/ho-so/" + own + "$"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        // sign-in is the authorization code flow with PKCE at the identity provider
        String login = given().redirects().follow(false).get(base + "xa/ho-so").then().statusCode(302)
                .extract().header("Location");
        assertTrue(login.contains("/realms/pakn/protocol/openid-connect/auth") && login.contains("client_id=pakn-web")
                && login.contains("code_challenge_method=S256") && login.contains("response_type=code"), login);
        // a forged session cookie is no session
        given().redirects().follow(false).cookie("q_session_web_xa", "forged-session-value").get(base + "xa/ho-so").then()
                .statusCode(org.hamcrest.Matchers.not(200));
        chrome.get(base + "xa/ho-so/" + id);
        assertTrue(chrome.getPageSource().contains("Không tìm thấy"));
        assertFalse(chrome.getPageSource().contains("Ngọc Hà"));
        // the page session does not open the API (bearer tokens only), and the browser keeps it to /xa
        given().cookies(Browser.cookies(chrome)).get("/api/v1/cases/" + id).then().statusCode(401);
        assertTrue(chrome.manage().getCookies().stream().filter(c -> c.getName().startsWith("q_session"))
                .allMatch(c -> "/xa".equals(c.getPath()) && c.isHttpOnly()), chrome.manage().getCookies().toString());
        // signing out ends the session: the pages send to the login page again
        chrome.get(base + "xa/ho-so");
        chrome.findElement(By.linkText("Đăng xuất")).click();
        wait.until(ExpectedConditions.urlContains("/xa/da-dang-xuat"));
        chrome.get(base + "xa/ho-so");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        // another role's session is refused by the commune pages
        Browser.signIn(chrome, base + "xa/ho-so", Identity.LEADER, null);
        assertTrue(chrome.getPageSource().contains("Không có quyền"), chrome.getPageSource());
    }
}
