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
        wait.until(ExpectedConditions.stalenessOf(page));
        return wait.until(ExpectedConditions.presenceOfElementLocated(expected));
    }

    /** {@link #navigate(WebDriver, WebElement, By)} for the element {@code target} finds. */
    public static WebElement navigate(WebDriver browser, By target, By expected) {
        return navigate(browser, browser.findElement(target), expected);
    }

    /** {@link #navigate(WebDriver, WebElement, By)} waiting for the new page's body. */
    public static WebElement navigate(WebDriver browser, WebElement target) {
        return navigate(browser, target, By.tagName("body"));
    }
}
