package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.HttpStub;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A liaison's day in the pages, in headless Chromium signed in through the real Keycloak, at desktop (1366×900) and
 * phone (390×844) sizes: the queue (paging, search, topic filter by name, human dates), the case page (the commune's
 * contact, attachments streamed from intake-service with the liaison's own token), claim, the failures (empty answer,
 * an answer refused for missing "6 rõ" keeps its 1,705 characters, "Trả lại" without confirmation), completing the
 * "6 rõ" and answering. Every page is screenshotted to target/screenshots and checked with axe-core.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = IntakeStub.class, restrictToAnnotatedClass = false)
class LiaisonJourneyTest {

    @TestHTTPResource("/")
    URL site;

    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = Fixtures.producer(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    String url(String path) {
        return site.toString().replace("://localhost:", "://127.0.0.1:").replaceAll("/$", "") + path;
    }

    /** A realistic answer: 1,705 characters of Vietnamese with line breaks (the page forms once took about 2 KB). */
    static String longAnswer() {
        String paragraph = "Căn cứ Điều 22 Luật Tổ chức chính quyền địa phương năm 2025, Chủ tịch Ủy ban nhân dân cấp xã "
                + "ký văn bản thuộc thẩm quyền của Ủy ban nhân dân xã; Phó Chủ tịch ký thay khi được phân công.\n";
        StringBuilder b = new StringBuilder();
        while (b.length() + paragraph.length() <= 1705) {
            b.append(paragraph);
        }
        while (b.length() < 1705) {
            b.append('.');
        }
        return b.toString();
    }

    @Test
    void liaisonWorksACaseAtDesktopAndPhoneSizes() throws Exception {
        journey(Browser.Size.DESKTOP, 91);
        journey(Browser.Size.PHONE, 92);
    }

    private void journey(Browser.Size size, int province) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int before = total(province);
        // a full queue: 30 cases of the province, then the one the liaison works on
        for (int i = 0; i < 30; i++) {
            Fixtures.send(producer, new Fixtures.IntakeCase(province).title("Hồ sơ xếp hàng " + i + " " + tag)
                    .submittedAt(Instant.now().minusSeconds(3600 + i)).next(
                            vn.gov.noivu.pakn.events.CaseEventType.SUBMITTED, null));
        }
        String attachmentId = UUID.randomUUID().toString();
        byte[] pdf = ("%PDF-1.4 biên bản họp " + tag).getBytes(StandardCharsets.UTF_8);
        Fixtures.IntakeCase c = new Fixtures.IntakeCase(province).topic("T12")
                .title("Thẩm quyền ký văn bản sau sáp nhập " + tag)
                .description("Xã chưa rõ ai ký văn bản khi Chủ tịch đi vắng.\nĐề nghị Bộ hướng dẫn.")
                .contact("Nguyễn Thị Hoa", "0912 345 678", "hoa.nguyen@xa.gov.vn")
                .attachment(attachmentId, "Biên bản họp.pdf", "application/pdf", pdf.length);
        IntakeStub.put(c.id, attachmentId, new IntakeStub.File("Biên bản họp.pdf", "application/pdf", pdf));
        Fixtures.submitAndRoute(producer, c);
        await(() -> total(province) == before + 31);
        int total = before + 31;

        ChromeDriver browser = Browser.start();
        try {
            Browser.resize(browser, size);
            // the documented entry /can-bo: straight to the (Vietnamese) login page, then the queue
            Browser.signIn(browser, url("/can-bo"), Identity.LIAISON, province);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/can-bo/hang-cho"));
            assertTrue(browser.getCurrentUrl().endsWith("/can-bo/hang-cho"), browser.getCurrentUrl());
            String viewport = browser.findElement(By.cssSelector("meta[name=viewport]")).getAttribute("content");
            assertTrue(viewport.contains("width=device-width"), viewport);
            assertEquals(size.width, ((Number) ((JavascriptExecutor) browser)
                    .executeScript("return window.innerWidth")).intValue(), "no zoomed-out page");
            assertTrue(browser.findElement(By.id("so-luong")).getText().contains("1–25 trong tổng số " + total),
                    browser.findElement(By.id("so-luong")).getText());
            assertEquals(25, browser.findElements(By.cssSelector("#hang-cho tbody tr")).size());
            Browser.check(browser, "can-bo-hang-cho");

            // the 31 cases of this run (search by a word of their titles), two pages
            browser.findElement(By.id("q")).sendKeys(tag);
            Browser.navigate(browser, By.id("nut-tim"), By.id("so-luong"));
            assertTrue(browser.findElement(By.id("so-luong")).getText().contains("1–25 trong tổng số 31"),
                    browser.findElement(By.id("so-luong")).getText());
            Browser.navigate(browser, By.id("trang-sau"), By.id("trang-truoc"));
            assertTrue(browser.findElement(By.id("so-luong")).getText().contains("26–31 trong tổng số 31"));
            assertEquals(6, browser.findElements(By.cssSelector("#hang-cho tbody tr")).size());
            Browser.check(browser, "can-bo-hang-cho-trang-2");

            // search by words of the title, topic by its name; dates are human
            browser.findElement(By.id("q")).clear();
            browser.findElement(By.id("q")).sendKeys("sáp nhập " + tag);
            new Select(browser.findElement(By.id("chuyen-de"))).selectByVisibleText("Khác");
            Browser.navigate(browser, By.id("nut-tim"), By.id("so-luong"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#hang-cho tbody tr"));
            assertEquals(1, rows.size(), browser.findElement(By.id("so-luong")).getText());
            String row = rows.get(0).getText();
            assertTrue(row.contains("Khác") && !row.contains("T12"), row);
            assertTrue(row.matches("(?s).*\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}.*"), row);
            assertTrue(row.contains("Đã phân công"), row);
            Browser.check(browser, "can-bo-hang-cho-tim");

            Browser.navigate(browser, rows.get(0).findElement(By.tagName("a")), By.id("trang-thai"));
            assertEquals("ROUTED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertEquals("Nguyễn Thị Hoa", browser.findElement(By.id("lien-he-ten")).getText());
            assertEquals("tel:0912 345 678", browser.findElement(By.cssSelector("#lien-he-dien-thoai a"))
                    .getAttribute("href").replace("%20", " "));
            assertEquals("hoa.nguyen@xa.gov.vn", browser.findElement(By.id("lien-he-email")).getText());
            WebElement file = browser.findElement(By.cssSelector("li[data-attachment='" + attachmentId + "'] a"));
            assertEquals("Biên bản họp.pdf", file.getText());
            String fileHref = file.getAttribute("href");
            // one primary action: claim; the answer form is not there yet
            assertTrue(browser.findElements(By.id("answer")).isEmpty());
            Browser.check(browser, "can-bo-ho-so-chua-nhan");

            Browser.navigate(browser, By.id("nut-nhan"), By.id("thong-bao"));
            assertEquals("Đã nhận xử lý hồ sơ.", browser.findElement(By.id("thong-bao")).getText());
            assertEquals("status", browser.findElement(By.id("thong-bao")).getAttribute("role"));
            assertEquals("CLAIMED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            // secondary actions are folded away; "6 rõ" is missing, so the assignment is open
            assertFalse(browser.findElement(By.id("tra-lai")).getAttribute("open") != null);
            assertTrue(browser.findElement(By.id("phan-cong")).getAttribute("open") != null);
            Browser.check(browser, "can-bo-ho-so-da-nhan");

            // the attachment, streamed from intake with the liaison's own token
            Map<String, String> cookies = new LinkedHashMap<>(Browser.cookies(browser));
            int callsBefore = IntakeStub.calls().size();
            byte[] got = given().cookies(cookies).get(fileHref).then().statusCode(200)
                    .header("X-Content-Type-Options", "nosniff").contentType(containsString("application/pdf"))
                    .extract().asByteArray();
            assertArrayEquals(pdf, got);
            HttpStub.Request call = IntakeStub.calls().get(callsBefore);
            assertEquals("/api/v1/cases/" + c.id + "/attachments/" + attachmentId, call.path());
            String payload = new String(Base64.getUrlDecoder().decode(call.authorization()
                    .substring("Bearer ".length()).split("\\.")[1]), StandardCharsets.UTF_8);
            assertTrue(payload.contains("\"liaison-" + province + "\"") && payload.contains("\"pakn\""), payload);

            // an empty answer: refused beside the field, nothing lost
            Browser.navigate(browser, By.id("nut-tra-loi"), By.id("loi"));
            assertTrue(browser.findElement(By.id("answer-error")).getText().contains("không được để trống"),
                    browser.findElement(By.id("answer-error")).getText());
            assertEquals("true", browser.findElement(By.id("answer")).getAttribute("aria-invalid"));
            assertTrue(browser.findElement(By.id("loi")).getText().contains("Nội dung trả lời"));
            Browser.check(browser, "can-bo-ho-so-loi-tra-loi");

            // a long answer while "6 rõ" is incomplete: refused, the 1,705 characters are still there
            String answer = longAnswer();
            setValue(browser, "answer", answer);
            Browser.navigate(browser, By.id("nut-tra-loi"), By.id("loi"));
            assertTrue(browser.findElement(By.id("loi")).getText().contains("Rõ việc"),
                    browser.findElement(By.id("loi")).getText());
            assertEquals(answer, browser.findElement(By.id("answer")).getAttribute("value"));
            assertEquals("CLAIMED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            Browser.check(browser, "can-bo-ho-so-thieu-6-ro");

            // "Trả lại" needs its confirmation: the browser asks for it, and the server refuses without it
            browser.findElement(By.cssSelector("#tra-lai > summary")).click();
            browser.findElement(By.id("reason-tl")).sendKeys("Không thuộc lĩnh vực tôi phụ trách");
            browser.findElement(By.id("nut-tra-lai")).click();
            assertEquals("CLAIMED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertFalse((Boolean) ((JavascriptExecutor) browser).executeScript(
                    "return document.getElementById('xac-nhan-tl').validity.valid"));
            ((JavascriptExecutor) browser).executeScript("document.getElementById('xac-nhan-tl').required = false");
            Browser.navigate(browser, By.id("nut-tra-lai"), By.id("loi"));
            assertTrue(browser.findElement(By.id("xac-nhan-tl-error")).getText().contains("xác nhận"));
            assertEquals("Không thuộc lĩnh vực tôi phụ trách", browser.findElement(By.id("reason-tl"))
                    .getAttribute("value"));
            assertTrue(browser.findElement(By.id("tra-lai")).getAttribute("open") != null);
            Fixtures.caseOf(c.id).then().body("status", equalTo("CLAIMED")).body("releaseCount", equalTo(0));
            Browser.check(browser, "can-bo-ho-so-tra-lai-xac-nhan");

            // complete the "6 rõ" (picklists for unit and level), then answer the long text
            browser.findElement(By.id("task")).sendKeys("Hướng dẫn thẩm quyền ký văn bản");
            browser.findElement(By.id("deliverable")).sendKeys("Công văn trả lời");
            new Select(browser.findElement(By.id("unitCode"))).selectByVisibleText(
                    new Select(browser.findElement(By.id("unitCode"))).getOptions().get(1).getText());
            Browser.navigate(browser, By.id("nut-phan-cong"), By.id("thong-bao"));
            assertEquals("Đã cập nhật phân công.", browser.findElement(By.id("thong-bao")).getText());
            assertTrue(browser.findElements(By.id("thieu")).isEmpty(), "6 rõ complete");
            setValue(browser, "answer", answer);
            Browser.navigate(browser, By.id("nut-tra-loi"), By.id("thong-bao"));
            assertEquals("Đã gửi trả lời.", browser.findElement(By.id("thong-bao")).getText());
            assertEquals("ANSWERED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            Browser.check(browser, "can-bo-ho-so-da-tra-loi");
            Fixtures.caseOf(c.id).then().body("answer.text", equalTo(answer));

            // the commune accepts with a rating: the liaison sees it on the closed case
            c.satisfaction(4, "Hướng dẫn rõ, xã đã áp dụng.");
            Fixtures.send(producer, c.next(vn.gov.noivu.pakn.events.CaseEventType.ANSWER_ACCEPTED, null));
            await(() -> "CLOSED".equals(Fixtures.caseOf(c.id).path("status")));
            browser.get(url("/can-bo/ho-so/" + c.id));
            assertEquals("CLOSED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertTrue(browser.findElement(By.id("hai-long")).getText().startsWith("4/5 – Hài lòng"),
                    browser.findElement(By.id("hai-long")).getText());
            assertEquals("Hướng dẫn rõ, xã đã áp dụng.", browser.findElement(By.id("hai-long-y-kien")).getText());
            Browser.check(browser, "can-bo-ho-so-da-dong");

            // a liaison of another province: the page and the file are "not found" (intake is not even asked)
            int calls = IntakeStub.calls().size();
            Browser.signIn(browser, url("/can-bo/dang-nhap"), Identity.LIAISON, 1);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/can-bo/hang-cho"));
            given().cookies(Browser.cookies(browser)).get(fileHref).then().statusCode(404)
                    .contentType(containsString("text/html")).body(containsString("Không tìm thấy"));
            browser.get(url("/can-bo/ho-so/" + c.id));
            assertEquals("Không tìm thấy", browser.findElement(By.id("error-heading")).getText());
            Browser.check(browser, "can-bo-khong-tim-thay");
            assertEquals(calls, IntakeStub.calls().size(), "an out-of-scope download never reaches intake");
        } finally {
            browser.quit();
        }
    }

    /** Types a long text at once (sendKeys of 1,705 characters is slow) and fires the input event of the counter. */
    private static void setValue(ChromeDriver browser, String id, String text) {
        browser.executeScript("var f = document.getElementById(arguments[0]); f.value = arguments[1];"
                + " f.dispatchEvent(new Event('input'));", id, text);
    }

    private int total(int province) {
        return given().auth().oauth2(Fixtures.liaison(province)).get(url("/api/v1/queue?size=1")).then()
                .statusCode(200).extract().path("total");
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Fixtures.WAIT).pollInterval(Duration.ofMillis(300)).until(condition);
    }
}
