package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.IntakeCaseData;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;

/**
 * The commune's journey in a real headless Chromium at phone (390x844) and desktop (1366x900) sizes, failures
 * included (missing fields, a 216,000-character description, a disguised file, an unknown page, a body over the
 * limit). axe-core runs on every page (0 violations) and every page's screenshot is written to target/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SearchServiceStub.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
class CommunePagesBrowserTest {

    /** Phường Hoàn Kiếm: a commune only this test files cases for (the list's paging and filters). */
    static final int HOAN_KIEM = 70;

    static ChromeDriver chrome;
    static boolean listSeeded;

    @TestHTTPResource("/")
    URL url;

    String base;

    @BeforeEach
    void site() {
        base = url.toString().replace("://localhost:", "://127.0.0.1:");
        SearchServiceStub.down = true;
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

    private WebDriverWait waiting() {
        return new WebDriverWait(chrome, Duration.ofSeconds(30));
    }

    private void signIn(int commune) {
        Browser.signIn(chrome, base + "xa/ho-so", Identity.COMMUNE_OFFICIAL, commune);
        waiting().until(ExpectedConditions.urlContains("/xa/ho-so"));
    }

    private String shot(String name) {
        Browser.check(chrome, name);
        return chrome.getPageSource();
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void caseListPagesSortsSearchesAndFiltersByName(Browser.Size size) {
        seedList();
        Browser.resize(chrome, size);
        signIn(HOAN_KIEM);
        String page = shot("xa-list");
        assertTrue(chrome.findElement(By.id("total")).getText().startsWith("25 hồ sơ · trang 1/2"),
                chrome.findElement(By.id("total")).getText());
        assertEquals(20, chrome.findElements(By.cssSelector("#cases tbody tr")).size());
        assertTrue(page.contains("Cơ sở vật chất, trang thiết bị, phần mềm sau sắp xếp"), "topic names, not codes");
        assertFalse(chrome.findElement(By.id("cases")).getText().contains("T10"));
        assertTrue(chrome.findElement(By.cssSelector("#cases tbody tr td[data-label='Ngày gửi']")).getText()
                .matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}"), "human dates");
        assertTrue(chrome.findElement(By.cssSelector("#cases .badge")).getText().equals("Đã gửi"));

        Browser.navigate(chrome, By.id("page-next"), By.id("cases"));
        assertEquals(5, chrome.findElements(By.cssSelector("#cases tbody tr")).size());
        assertEquals("2", chrome.findElement(By.cssSelector("#pager [aria-current=page]")).getText());
        shot("xa-list-page-2");

        // filter by the topic's name, sort by title, search in titles
        new Select(chrome.findElement(By.id("chu-de"))).selectByVisibleText("Cơ sở vật chất, trang thiết bị, phần mềm sau sắp xếp");
        new Select(chrome.findElement(By.id("sap-xep"))).selectByVisibleText("Tiêu đề (A–Z)");
        Browser.navigate(chrome, By.id("filter"), By.id("total"));
        assertTrue(chrome.findElement(By.id("total")).getText().startsWith("3 hồ sơ"), chrome.findElement(By.id("total")).getText());
        List<String> titles = chrome.findElements(By.cssSelector("#cases td[data-label='Tiêu đề']")).stream()
                .map(e -> e.getText()).toList();
        assertEquals(List.of("Máy tính bộ phận một cửa hỏng A", "Máy tính bộ phận một cửa hỏng B",
                "Máy tính bộ phận một cửa hỏng C"), titles);
        shot("xa-list-filtered");
        chrome.findElement(By.id("clear-filters")).click();
        waiting().until(ExpectedConditions.urlMatches(".*/xa/ho-so$"));
        chrome.findElement(By.id("q")).sendKeys("hỏng B");
        Browser.navigate(chrome, By.id("filter"), By.id("total"));
        assertTrue(chrome.findElement(By.id("total")).getText().startsWith("1 hồ sơ"), chrome.findElement(By.id("total")).getText());
        new Select(chrome.findElement(By.id("trang-thai"))).selectByVisibleText("Đã đóng");
        Browser.navigate(chrome, By.id("filter"), By.id("total"));
        assertEquals("Không có hồ sơ nào khớp với bộ lọc.", chrome.findElement(By.id("total")).getText());
        shot("xa-list-empty");
    }

    private void seedList() {
        if (listSeeded) {
            return;
        }
        for (int i = 0; i < 22; i++) {
            IntakeTesting.submit(HOAN_KIEM, "Hướng dẫn thẩm quyền ký văn bản số " + (100 + i)).then().statusCode(201);
        }
        for (String letter : List.of("C", "A", "B")) {
            Map<String, Object> body = new HashMap<>(IntakeTesting.caseBody(HOAN_KIEM, "Máy tính bộ phận một cửa hỏng " + letter));
            body.put("topic", "T10");
            given().header("Authorization", official(HOAN_KIEM)).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/cases").then().statusCode(201);
        }
        listSeeded = true;
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void newCaseFormShowsVietnameseErrorsBesideTheFieldsAndKeepsWhatWasTyped(Browser.Size size) throws Exception {
        Browser.resize(chrome, size);
        signIn(BA_DINH);
        Browser.navigate(chrome, By.id("new-case"), By.id("case-form"));
        shot("xa-form");

        // nothing typed: every required field says what is missing, in Vietnamese, beside it
        Browser.navigate(chrome, By.id("submit"), By.id("errors"));
        String page = shot("xa-form-missing-fields");
        assertEquals("Vui lòng chọn chuyên đề, lĩnh vực.", chrome.findElement(By.id("topic-error")).getText());
        assertEquals("Vui lòng nhập tiêu đề.", chrome.findElement(By.id("title-error")).getText());
        assertEquals("Vui lòng nhập họ tên người liên hệ.", chrome.findElement(By.id("contactName-error")).getText());
        assertTrue(chrome.findElement(By.id("title")).getAttribute("aria-describedby").contains("title-error"));
        assertEquals("true", chrome.findElement(By.id("title")).getAttribute("aria-invalid"));
        assertFalse(page.contains("contact.name") || page.contains("files[") || page.contains(": bắt buộc"), page);

        // a 216,000-character description: the error beside the field, everything typed kept
        String description = "Xã đề nghị hướng dẫn chế độ phụ cấp ".repeat(6000).strip() + "."; // 216,000 characters
        assertEquals(216_000, description.length());
        new Select(chrome.findElement(By.id("topic"))).selectByValue("T09");
        chrome.findElement(By.id("title")).sendKeys("Đề nghị hướng dẫn phụ cấp công chức cấp xã");
        chrome.executeScript("arguments[0].value = arguments[1];", chrome.findElement(By.id("description")), description);
        chrome.findElement(By.id("contactName")).sendKeys("Phạm Thị Thuỳ Dương");
        chrome.findElement(By.id("contactPhone")).sendKeys("024 3823 4567");
        Browser.navigate(chrome, By.id("submit"), By.id("errors"));
        shot("xa-form-description-too-long");
        assertEquals("Tối đa 20.000 ký tự; bạn đã nhập 216.000 ký tự. Vui lòng rút gọn (nội dung đã nhập vẫn được giữ bên dưới).",
                chrome.findElement(By.id("description-error")).getText());
        assertEquals(description, chrome.findElement(By.id("description")).getAttribute("value"));
        assertEquals("Đề nghị hướng dẫn phụ cấp công chức cấp xã", chrome.findElement(By.id("title")).getAttribute("value"));
        assertEquals("T09", new Select(chrome.findElement(By.id("topic"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals("024 3823 4567", chrome.findElement(By.id("contactPhone")).getAttribute("value"));

        // a disguised file: the error beside the file field, the text kept
        Path dir = Files.createDirectories(Path.of("target", "browser-uploads").toAbsolutePath());
        Path fake = Files.writeString(dir.resolve("cong-van-gia.pdf"), "<html><script>alert(1)</script></html>");
        chrome.executeScript("arguments[0].value = arguments[1];", chrome.findElement(By.id("description")),
                "Xã đề nghị hướng dẫn chế độ phụ cấp trách nhiệm của công chức được điều động.");
        chrome.findElement(By.id("files")).sendKeys(fake.toString());
        Browser.navigate(chrome, By.id("submit"), By.id("errors"));
        shot("xa-form-wrong-file");
        String fileError = chrome.findElement(By.id("files-error")).getText();
        assertTrue(fileError.contains("cong-van-gia.pdf") && fileError.contains("không thuộc loại được phép")
                && fileError.contains("chọn lại tệp"), fileError);
        assertEquals("Đề nghị hướng dẫn phụ cấp công chức cấp xã", chrome.findElement(By.id("title")).getAttribute("value"));

        // then it goes through, and the case page says so
        Browser.navigate(chrome, By.id("submit"), By.id("notice"));
        assertTrue(chrome.getCurrentUrl().matches(".*/xa/ho-so/[0-9a-f-]{36}\\?thong-bao=da-gui$"), chrome.getCurrentUrl());
        assertTrue(chrome.findElement(By.id("notice")).getText().startsWith("Đã gửi phản ánh, kiến nghị"));
        assertEquals("status", chrome.findElement(By.id("notice")).getAttribute("role"));
        shot("xa-case-submitted");
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void replyWithAFileThenAcceptWithARating(Browser.Size size) throws Exception {
        String id = IntakeTesting.submitOk(BA_DINH, "Đề nghị bổ sung máy tính " + UUID.randomUUID().toString().substring(0, 8));
        String question = "Đề nghị xã gửi biên bản kiểm kê thiết bị.";
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, IntakeTesting.triageEvent(UUID.randomUUID(),
                CaseEventType.INFO_REQUESTED, 1, id, CaseStatus.NEEDS_INFO,
                new TriageCaseData.InfoRequest(question, Instant.now()), null));
        TriageEventsConsumerTest.await("needs info", () -> "NEEDS_INFO".equals(TriageEventsConsumerTest.status(id)));

        Browser.resize(chrome, size);
        signIn(BA_DINH);
        chrome.get(base + "xa/ho-so/" + id);
        assertEquals(question, chrome.findElement(By.id("info-request")).getText());
        shot("xa-case-info-request");
        // an empty reply: the error beside the field
        Browser.navigate(chrome, By.id("reply-submit"), By.id("error"));
        assertEquals("Vui lòng nhập thông tin bổ sung.", chrome.findElement(By.id("reply-text-error")).getText());
        shot("xa-case-reply-missing");

        Path dir = Files.createDirectories(Path.of("target", "browser-uploads").toAbsolutePath());
        Path pdf = Files.write(dir.resolve("Biên bản kiểm kê.pdf"), AttachmentTest.pdf(20_000));
        chrome.findElement(By.id("reply-text")).sendKeys("Xã gửi kèm biên bản kiểm kê ngày 01/12/2026.");
        chrome.findElement(By.id("files")).sendKeys(pdf.toString());
        Browser.navigate(chrome, By.id("reply-submit"), By.id("notice"));
        assertEquals("Đã gửi thông tin bổ sung.", chrome.findElement(By.id("notice")).getText());
        assertTrue(chrome.findElement(By.id("attachments")).getText().contains("Biên bản kiểm kê.pdf"));
        shot("xa-case-replied");
        // the INFO_PROVIDED event carries the file
        IntakeCaseData provided = intakeEvent(id, CaseEventType.INFO_PROVIDED);
        assertEquals(1, provided.attachmentCount());
        assertEquals("Biên bản kiểm kê.pdf", provided.attachments().get(0).fileName());
        assertEquals(provided.change().at(), provided.attachments().get(0).uploadedAt());

        // the answer: accept with a rating and a comment
        IntakeTesting.send(Topics.TRIAGE_CASE_EVENTS, id, IntakeTesting.triageEvent(UUID.randomUUID(),
                CaseEventType.ANSWERED, 2, id, CaseStatus.ANSWERED, null, new TriageCaseData.Answer(
                        "Bộ sẽ cấp bổ sung 2 máy tính trong quý I/2027.", null, Instant.now(), null)));
        TriageEventsConsumerTest.await("answered", () -> "ANSWERED".equals(TriageEventsConsumerTest.status(id)));
        chrome.get(base + "xa/ho-so/" + id);
        shot("xa-case-answered");
        chrome.findElement(By.id("rating-4")).click();
        chrome.findElement(By.id("comment")).sendKeys("Trả lời rõ, đúng hạn.");
        Browser.navigate(chrome, By.id("accept-submit"), By.id("notice"));
        assertEquals("Đã chấp nhận câu trả lời. Cảm ơn xã đã đánh giá.", chrome.findElement(By.id("notice")).getText());
        assertEquals("4/5 – Trả lời rõ, đúng hạn.", chrome.findElement(By.id("satisfaction")).getText());
        shot("xa-case-accepted");
        IntakeCaseData accepted = intakeEvent(id, CaseEventType.ANSWER_ACCEPTED);
        assertNotNull(accepted.satisfaction());
        assertEquals(4, accepted.satisfaction().rating());
        assertEquals("Trả lời rõ, đúng hạn.", accepted.satisfaction().comment());
    }

    private static IntakeCaseData intakeEvent(String id, CaseEventType type) {
        List<ConsumerRecord<String, byte[]>> records = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                r -> id.equals(r.key()) && type.ceType().equals(CaseEventCodec.read(r.value()).type()),
                l -> !l.isEmpty(), Duration.ofSeconds(60));
        return CaseEventCodec.intakeData(CaseEventCodec.read(records.get(records.size() - 1).value()));
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void unknownPagesAndRefusedRequestsAreVietnamesePages(Browser.Size size) {
        Browser.resize(chrome, size);
        signIn(BA_DINH);
        chrome.get(base + "xa/khong-co-trang-nay");
        assertEquals("Không tìm thấy trang", chrome.findElement(By.id("error-heading")).getText());
        shot("xa-error-404");
        chrome.get(base + "xa/ho-so/" + UUID.randomUUID());
        assertTrue(chrome.findElement(By.id("error-heading")).getText().contains("Không tìm thấy"), chrome.getPageSource());
        shot("xa-error-case-not-found");
        chrome.get(base + "xa/ho-so/khong-phai-ma");
        assertFalse(chrome.getPageSource().contains("\"status\""), "never problem+json on a page");
    }

    @Test
    void aBodyOverTheLimitIsAVietnamesePage() throws Exception {
        signIn(BA_DINH);
        String cookies = Browser.cookies(chrome).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        // 53 MB, more than quarkus.http.limits.max-body-size (52M), sent with its Content-Length
        long length = 53L * 1024 * 1024;
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "xa/ho-so"))
                .header("Cookie", cookies).header("Accept", "text/html").expectContinue(true)
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(new byte[(int) length])), length))
                .build();
        java.net.http.HttpResponse<String> response;
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("Nội dung gửi lên quá lớn") && response.body().contains("lang=\"vi\""),
                response.body());
        // the API keeps problem+json
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + UUID.randomUUID()).then()
                .statusCode(404).contentType(containsString("problem+json")).body("status", equalTo(404));
    }
}
