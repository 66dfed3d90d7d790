package vn.gov.noivu.pakn.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.testsupport.Browser;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same journey through the three Vietnamese web UIs in a real headless Chromium, every user signed in through
 * Keycloak's login page (authorization code flow): the commune official files a case with the form, the liaison
 * claims and answers it from the case page, the commune accepts the answer, a leader finds the case typing without
 * diacritics and sees it read-only in the liaison pages, a department head and an administrator find it too, and a
 * commune official is refused the ministry's pages.
 */
class BrowserJourneyIT {

    static SystemUnderTest sut;
    static ChromeDriver chrome;

    @BeforeAll
    static void up() {
        sut = SystemUnderTest.get();
        chrome = Browser.start();
    }

    @AfterAll
    static void down() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    /** The case's text is shown as typed, and nothing in it ran. */
    private static void shownAsText(String title, By where) {
        assertEquals(title, chrome.findElement(where).getText());
        assertTrue(chrome.findElement(where).findElements(By.tagName("img")).isEmpty(), "no markup injected");
        assertEquals(null, chrome.executeScript("return window.pwned === undefined ? null : window.pwned;"));
    }

    /** Signs in to a service's pages through Keycloak as the demo user of the role and scope. */
    private static void signIn(String service, String path, String role, Object scope) {
        Browser.signIn(chrome, sut.url(service) + path + "/dang-nhap", sut.user(role, scope));
    }

    /** Reloads a page until the condition holds (the other services catch up through Kafka). */
    private static void reloadUntil(String what, String url, Supplier<Boolean> condition) {
        Poll.until(what, Duration.ofSeconds(60), () -> {
            chrome.get(url);
            return condition.get();
        }, Boolean::booleanValue);
    }

    @Test
    void communeLiaisonAndLeaderThroughTheirPages() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String title = "Đề nghị hướng dẫn bố trí công chức địa chính – đất đai sau hợp nhất xã " + marker
                + " <img src=x onerror=window.pwned=1>";
        String intake = sut.url("intake-service");
        String triage = sut.url("triage-service");

        // commune 8 (Phường Ngọc Hà, Hà Nội) files the case
        signIn("intake-service", "/xa", "commune-official", 8);
        chrome.get(intake + "/xa/ho-so/moi");
        new Select(chrome.findElement(By.id("topic"))).selectByValue("T09");
        new Select(chrome.findElement(By.id("kind"))).selectByValue("PROPOSAL");
        chrome.findElement(By.id("title")).sendKeys(title);
        chrome.findElement(By.id("description")).sendKeys("Xã thiếu 2 công chức địa chính; đề nghị hướng dẫn điều động.");
        chrome.findElement(By.id("contactName")).sendKeys("Lê Thị Ánh Tuyết");
        chrome.findElement(By.id("submit")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().matches(".*/xa/ho-so/[0-9a-f-]{36}(\\?thong-bao=da-gui)?$"));
        String path = java.net.URI.create(chrome.getCurrentUrl()).getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        shownAsText(title, By.id("title"));

        // the liaison of Hà Nội claims it, completes the "6 rõ" if needed, answers
        signIn("triage-service", "/can-bo", "liaison", 1);
        String casePage = triage + "/can-bo/ho-so/" + id;
        reloadUntil("case routed to the liaison", casePage,
                () -> !chrome.findElements(By.id("nut-nhan")).isEmpty());
        shownAsText(title, By.id("tieu-de"));
        Browser.navigate(chrome, By.id("nut-nhan"), By.id("trang-thai"));
        assertEquals("CLAIMED", chrome.findElement(By.id("trang-thai")).getAttribute("data-status"));
        if (!chrome.findElements(By.id("thieu")).isEmpty()) {
            chrome.findElement(By.id("task")).sendKeys("Hướng dẫn điều động công chức địa chính");
            chrome.findElement(By.id("deliverable")).sendKeys("Công văn hướng dẫn");
            Browser.navigate(chrome, By.id("nut-phan-cong"), By.id("trang-thai"));
            assertTrue(chrome.findElements(By.id("thieu")).isEmpty(), "6 rõ complete");
        }
        String answer = "Xã thực hiện điều động theo Nghị định 170/2025/NĐ-CP; Sở Nội vụ hỗ trợ nhân sự.";
        chrome.findElement(By.id("answer")).sendKeys(answer);
        Browser.navigate(chrome, By.id("nut-tra-loi"), By.id("trang-thai"));
        assertEquals("ANSWERED", chrome.findElement(By.id("trang-thai")).getAttribute("data-status"));

        // the commune sees the answer and accepts it
        signIn("intake-service", "/xa", "commune-official", 8);
        reloadUntil("commune sees the answer", intake + "/xa/ho-so/" + id,
                () -> !chrome.findElements(By.id("answer")).isEmpty());
        assertEquals(answer, chrome.findElement(By.id("answer")).getText());
        Browser.navigate(chrome, By.cssSelector("#accept-form button"), By.id("status"));
        reloadUntil("case closed", intake + "/xa/ho-so/" + id,
                () -> chrome.findElement(By.id("status")).getText().startsWith("Đã đóng"));

        // a leader finds it typing without diacritics
        signIn("search-service", "/lanh-dao", "leader", null);
        String query = "huong dan bo tri cong chuc dia chinh " + marker;
        reloadUntil("leader finds the case", sut.url("search-service") + "/lanh-dao/tim-kiem?q="
                        + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
                () -> !chrome.findElements(By.cssSelector("article.case[data-case-id='" + id + "']")).isEmpty());
        assertTrue(chrome.findElement(By.cssSelector("article.case[data-case-id='" + id + "'] h2")).getText()
                .contains(marker + " <img src=x onerror=window.pwned=1>"));
        assertTrue(chrome.findElements(By.cssSelector("article.case[data-case-id='" + id + "'] img")).isEmpty());
        assertEquals(null, chrome.executeScript("return window.pwned === undefined ? null : window.pwned;"));
        String search = sut.url("search-service") + "/lanh-dao/tim-kiem?q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);

        // the leader sees the case in the liaison pages, without the liaison's actions
        signIn("triage-service", "/can-bo", "leader", null);
        chrome.get(casePage);
        shownAsText(title, By.id("tieu-de"));
        assertTrue(chrome.findElements(By.id("nut-nhan")).isEmpty() && chrome.findElements(By.id("nut-tra-loi")).isEmpty(),
                "read-only for a leader");

        // a department head searches within its unit's cases: this one was never escalated to it
        signIn("search-service", "/lanh-dao", "department-head", "VU-CQDP");
        chrome.get(search);
        assertTrue(chrome.findElements(By.id("total")).size() == 1, "the search page answers the department head");
        assertTrue(chrome.findElements(By.cssSelector("article.case[data-case-id='" + id + "']")).isEmpty(),
                "a case outside the department head's unit stays hidden");
        // an administrator sees it in the liaison pages
        signIn("triage-service", "/can-bo", "admin", null);
        chrome.get(casePage);
        shownAsText(title, By.id("tieu-de"));

        // a commune official is refused the ministry's pages, and signing out ends the session
        signIn("triage-service", "/can-bo", "commune-official", 8);
        chrome.get(casePage);
        assertTrue(chrome.getPageSource().contains("Không có quyền") || chrome.getPageSource().contains("không có quyền"),
                chrome.getPageSource());
        signIn("intake-service", "/xa", "commune-official", 8);
        chrome.get(intake + "/xa/ho-so");
        chrome.findElement(By.linkText("Đăng xuất")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/xa/da-dang-xuat"));
        chrome.get(intake + "/xa/ho-so");
        // signed out: the page sends the browser straight to the (Vietnamese) Keycloak sign-in
        new WebDriverWait(chrome, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().contains("/protocol/openid-connect/auth"));
        assertTrue(chrome.getTitle().startsWith("Đăng nhập"), chrome.getTitle());
    }
}
