package vn.gov.noivu.pakn.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.notification.entity.Preference;
import vn.gov.noivu.pakn.notification.mail.UnsubscribeLinks;
import vn.gov.noivu.pakn.notification.rules.Kind;
import vn.gov.noivu.pakn.notification.service.Preferences;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.GreenMailResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestServers;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in a real headless Chromium at phone (390x844) and desktop (1366x900) sizes, signed in through the real
 * Keycloak: the inbox with paging and mark read, the preferences form, the unsubscribe page of the e-mails (no
 * sign-in). axe-core runs on every page; screenshots in target/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "pakn_notification"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakDirectoryResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class NotificationPagesBrowserTest {

    static ChromeDriver chrome;

    @TestHTTPResource("/")
    URL url;

    @Inject
    EntityManager em;

    @Inject
    UnsubscribeLinks links;

    @Inject
    Preferences preferences;

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

    String base() {
        return url.toString().replace("://localhost:", "://127.0.0.1:");
    }

    /** {@code count} inbox items for the user, as the consumer writes them. */
    void seed(String user, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 1; i <= count; i++) {
                String caseId = UUID.randomUUID().toString();
                em.createNativeQuery("""
                        insert into delivery (event_id, recipient, channel, kind, case_id, case_code, address, subject,
                            body_text, link, state, created_at, sent_at)
                        values (?1, ?2, 'IN_APP', 'ANSWERED', ?3, ?4, ?2, ?5, ?6, ?7, 'SENT',
                            now() - make_interval(mins => ?8), now())""")
                        .setParameter(1, "page-test-" + UUID.randomUUID()).setParameter(2, user)
                        .setParameter(3, caseId).setParameter(4, "PAKN-2026-" + (1000 + i))
                        .setParameter(5, "[PAKN] Bộ Nội vụ đã trả lời: hồ sơ PAKN-2026-" + (1000 + i))
                        .setParameter(6, "Bộ Nội vụ đã trả lời hồ sơ PAKN-2026-" + (1000 + i)
                                + ". Nội dung trả lời: Xã bố trí công chức theo Nghị định 33/2023/NĐ-CP, điều 6.")
                        .setParameter(7, "http://127.0.0.1:8081/xa/ho-so/" + caseId).setParameter(8, count - i)
                        .executeUpdate();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Browser.Size.class)
    void inboxPagesMarksReadAndSavesPreferences(Browser.Size size) {
        int commune = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        String user = TestServers.keycloakUser(Identity.COMMUNE_OFFICIAL, commune);
        seed(user, 23);
        Browser.resize(chrome, size);
        Browser.signIn(chrome, base() + "thong-bao", user);
        Browser.check(chrome, "thong-bao");
        assertTrue(chrome.findElement(By.id("so-chua-doc")).getText().contains("23"),
                chrome.findElement(By.id("so-chua-doc")).getText());
        assertEquals(20, chrome.findElements(By.cssSelector("#danh-sach > li")).size());
        String first = chrome.findElement(By.cssSelector("#danh-sach > li h2")).getText();
        assertEquals("[PAKN] Bộ Nội vụ đã trả lời: hồ sơ PAKN-2026-1023", first, "newest first");
        assertTrue(chrome.findElement(By.cssSelector("#danh-sach .inbox__meta .muted")).getText()
                .matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}"), "Vietnamese date");

        Browser.navigate(chrome, By.cssSelector("nav.pager a[rel=next]"), By.id("danh-sach"));
        assertEquals(3, chrome.findElements(By.cssSelector("#danh-sach > li")).size());
        assertTrue(chrome.findElement(By.cssSelector("nav.pager .pager__info")).getText().contains("Trang 2/2"));
        Browser.check(chrome, "thong-bao-trang-2");

        // mark one read: back on page 2 with the notice, one unread less
        Browser.navigate(chrome, By.cssSelector("#danh-sach > li form button"), By.id("notice"));
        assertTrue(chrome.findElement(By.id("so-chua-doc")).getText().contains("22"));
        assertEquals(1, chrome.findElements(By.cssSelector("#danh-sach > li:not(.inbox__item--unread)")).size());
        Browser.check(chrome, "thong-bao-da-doc");

        Browser.navigate(chrome, By.id("nut-doc-tat-ca"), By.id("notice"));
        assertEquals("Không có thông báo chưa đọc.", chrome.findElement(By.id("so-chua-doc")).getText());
        assertEquals(0, chrome.findElements(By.cssSelector(".inbox__item--unread")).size());

        // preferences: the commune's kinds, change one, saved
        Browser.navigate(chrome, By.id("lien-ket-cai-dat"), By.id("form-cai-dat"));
        Browser.check(chrome, "thong-bao-cai-dat");
        chrome.findElement(By.cssSelector("#loai-CLOSED input[value=DAILY_DIGEST]")).click();
        chrome.findElement(By.cssSelector("#loai-ROUTED input[value=OFF]")).click();
        Browser.navigate(chrome, By.id("nut-luu"), By.id("notice"));
        assertEquals("Đã lưu cài đặt nhận thông báo.", chrome.findElement(By.id("notice")).getText());
        assertTrue(chrome.findElement(By.cssSelector("#loai-CLOSED input[value=DAILY_DIGEST]")).isSelected());
        assertEquals(Preference.Mode.OFF, preferences.mode(user, Kind.ROUTED));
        assertEquals(Preference.Mode.DAILY_DIGEST, preferences.mode(user, Kind.CLOSED));
        Browser.check(chrome, "thong-bao-cai-dat-da-luu");

        // the unsubscribe page of an e-mail, without a session
        Browser.signOutEverywhere(chrome);
        String token = links.token(user, Kind.ANSWERED, Instant.now());
        chrome.get(base() + "huy-dang-ky?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        Browser.check(chrome, "huy-dang-ky");
        assertEquals("Hủy nhận thư thông báo", chrome.findElement(By.id("tieu-de")).getText());
        Browser.navigate(chrome, By.id("nut-huy"), By.id("tieu-de"));
        assertEquals("Đã hủy nhận thư", chrome.findElement(By.id("tieu-de")).getText());
        assertEquals(Preference.Mode.OFF, preferences.mode(user, Kind.ANSWERED));
        Browser.check(chrome, "huy-dang-ky-xong");
        chrome.get(base() + "huy-dang-ky?t=khong-hop-le");
        assertEquals("Liên kết không dùng được", chrome.findElement(By.id("tieu-de")).getText());
        Browser.check(chrome, "huy-dang-ky-sai");
    }
}
