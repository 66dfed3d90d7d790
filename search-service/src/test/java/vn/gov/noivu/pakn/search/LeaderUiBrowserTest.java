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
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leaders' Vietnamese pages in a real headless Chromium. */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderUiBrowserTest {

    @TestHTTPResource("/")
    URL base;

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
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void leaderSearchesWithoutDiacriticsSeesHighlightsFacetsAndEscapedText() {
        chrome.get(url("/lanh-dao/dang-xuat"));
        assertTrue(chrome.findElement(By.id("message")).getText().contains("Đã đăng xuất"));
        chrome.get(url("/lanh-dao/tim-kiem"));
        assertTrue(chrome.findElement(By.id("message")).getText().contains("chưa đăng nhập"));

        chrome.get(url("/lanh-dao/dang-nhap?token=" + TestTokens.leader()));
        assertTrue(chrome.getCurrentUrl().endsWith("/lanh-dao/tim-kiem"), chrome.getCurrentUrl());
        WebElement q = chrome.findElement(By.id("q"));
        q.sendKeys("thu tuc " + marker);
        Browser.navigate(chrome, By.id("search-button"), By.id("total"));

        assertEquals("2", chrome.findElement(By.cssSelector("#total b")).getText());
        List<WebElement> cases = chrome.findElements(By.cssSelector("article.case"));
        assertEquals(2, cases.size());
        WebElement first = chrome.findElement(By.cssSelector("article.case[data-case-id='" + procedure.caseId() + "'] h2"));
        List<String> hits = first.findElements(By.tagName("em")).stream().map(WebElement::getText).toList();
        assertTrue(hits.contains("Thủ") && hits.contains("tục") || hits.contains("Thủ tục"), hits.toString());
        // the hostile title is shown as text, nothing ran
        WebElement bad = chrome.findElement(By.cssSelector("article.case[data-case-id='" + hostile.caseId() + "'] h2"));
        assertTrue(bad.getText().contains("<script>window.pwned=1</script>"), bad.getText());
        assertEquals(0, bad.findElements(By.tagName("script")).size());
        assertEquals(0, bad.findElements(By.tagName("img")).size());
        assertEquals(null, chrome.executeScript("return window.pwned === undefined ? null : window.pwned;"));

        // facet: narrow to Cao Bằng (province 4)
        Browser.navigate(chrome, By.xpath("//aside//a[contains(., 'Tỉnh Cao Bằng')]"), By.id("total"));
        assertEquals("1", chrome.findElement(By.cssSelector("#total b")).getText());
        assertEquals(1, chrome.findElements(By.cssSelector("a.active-filter")).size());
        // remove the filter again
        Browser.navigate(chrome, By.cssSelector("a.active-filter"), By.id("total"));
        assertEquals("2", chrome.findElement(By.cssSelector("#total b")).getText());
        assertTrue(chrome.findElement(By.id("csv")).getAttribute("href").contains("/api/v1/search.csv"));
    }

    @Test
    void recurringIssuesAndTrendsPages() {
        chrome.get(url("/lanh-dao/dang-nhap?token=" + TestTokens.leader()));
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

    @Test
    void liaisonSeesOnlyOwnProvinceAndCommuneCannotSignIn() {
        chrome.get(url("/lanh-dao/dang-nhap?token=" + TestTokens.liaison(1)));
        chrome.get(url("/lanh-dao/tim-kiem?q=" + marker));
        assertEquals("1", chrome.findElement(By.cssSelector("#total b")).getText());
        assertEquals(1, chrome.findElements(By.cssSelector("article.case[data-case-id='" + procedure.caseId() + "']")).size());

        chrome.get(url("/lanh-dao/dang-nhap?token=" + TestTokens.communeOfficial(4)));
        assertTrue(chrome.findElement(By.id("message")).getText().contains("dành cho lãnh đạo"));
        chrome.get(url("/lanh-dao/dang-nhap?token=not-a-token"));
        assertTrue(chrome.findElement(By.id("message")).getText().contains("không hợp lệ"));
    }
}
