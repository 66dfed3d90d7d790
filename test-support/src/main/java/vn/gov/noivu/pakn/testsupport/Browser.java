package vn.gov.noivu.pakn.testsupport;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
}
