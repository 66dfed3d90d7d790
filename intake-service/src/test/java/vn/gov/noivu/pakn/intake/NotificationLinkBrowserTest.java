package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header's "Thông báo" link of the shared layout (service-commons UnreadNotifications) on intake's pages: the
 * unread count comes from notification-service's API, asked with the signed-in official's own access token; when
 * notification-service fails or hangs the page still renders, with the link and without a number. axe-core runs on
 * the pages at both sizes.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SearchServiceStub.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = NotificationServiceStub.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the failures last: they may open the circuit breaker
class NotificationLinkBrowserTest {

    static ChromeDriver chrome;

    @TestHTTPResource("/")
    URL url;

    String base;

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

    @BeforeEach
    void site() {
        base = url.toString().replace("://localhost:", "://127.0.0.1:");
        SearchServiceStub.down = true;
        NotificationServiceStub.status = 200;
        NotificationServiceStub.delayMillis = 0;
        NotificationServiceStub.lastAuthorization = null;
    }

    @AfterEach
    void healthy() {
        NotificationServiceStub.status = 200;
        NotificationServiceStub.delayMillis = 0;
    }

    private WebElement openCaseList() {
        Browser.signIn(chrome, base + "xa/ho-so", Identity.COMMUNE_OFFICIAL, IntakeTesting.BA_DINH);
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/xa/ho-so"));
        chrome.get(base + "xa/ho-so");
        return chrome.findElement(By.id("site-notifications"));
    }

    @Order(1)
    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void headerShowsTheUnreadCountAskedWithTheUsersToken(Browser.Size size) {
        NotificationServiceStub.unread = 3;
        Browser.resize(chrome, size);
        WebElement link = openCaseList();
        Browser.check(chrome, "xa-notification-link");
        // visible "Thông báo 3"; a screen reader also hears "chưa đọc" (unread)
        assertEquals("Thông báo 3 chưa đọc", link.getAttribute("textContent").replaceAll("\\s+", " ").trim());
        assertEquals("3", link.findElement(By.className("count-badge")).getText());
        assertEquals(NotificationServiceStub.base + "/thong-bao", link.getAttribute("href"));
        assertTrue(link.isDisplayed(), "the link is visible at " + size);

        // the official's own access token from the sign-in (not a service credential): a JWT for commune 4
        String auth = NotificationServiceStub.lastAuthorization;
        assertNotNull(auth, "notification-service was asked");
        assertTrue(auth.startsWith("Bearer "), auth);
        String[] jwt = auth.substring(7).split("\\.");
        assertEquals(3, jwt.length, "a JWT");
        String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"commune_code\":\"" + IntakeTesting.BA_DINH + "\"")
                || claims.contains("\"commune_code\":" + IntakeTesting.BA_DINH), claims);
    }

    @Order(2)
    @Test
    void noUnreadNotificationsNoNumber() {
        NotificationServiceStub.unread = 0;
        WebElement link = openCaseList();
        assertEquals("Thông báo", link.getAttribute("textContent").trim());
        assertTrue(chrome.findElements(By.cssSelector("#site-notifications .count-badge")).isEmpty());
    }

    @Order(3)
    @Test
    void aFailingNotificationServiceLeavesThePageWithoutTheCount() {
        NotificationServiceStub.unread = 5;
        NotificationServiceStub.status = 503;
        WebElement link = openCaseList();
        assertEquals("Thông báo", link.getAttribute("textContent").trim());
        assertTrue(chrome.findElement(By.tagName("h1")).getText().length() > 0, "the page itself rendered");
        assertTrue(chrome.findElements(By.cssSelector("#site-notifications .count-badge")).isEmpty());
        // nothing of the failure reaches the user: not in the header, and no error text anywhere on the page (the page
        // source is not searched for "503": the case links hold random UUIDs and the list shows case codes)
        String header = chrome.findElement(By.cssSelector("header.site-header")).getText();
        assertFalse(header.contains("503"), header);
        String text = chrome.findElement(By.tagName("body")).getText();
        assertFalse(text.contains("Service Unavailable") || text.contains("Exception"), text);
    }

    @Order(4)
    @Test
    void aHangingNotificationServiceLeavesThePageWithoutTheCount() {
        NotificationServiceStub.unread = 5;
        NotificationServiceStub.delayMillis = 10_000;
        WebElement link = openCaseList();
        assertEquals("Thông báo", link.getAttribute("textContent").trim());
        assertTrue(chrome.findElement(By.tagName("h1")).getText().length() > 0, "the page itself rendered");
    }
}
