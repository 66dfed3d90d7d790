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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leader's day in the pages, in a real headless Chromium signed in through the real Keycloak, at desktop
 * (1366×900) and phone (390×844) sizes: a long Vietnamese search, paging both ways, the date range, status and overdue
 * filters, folded facets, the read-only case view, trends by week, month and quarter, and wrong input answered with
 * Vietnamese messages that keep what was typed. axe-core runs on every page (0 violations) and each page's screenshot
 * is written to target/screenshots.
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderJourneyBrowserTest {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final int FILLERS = 24;
    static final int OVERDUE = 3;

    @TestHTTPResource("/")
    URL base;

    ChromeDriver chrome;
    final String marker = "hanhtrinh" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    TestEvents.Submission main;
    final List<TestEvents.Submission> all = new ArrayList<>();

    static final String LONG_TITLE = "Hướng dẫn thủ tục đăng ký khai sinh, khai tử trực tuyến cho người dân vùng sâu, "
            + "vùng xa còn nhiều vướng mắc về chữ ký số và kết nối cơ sở dữ liệu hộ tịch";
    static final String ANSWER = "Bộ Nội vụ trả lời: Ủy ban nhân dân xã thực hiện theo Nghị định số 87/2020/NĐ-CP; "
            + "trường hợp người dân chưa có chữ ký số, công chức tư pháp – hộ tịch hướng dẫn nộp hồ sơ trực tiếp.";

    String site() {
        return base.toString().replace("://localhost:", "://127.0.0.1:").replaceAll("/$", "");
    }

    String url(String path) {
        return site() + path;
    }

    @BeforeAll
    void setUp() {
        Instant now = Instant.now();
        String description = ("Công chức tư pháp – hộ tịch xã phản ánh: người dân ở các thôn, bản vùng sâu, vùng xa "
                + "chưa quen đăng ký khai sinh, khai tử trực tuyến; nhiều hộ chưa có chữ ký số, đường truyền yếu, "
                + "phần mềm hộ tịch chưa kết nối đầy đủ với cơ sở dữ liệu quốc gia về dân cư. ").repeat(6)
                + "Đề nghị Bộ hướng dẫn cách làm thống nhất. " + marker;
        main = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(0), "T08", LONG_TITLE, description)
                .at(now.minus(Duration.ofHours(30)));
        all.add(main);
        TestEvents.publish(TestEvents.submitted(main, 1));
        TestEvents.publish(TestEvents.triage(CaseEventType.ROUTED, main, 1, CaseStatus.ROUTED, SlaState.ON_TRACK, 0, 0,
                null));
        TestEvents.publish(TestEvents.triage(CaseEventType.CLAIMED, main, 2, CaseStatus.CLAIMED, SlaState.ON_TRACK, 0,
                0, null));
        TestEvents.publish(TestEvents.triage(CaseEventType.ANSWERED, main, 3, CaseStatus.ANSWERED, SlaState.STOPPED, 0,
                0, ANSWER));
        TestEvents.publish(TestEvents.accepted(main, 2, 4, "Trả lời rõ, xã đã làm theo.", List.of(
                new IntakeCaseData.Attachment(java.util.UUID.randomUUID().toString(), "Danh sách hộ chưa có chữ ký số.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 12_700,
                        main.submittedAt()),
                new IntakeCaseData.Attachment(java.util.UUID.randomUUID().toString(), "Công văn số 15-UBND.pdf",
                        "application/pdf", 1_310_720, main.submittedAt()))));
        for (int i = 0; i < FILLERS; i++) {
            LabelledCorpus.Commune commune = LabelledCorpus.COMMUNES.get(i % LabelledCorpus.COMMUNES.size());
            TestEvents.Submission s = TestEvents.Submission.of(commune, i % 2 == 0 ? "T09" : "T10",
                    "Bố trí công chức văn hóa – xã hội kiêm nhiệm số " + (i + 1),
                    "Xã đề nghị hướng dẫn bố trí công chức kiêm nhiệm. " + marker)
                    .at(now.minus(Duration.ofHours(60 + 72L * i)));
            all.add(s);
            TestEvents.publish(TestEvents.submitted(s, 1));
            if (i < OVERDUE) {
                TestEvents.publish(TestEvents.triage(CaseEventType.SLA_OVERDUE, s, 1, CaseStatus.CLAIMED,
                        SlaState.OVERDUE, 0, 0, null));
            }
        }
        chrome = Browser.start();
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    private boolean indexed;

    @org.junit.jupiter.api.BeforeEach
    void ready() {
        if (!indexed) {
            TestEvents.await("indexed", Duration.ofSeconds(90), () -> {
                var json = given().auth().oauth2(TestTokens.leader()).queryParam("q", marker).get("/api/v1/search")
                        .then().extract().jsonPath();
                return json.getInt("total") == FILLERS + 1
                        && given().auth().oauth2(TestTokens.leader()).queryParam("q", marker)
                        .queryParam("status", "ANSWERED").get("/api/v1/search").then().extract().jsonPath()
                        .getInt("total") == 1
                        && given().auth().oauth2(TestTokens.leader()).queryParam("q", marker)
                        .queryParam("overdue", true).get("/api/v1/search").then().extract().jsonPath()
                        .getInt("total") == OVERDUE
                        && given().auth().oauth2(TestTokens.leader()).get("/api/v1/trends").then().extract().jsonPath()
                        .getLong("satisfaction.rated") >= 1;
            });
            indexed = true;
        }
    }

    @AfterAll
    void tearDown() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void leaderJourneyOnADesktop() {
        journey(Browser.Size.DESKTOP);
    }

    @Test
    void leaderJourneyOnAPhone() {
        journey(Browser.Size.PHONE);
    }

    void journey(Browser.Size size) {
        Browser.resize(chrome, size);
        Browser.signIn(chrome, url("/lanh-dao/tim-kiem"), Identity.LEADER, null);
        // past the sign-in callback (same path with state and code) to the page itself
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/lanh-dao/tim-kiem")
                && !d.getCurrentUrl().contains("code="));
        Browser.check(chrome, "lanh-dao-tim-kiem");
        noHorizontalScroll();

        // a long Vietnamese query finds the case; its title is a link to the case view
        chrome.findElement(By.id("q")).sendKeys("đăng ký khai sinh khai tử trực tuyến cho người dân vùng sâu vùng xa "
                + "còn nhiều vướng mắc về chữ ký số " + marker);
        Browser.navigate(chrome, By.id("search-button"), By.id("total"));
        assertEquals("1", total());
        WebElement result = chrome.findElement(By.cssSelector("article.case[data-case-id='" + main.caseId() + "']"));
        assertTrue(result.getText().contains(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VN)
                .format(main.submittedAt())), result.getText());
        assertTrue(result.getText().contains("Đã trả lời"), result.getText());
        assertTrue(chrome.findElement(By.id("q")).getAttribute("value").endsWith(marker), "the query stays in the form");
        Browser.check(chrome, "lanh-dao-ket-qua");

        // the read-only case view: content, answer, timeline, status, SLA, responsible unit
        Browser.navigate(chrome, result.findElement(By.cssSelector("h2 a")), By.id("case-title"));
        assertTrue(chrome.getCurrentUrl().endsWith("/lanh-dao/ho-so/" + main.caseId()), chrome.getCurrentUrl());
        assertEquals(LONG_TITLE, chrome.findElement(By.id("case-title")).getText());
        assertTrue(chrome.findElement(By.id("case-description")).getText().contains("Đề nghị Bộ hướng dẫn"));
        assertEquals(ANSWER, chrome.findElement(By.id("case-answer")).getText());
        assertEquals("Đã trả lời", chrome.findElement(By.id("case-status")).getText());
        assertEquals("Vụ Chính quyền địa phương", chrome.findElement(By.id("case-unit")).getText());
        assertEquals("Đã xong", chrome.findElement(By.id("case-sla")).getText());
        assertEquals("Phường Ba Đình", chrome.findElement(By.id("case-commune")).getText());
        List<String> steps = chrome.findElements(By.cssSelector("#timeline li")).stream().map(WebElement::getText)
                .toList();
        assertEquals(5, steps.size(), steps.toString());
        assertTrue(steps.get(0).contains("Gửi phản ánh") && steps.get(1).contains("Phân công xử lý")
                && steps.get(2).contains("Nhận xử lý") && steps.get(3).contains("Đã trả lời")
                && steps.get(4).contains("Xã chấp nhận trả lời"), steps.toString());
        String files = chrome.findElement(By.id("case-attachments")).getText();
        assertTrue(files.contains("Công văn số 15-UBND.pdf (1,3 MB") && files.contains("(12,4 KB"), files);
        assertTrue(chrome.findElement(By.id("case-rating")).getText().contains("4/5 · Hài lòng"));
        assertEquals("Trả lời rõ, xã đã làm theo.", chrome.findElement(By.id("case-rating-comment")).getText());
        Browser.check(chrome, "lanh-dao-ho-so");
        noHorizontalScroll();

        // paging both ways over the marker's cases
        chrome.get(url("/lanh-dao/tim-kiem?q=" + marker));
        assertEquals(String.valueOf(FILLERS + 1), total());
        assertEquals(20, chrome.findElements(By.cssSelector("article.case")).size());
        assertEquals("Trang 1 / 2", chrome.findElement(By.id("page-of")).getText());
        assertTrue(chrome.findElements(By.id("previous")).isEmpty());
        Browser.navigate(chrome, By.id("next"), By.id("page-of"));
        assertEquals("Trang 2 / 2", chrome.findElement(By.id("page-of")).getText());
        assertEquals(FILLERS + 1 - 20, chrome.findElements(By.cssSelector("article.case")).size());
        assertTrue(chrome.findElements(By.id("next")).isEmpty());
        Browser.check(chrome, "lanh-dao-trang-2");
        Browser.navigate(chrome, By.id("previous"), By.id("page-of"));
        assertEquals("Trang 1 / 2", chrome.findElement(By.id("page-of")).getText());

        // long facet lists fold ("Xem thêm"); names, never codes
        WebElement provinces = chrome.findElement(By.id("facet-province"));
        assertFalse(provinces.findElements(By.cssSelector("details.more")).isEmpty(), provinces.getText());
        WebElement topics = chrome.findElement(By.id("facet-topic"));
        assertTrue(topics.getText().contains("Chuyên đề T10") || topics.getText().contains("Chuyên đề T09"),
                topics.getText());
        String statuses = chrome.findElement(By.id("facet-status")).getText();
        assertTrue(statuses.contains("Đã gửi") && !statuses.contains("SUBMITTED"), statuses);
        Browser.check(chrome, "lanh-dao-bo-loc");

        // date range (dd/MM/yyyy) and overdue filter, typed in the form; everything stays in the form
        LocalDate today = LocalDate.now(VN);
        LocalDate from = today.minusDays(20);
        long inRange = all.stream().filter(s -> !s.submittedAt().atZone(VN).toLocalDate().isBefore(from)).count();
        setText("from", DMY.format(from));
        setText("to", DMY.format(today));
        Browser.navigate(chrome, By.id("search-button"), By.id("total"));
        assertEquals(String.valueOf(inRange), total());
        assertEquals(DMY.format(from), chrome.findElement(By.id("from")).getAttribute("value"));
        new Select(chrome.findElement(By.id("overdue"))).selectByVisibleText("Quá hạn");
        setText("from", "");
        Browser.navigate(chrome, By.id("search-button"), By.id("total"));
        assertEquals(String.valueOf(OVERDUE), total());
        assertEquals("Quá hạn", new Select(chrome.findElement(By.id("overdue"))).getFirstSelectedOption().getText());
        assertEquals(marker, chrome.findElement(By.id("q")).getAttribute("value"));
        assertEquals(DMY.format(today), chrome.findElement(By.id("to")).getAttribute("value"));
        // status: "Đã trả lời" instead of overdue
        new Select(chrome.findElement(By.id("overdue"))).selectByVisibleText("Tất cả");
        chrome.findElement(By.cssSelector("#status-filter input[value='ANSWERED']")).click();
        Browser.navigate(chrome, By.id("search-button"), By.id("total"));
        assertEquals("1", total());
        assertTrue(chrome.findElement(By.cssSelector("#status-filter input[value='ANSWERED']")).isSelected());
        Browser.check(chrome, "lanh-dao-loc-trang-thai");

        // wrong input: a malformed date, "to" before "from", a province typed as a name → Vietnamese messages, 400,
        // the typed text kept
        chrome.get(url("/lanh-dao/tim-kiem?q=" + enc("khai sinh " + marker) + "&from=31/02/2026&to=01/01/2026"));
        assertTrue(chrome.findElement(By.id("from-error")).getText().contains("dd/mm/yyyy"));
        assertEquals("31/02/2026", chrome.findElement(By.id("from")).getAttribute("value"));
        assertEquals("khai sinh " + marker, chrome.findElement(By.id("q")).getAttribute("value"));
        Browser.check(chrome, "lanh-dao-loi-ngay");
        chrome.get(url("/lanh-dao/tim-kiem?from=02/12/2026&to=01/12/2026"));
        assertTrue(chrome.findElement(By.id("to-error")).getText().contains("phải sau hoặc bằng"));
        chrome.get(url("/lanh-dao/tim-kiem?q=" + marker + "&province=" + enc("Hà Nội")));
        assertTrue(chrome.findElement(By.id("errors")).getText().contains("không nhận ra “Hà Nội”"),
                chrome.findElement(By.id("errors")).getText());
        assertEquals(marker, chrome.findElement(By.id("q")).getAttribute("value"), "the form, never a problem document");
        given().cookies(Browser.cookies(chrome)).get(url("/lanh-dao/tim-kiem?province=" + enc("Hà Nội"))).then()
                .statusCode(400).contentType(org.hamcrest.Matchers.containsString("text/html"));

        // trends: weeks by default, then months and quarters, chosen in the form
        chrome.get(url("/lanh-dao/xu-huong"));
        String week = "Tuần " + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "/" + today.get(IsoFields.WEEK_BASED_YEAR);
        assertTrue(chrome.findElement(By.id("overall-table")).getAttribute("textContent").contains(week));
        List<WebElement> columns = chrome.findElements(By.cssSelector("#chart-overall rect.bar"));
        assertTrue(columns.size() >= 12, "one column per week: " + columns.size());
        assertFalse(chrome.findElements(By.cssSelector("#chart-overall text.tick")).isEmpty(), "a y axis");
        assertTrue(chrome.findElement(By.id("chart-province")).getAttribute("textContent").contains("Thành phố Hà Nội"));
        assertTrue(Integer.parseInt(chrome.findElement(By.id("sla-total")).getText()) >= FILLERS + 1);
        assertTrue(chrome.findElement(By.id("satisfaction")).getText().endsWith("/5"));
        assertFalse(chrome.findElement(By.id("satisfaction-count")).getText().startsWith("0 "));
        Browser.check(chrome, "lanh-dao-xu-huong-tuan");
        new Select(chrome.findElement(By.id("interval"))).selectByVisibleText("Tháng");
        setText("from", "01/01/2026");
        Browser.navigate(chrome, By.id("trend-button"), By.id("period"));
        assertTrue(chrome.findElement(By.id("period")).getText().contains("01/01/2026"));
        String month = DateTimeFormatter.ofPattern("MM/yyyy").format(today);
        assertTrue(chrome.findElement(By.id("overall-table")).getAttribute("textContent").contains(month));
        assertEquals("Tháng", new Select(chrome.findElement(By.id("interval"))).getFirstSelectedOption().getText());
        Browser.check(chrome, "lanh-dao-xu-huong-thang");
        new Select(chrome.findElement(By.id("interval"))).selectByVisibleText("Quý");
        Browser.navigate(chrome, By.id("trend-button"), By.id("period"));
        String quarter = "Quý " + today.get(IsoFields.QUARTER_OF_YEAR) + "/" + today.getYear();
        assertTrue(chrome.findElement(By.id("overall-table")).getAttribute("textContent").contains(quarter));
        setText("from", "2026-13-45");
        Browser.navigate(chrome, By.id("trend-button"), By.id("errors"));
        assertTrue(chrome.findElement(By.id("from-error")).getText().contains("dd/mm/yyyy"));
        assertEquals("2026-13-45", chrome.findElement(By.id("from")).getAttribute("value"));
        Browser.check(chrome, "lanh-dao-xu-huong-loi");
    }

    @Test
    void aLiaisonOfAnotherProvinceDoesNotSeeTheCase() {
        Browser.resize(chrome, Browser.Size.DESKTOP);
        Browser.signIn(chrome, url("/lanh-dao/tim-kiem"), Identity.LIAISON, 4);
        // past the sign-in callback (same path with state and code) to the page itself
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/lanh-dao/tim-kiem")
                && !d.getCurrentUrl().contains("code="));
        var session = Browser.cookies(chrome);
        given().cookies(session).redirects().follow(false).get(url("/lanh-dao/ho-so/" + main.caseId())).then()
                .statusCode(404).contentType(org.hamcrest.Matchers.containsString("text/html"));
        chrome.get(url("/lanh-dao/ho-so/" + main.caseId()));
        assertTrue(chrome.getPageSource().contains("Không tìm thấy hồ sơ"), chrome.getPageSource());
        Browser.check(chrome, "lanh-dao-ho-so-ngoai-pham-vi");
        given().cookies(session).redirects().follow(false).get(url("/lanh-dao/ho-so/khong-phai-ma")).then()
                .statusCode(404);
        // its own province's case opens
        TestEvents.Submission own = all.stream().filter(s -> s.commune().provinceCode() == 4).findFirst().orElseThrow();
        given().cookies(session).get(url("/lanh-dao/ho-so/" + own.caseId())).then().statusCode(200);
    }

    private String total() {
        return chrome.findElement(By.cssSelector("#total b")).getText();
    }

    private void setText(String id, String text) {
        WebElement e = chrome.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** The page fits the viewport's width (wide charts and tables scroll inside their own box). */
    private void noHorizontalScroll() {
        long scroll = ((Number) chrome.executeScript("return document.documentElement.scrollWidth;")).longValue();
        long width = ((Number) chrome.executeScript("return window.innerWidth;")).longValue();
        assertTrue(scroll <= width, "page wider than the viewport: " + scroll + " > " + width);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
