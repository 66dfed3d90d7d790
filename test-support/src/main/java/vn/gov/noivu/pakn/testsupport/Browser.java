package vn.gov.noivu.pakn.testsupport;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by bin/install-browser.sh) driven through
 * WebDriver. No browser or driver is ever downloaded.
 */
public final class Browser {

    private Browser() {
    }

    public static ChromeDriver start() {
        String driver = System.getProperty("pakn.chromedriver", "/usr/bin/chromedriver");
        String binary = System.getProperty("pakn.chromium", "/usr/bin/chromium");
        if (!new File(driver).canExecute() || !new File(binary).canExecute()) {
            throw new IllegalStateException("Chromium or ChromeDriver missing (" + binary + ", " + driver
                    + "): run bin/install-browser.sh");
        }
        try {
            Path profile = Files.createTempDirectory("pakn-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--lang=vi-VN", "--window-size=1280,1024",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return chrome;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Clicks something that loads a new page (a link, a form's submit button) and waits until the old page is gone,
     * then until {@code expected} is present on the new one. WebDriver's click does not reliably wait for a form post
     * to finish; asserting right after it reads the old page or finds nothing.
     */
    public static WebElement navigate(WebDriver browser, WebElement target, By expected) {
        WebElement page = browser.findElement(By.tagName("html"));
        target.click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> gone(page));
        return wait.until(ExpectedConditions.presenceOfElementLocated(expected));
    }

    /**
     * Whether the element's page was replaced. Chromium reports a node of the old document as stale, or, while the new
     * document is being attached, as "Node with given id does not belong to the document": both mean gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** {@link #navigate(WebDriver, WebElement, By)} for the element {@code target} finds. */
    public static WebElement navigate(WebDriver browser, By target, By expected) {
        return navigate(browser, browser.findElement(target), expected);
    }

    /** {@link #navigate(WebDriver, WebElement, By)} waiting for the new page's body. */
    public static WebElement navigate(WebDriver browser, WebElement target) {
        return navigate(browser, target, By.tagName("body"));
    }

    /**
     * Signs in through the real identity provider: opens {@code signInUrl} (a page that requires sign-in), fills
     * Keycloak's login form for {@code username} and waits until the browser is back on the service.
     */
    public static void signIn(WebDriver browser, String signInUrl, String username) {
        signOutEverywhere(browser);
        browser.get(signInUrl);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement user = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        user.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(
                vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens.PASSWORD);
        String keycloakHost = java.net.URI.create(browser.getCurrentUrl()).getAuthority();
        browser.findElement(By.id("kc-login")).click();
        wait.until(d -> !java.net.URI.create(d.getCurrentUrl()).getAuthority().equals(keycloakHost));
    }

    /** Drops every cookie of the browser: the services' sessions and Keycloak's single sign-on session. */
    public static void signOutEverywhere(WebDriver browser) {
        if (browser instanceof ChromeDriver chrome) {
            chrome.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        } else {
            browser.manage().deleteAllCookies();
        }
    }

    /** {@link #signIn(WebDriver, String, String)} as the demo user of a role and scope (created when needed). */
    public static void signIn(WebDriver browser, String signInUrl, String role, Object scope) {
        signIn(browser, signInUrl, TestServers.keycloakUser(role, scope));
    }

    /** The browser's cookies for the current site, for REST calls made as the signed-in user. */
    public static java.util.Map<String, String> cookies(WebDriver browser) {
        java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();
        browser.manage().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
        return cookies;
    }
}
