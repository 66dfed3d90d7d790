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

    // ------------------------------------------------------------------ sizes, accessibility, screenshots

    /** The two sizes every page is checked at. */
    public enum Size {
        /** A phone: 390 x 844 CSS pixels, mobile viewport (the page's viewport meta is honoured). */
        PHONE(390, 844, true),
        /** A desktop: 1366 x 900. */
        DESKTOP(1366, 900, false);

        public final int width;
        public final int height;
        public final boolean mobile;

        Size(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final java.util.Map<WebDriver, Size> SIZES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Resizes the browser's viewport to {@code size}; a phone is emulated as a mobile device (Chromium's device
     * metrics), so a page without a viewport meta renders at 980 px zoomed out, as on a real phone.
     */
    public static void resize(WebDriver browser, Size size) {
        if (browser instanceof ChromeDriver chrome) {
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                    "width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", size.mobile));
        } else {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.width, size.height));
        }
        SIZES.put(browser, size);
    }

    /** The size last set with {@link #resize}; desktop when none was. */
    public static Size size(WebDriver browser) {
        return SIZES.getOrDefault(browser, Size.DESKTOP);
    }

    /** Where screenshots go: {@code target/screenshots/} of the module under test (system property pakn.screenshots). */
    public static Path screenshotDir() {
        return Path.of(System.getProperty("pakn.screenshots", "target/screenshots")).toAbsolutePath();
    }

    /**
     * Writes a PNG of the whole page (not only the viewport; at most 12,000 px high) to
     * {@code target/screenshots/<name>-<size>.png} and returns its path.
     */
    public static Path screenshot(WebDriver browser, String name) {
        try {
            Path dir = Files.createDirectories(screenshotDir());
            Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + size(browser).label() + ".png");
            byte[] png;
            if (browser instanceof ChromeDriver chrome) {
                Object dims = chrome.executeScript("return [document.documentElement.scrollWidth,"
                        + " document.documentElement.scrollHeight];");
                java.util.List<?> wh = (java.util.List<?>) dims;
                long w = Math.max(((Number) wh.get(0)).longValue(), size(browser).width);
                long h = Math.min(Math.max(((Number) wh.get(1)).longValue(), 1), 12_000);
                java.util.Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", java.util.Map.of(
                        "format", "png", "captureBeyondViewport", true,
                        "clip", java.util.Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
                png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
            } else {
                png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            }
            Files.write(file, png);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static volatile String axeSource;

    private static String axeSource() {
        if (axeSource == null) {
            try (var in = Browser.class.getResourceAsStream("/pakn-test/axe/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js missing from test-support");
                }
                axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    /**
     * Runs axe-core (vendored, see pakn-test/axe/PROVENANCE.md; all of its default rules: WCAG 2.x A/AA and best
     * practices) on the current page and returns its violations, one line each: rule, impact, help and the failing
     * elements. Empty when the page is clean.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> axe(WebDriver browser) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript(axeSource());
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                  done(r.violations.map(function (v) {
                    return v.id + ' (' + v.impact + '): ' + v.help + ' – ' + v.nodes.map(function (n) {
                      return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ');
                    }).join(' | ');
                  }));
                }).catch(function (e) { done(['axe failed: ' + e]); });
                """);
        return result == null ? java.util.List.of() : (java.util.List<String>) result;
    }

    /**
     * Checks the current page: writes its screenshot ({@link #screenshot}) and fails (AssertionError listing them) on
     * any axe-core violation.
     */
    public static void check(WebDriver browser, String name) {
        screenshot(browser, name);
        java.util.List<String> violations = axe(browser);
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core: " + violations.size() + " violation(s) on " + name + " ("
                    + size(browser).label() + ", " + browser.getCurrentUrl() + "):\n  " + String.join("\n  ", violations));
        }
    }
}
