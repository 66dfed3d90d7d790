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
 * The same journey through the three Vietnamese web UIs in a real headless Chromium: the commune files a case with
 * the form, the liaison claims and answers it from the case page, the commune accepts the answer, and a leader finds
 * the case typing without diacritics.
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

    private static void signIn(String service, String path, String token) {
        chrome.manage().deleteAllCookies();
        chrome.get(sut.url(service) + path + "/dang-nhap?token=" + token);
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
        String title = "Đề nghị hướng dẫn bố trí công chức địa chính – đất đai sau hợp nhất xã " + marker;
        String intake = sut.url("intake-service");
        String triage = sut.url("triage-service");

        // commune 8 (Phường Ngọc Hà, Hà Nội) files the case
        signIn("intake-service", "/xa", sut.token("commune-official", 8));
        chrome.get(intake + "/xa/ho-so/moi");
        new Select(chrome.findElement(By.id("topic"))).selectByValue("T09");
        new Select(chrome.findElement(By.id("kind"))).selectByValue("PROPOSAL");
        chrome.findElement(By.id("title")).sendKeys(title);
        chrome.findElement(By.id("description")).sendKeys("Xã thiếu 2 công chức địa chính; đề nghị hướng dẫn điều động.");
        chrome.findElement(By.id("contactName")).sendKeys("Lê Thị Ánh Tuyết");
        chrome.findElement(By.id("submit")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().matches(".*/xa/ho-so/[0-9a-f-]{36}$"));
        String id = chrome.getCurrentUrl().substring(chrome.getCurrentUrl().lastIndexOf('/') + 1);
        assertEquals(title, chrome.findElement(By.id("title")).getText());

        // the liaison of Hà Nội claims it, completes the "6 rõ" if needed, answers
        signIn("triage-service", "/can-bo", sut.token("liaison", 1));
        String casePage = triage + "/can-bo/ho-so/" + id;
        reloadUntil("case routed to the liaison", casePage,
                () -> !chrome.findElements(By.id("nut-nhan")).isEmpty());
        assertEquals(title, chrome.findElement(By.id("tieu-de")).getText());
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
        signIn("intake-service", "/xa", sut.token("commune-official", 8));
        reloadUntil("commune sees the answer", intake + "/xa/ho-so/" + id,
                () -> !chrome.findElements(By.id("answer")).isEmpty());
        assertEquals(answer, chrome.findElement(By.id("answer")).getText());
        Browser.navigate(chrome, By.cssSelector("#accept-form button"), By.id("status"));
        reloadUntil("case closed", intake + "/xa/ho-so/" + id,
                () -> chrome.findElement(By.id("status")).getText().startsWith("Đã đóng"));

        // a leader finds it typing without diacritics
        signIn("search-service", "/lanh-dao", sut.token("leader", null));
        String query = "huong dan bo tri cong chuc dia chinh " + marker;
        reloadUntil("leader finds the case", sut.url("search-service") + "/lanh-dao/tim-kiem?q="
                        + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
                () -> !chrome.findElements(By.cssSelector("article.case[data-case-id='" + id + "']")).isEmpty());
        assertTrue(chrome.findElement(By.cssSelector("article.case[data-case-id='" + id + "'] h2")).getText()
                .contains(marker));
    }
}
