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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.HttpStub;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liaison's answer form shows the published answer of the case's recurring issue as a suggestion (search-service
 * stands in as {@link SearchStub}), in a real headless Chromium signed in through the real Keycloak, at desktop
 * (1366×900) and phone (390×844) sizes with axe-core (0 violations): a clearly labelled box, a button that copies it
 * into the answer field, the liaison still sends it; no box when the issue has no answer or search-service fails.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SearchStub.class, restrictToAnnotatedClass = false)
class SuggestedAnswerBrowserTest {

    static KafkaProducer<String, String> producer;

    @TestHTTPResource("/")
    URL site;

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

    @Test
    void desktop() {
        journey(Browser.Size.DESKTOP);
    }

    @Test
    void phone() {
        journey(Browser.Size.PHONE);
    }

    void journey(Browser.Size size) {
        String tag = size.label();
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68).topic("T06"));
        Fixtures.IntakeCase none = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68).topic("T06"));
        Fixtures.IntakeCase failing = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68).topic("T06"));
        String text = "Bộ Nội vụ trả lời chung (" + tag + "): Hội đồng nhân dân tỉnh quy định mức phụ cấp theo "
                + "Nghị định 33/2023/NĐ-CP.";
        SearchStub.answer(c.id, "ri-phu-cap-" + tag, "Phụ cấp người hoạt động không chuyên trách ở thôn", text);
        SearchStub.fail(failing.id);
        ChromeDriver browser = Browser.start();
        try {
            Browser.resize(browser, size);
            Browser.signIn(browser, url("/can-bo/dang-nhap"), Identity.LIAISON, 68);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/can-bo/hang-cho"));

            // before claiming there is no answer form, so no suggestion either
            browser.get(url("/can-bo/ho-so/" + c.id));
            assertTrue(browser.findElements(By.id("goi-y")).isEmpty());
            int calls = SearchStub.calls().size();
            Browser.navigate(browser, By.id("nut-nhan"), By.id("thong-bao"));
            String box = browser.findElement(By.id("goi-y")).getText();
            assertTrue(box.contains("Gợi ý trả lời") && box.contains("Phụ cấp người hoạt động không chuyên trách")
                    && box.contains("Bạn vẫn quyết định") && box.contains("UBND cấp tỉnh")
                    && box.contains("31/12/2030"), box);
            assertEquals(text, browser.findElement(By.id("goi-y-noi-dung")).getText());
            HttpStub.Request call = SearchStub.calls().get(calls);
            assertEquals(SearchStub.path(c.id), call.path());
            assertTrue(call.authorization() != null && call.authorization().startsWith("Bearer ")
                    && call.authorization().length() > 100, "the liaison's own token: " + call.authorization());
            assertEquals("", browser.findElement(By.id("answer")).getAttribute("value"), "nothing is copied unasked");
            Browser.check(browser, "can-bo-goi-y-" + tag);
            browser.findElement(By.id("nut-dung-goi-y")).click();
            assertEquals(text, browser.findElement(By.id("answer")).getAttribute("value"));
            Object scroll = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(((Number) scroll).intValue() <= 0, "no horizontal scroll: " + scroll);
            Browser.check(browser, "can-bo-goi-y-da-chep-" + tag);
            // the liaison edits and sends it
            browser.findElement(By.id("answer")).sendKeys(" Xã liên hệ Sở Nội vụ để được hướng dẫn.");
            Browser.navigate(browser, By.id("nut-tra-loi"), By.id("thong-bao"));
            assertEquals("ANSWERED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            Fixtures.caseOf(c.id).then().body("answer.text", equalTo(text
                    + " Xã liên hệ Sở Nội vụ để được hướng dẫn."));

            // no published answer, or search-service failing: the answer form without a box
            for (Fixtures.IntakeCase other : List.of(none, failing)) {
                browser.get(url("/can-bo/ho-so/" + other.id));
                Browser.navigate(browser, By.id("nut-nhan"), By.id("thong-bao"));
                assertTrue(browser.findElements(By.id("goi-y")).isEmpty());
                assertTrue(browser.findElement(By.id("answer")).isDisplayed());
            }
        } finally {
            browser.quit();
        }
    }
}
