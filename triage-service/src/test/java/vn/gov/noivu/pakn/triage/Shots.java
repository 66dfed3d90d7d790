package vn.gov.noivu.pakn.triage;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Temporary: sizes and screenshots until test-support's Browser has them (branch ui-shared). */
final class Shots {
    enum Size {
        PHONE(390, 844, true), DESKTOP(1366, 900, false);

        final int width;
        final int height;
        final boolean mobile;

        Size(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    static final Map<WebDriver, Size> SIZES = new java.util.concurrent.ConcurrentHashMap<>();

    static void resize(WebDriver browser, Size size) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width,
                "height", size.height, "deviceScaleFactor", 1, "mobile", size.mobile));
        SIZES.put(browser, size);
    }

    static void check(WebDriver browser, String name) {
        try {
            ChromeDriver chrome = (ChromeDriver) browser;
            Size size = SIZES.getOrDefault(browser, Size.DESKTOP);
            java.util.List<?> wh = (java.util.List<?>) chrome.executeScript(
                    "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];");
            long w = Math.max(((Number) wh.get(0)).longValue(), size.width);
            long h = Math.min(((Number) wh.get(1)).longValue(), 12_000);
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
            Path dir = Files.createDirectories(Path.of("target/screenshots"));
            Files.write(dir.resolve(name + "-" + size.name().toLowerCase() + ".png"),
                    java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
