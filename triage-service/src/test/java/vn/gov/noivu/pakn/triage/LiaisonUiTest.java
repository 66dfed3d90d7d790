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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.gov.noivu.pakn.testsupport.Browser;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The liaison pages driven in a real headless Chromium. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class LiaisonUiTest {

    @TestHTTPResource("/")
    URL base;

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
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void liaisonSignsInFiltersQueueCompletesSixClearAndAnswersInTheBrowser() {
        String evil = "<script>document.title='hacked'</script> Xã hỏi về <b>thẩm quyền</b>";
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68).topic("T12")
                .title(evil));
        ChromeDriver browser = Browser.start();
        try {
            browser.get(url("/can-bo/hang-cho"));
            assertTrue(browser.getPageSource().contains("Vui lòng đăng nhập"), "pages need a sign-in");

            browser.get(url("/can-bo/dang-nhap?token=not-a-token"));
            assertTrue(browser.findElement(By.id("loi")).getText().contains("không hợp lệ"));

            browser.get(url("/can-bo/dang-nhap?token=" + Fixtures.liaison(68)));
            assertTrue(browser.getCurrentUrl().endsWith("/can-bo/hang-cho"), browser.getCurrentUrl());
            Browser.navigate(browser, browser.findElement(By.cssSelector("a[data-filter='chua-nhan']")));
            WebElement row = browser.findElement(By.cssSelector("tr[data-case='" + c.id + "']"));
            assertTrue(row.getText().contains(evil), "user text is shown as text: " + row.getText());
            assertFalse(browser.getTitle().contains("hacked"));
            Browser.navigate(browser, row.findElement(By.tagName("a")));

            assertEquals("ROUTED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertEquals(evil, browser.findElement(By.id("tieu-de")).getText());
            assertTrue(browser.findElement(By.id("thieu")).getText().contains("Còn thiếu 2 mục"));
            assertTrue(browser.findElement(By.id("dem-nguoc")).getText().startsWith("Còn "));
            Browser.navigate(browser, browser.findElement(By.id("nut-nhan")));
            assertEquals("Đã nhận xử lý hồ sơ.", browser.findElement(By.id("thong-bao")).getText());
            assertEquals("CLAIMED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));

            // answering while 6 rõ is incomplete is refused with the reason
            browser.findElement(By.id("answer")).sendKeys("Trả lời sớm");
            Browser.navigate(browser, browser.findElement(By.id("nut-tra-loi")));
            assertTrue(browser.findElement(By.id("loi")).getText().contains("Rõ việc"),
                    browser.findElement(By.id("loi")).getText());

            browser.findElement(By.id("task")).sendKeys("Hướng dẫn thẩm quyền ký văn bản");
            browser.findElement(By.id("deliverable")).sendKeys("Công văn trả lời");
            Browser.navigate(browser, browser.findElement(By.id("nut-phan-cong")));
            assertEquals("Đã cập nhật phân công.", browser.findElement(By.id("thong-bao")).getText());
            assertTrue(browser.findElements(By.id("thieu")).isEmpty(), "6 rõ complete");

            browser.findElement(By.id("answer")).sendKeys("Chủ tịch UBND xã ký theo Điều 22 Luật 2025.");
            Browser.navigate(browser, browser.findElement(By.id("nut-tra-loi")));
            assertEquals("Đã gửi trả lời.", browser.findElement(By.id("thong-bao")).getText());
            assertEquals("ANSWERED", browser.findElement(By.id("trang-thai")).getAttribute("data-status"));
            assertTrue(browser.findElement(By.id("dien-bien")).getText().contains("Đã trả lời"));

            browser.get(url("/can-bo/hang-cho?loc=da-tra-loi"));
            assertFalse(browser.findElements(By.cssSelector("tr[data-case='" + c.id + "']")).isEmpty());
        } finally {
            browser.quit();
        }
        Fixtures.caseOf(c.id).then().body("status", equalTo("ANSWERED"))
                .body("answer.text", equalTo("Chủ tịch UBND xã ký theo Điều 22 Luật 2025."))
                .body("answer.answeredById", equalTo("liaison-68"));
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefusedAndTheCookieIsNotAnApiCredential() {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(68));
        String token = Fixtures.liaison(68);
        var signIn = given().redirects().follow(false).queryParam("token", token).get("/can-bo/dang-nhap");
        signIn.then().statusCode(303);
        var cookie = signIn.detailedCookie("pakn_token");
        assertEquals(token, cookie.getValue());
        assertTrue(cookie.isHttpOnly());
        assertEquals("/can-bo", cookie.getPath());
        // the JSON API does not take the token from a cookie
        given().cookie("pakn_token", token).get("/api/v1/cases/" + c.id).then().statusCode(401);
        // a cross-site form post carries the cookie but cannot know the CSRF token
        given().cookie("pakn_token", token).contentType("application/x-www-form-urlencoded")
                .formParam("x", "y").redirects().follow(false)
                .post("/can-bo/ho-so/" + c.id + "/nhan").then().statusCode(400);
        Fixtures.caseOf(c.id).then().body("status", equalTo("ROUTED"));
        // with the token of the page it works
        var page = given().cookie("pakn_token", token).get("/can-bo/ho-so/" + c.id);
        page.then().statusCode(200);
        String csrf = page.getCookie("pakn-csrf");
        given().cookie("pakn_token", token).cookie("pakn-csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf).redirects().follow(false)
                .post("/can-bo/ho-so/" + c.id + "/nhan").then().statusCode(303);
        Fixtures.caseOf(c.id).then().body("status", equalTo("CLAIMED"));
        // another province's case page is not found
        given().cookie("pakn_token", Fixtures.liaison(1)).get("/can-bo/ho-so/" + c.id).then().statusCode(404);
    }
}
