package dev.trafficwizard.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts Playwright with Debian's Chromium when it is installed (CI installs it), otherwise with
 * Playwright's own browser; never downloads a browser. Screenshots go to target/screenshots.
 */
final class BrowserSupport implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    BrowserSupport() {
        // generous on a busy 2-core machine; a passing assertion returns as soon as it holds
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(List.of(
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"));
        if (Files.isExecutable(DEBIAN_CHROMIUM)) {
            options.setExecutablePath(DEBIAN_CHROMIUM);
        }
        browser = playwright.chromium().launch(options);
    }

    Page newPage() {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900)).newPage();
        page.setDefaultTimeout(20_000);
        return page;
    }

    /** A page of a fresh browser context, logged in through the login form. */
    Page loggedIn(int port, String user) {
        Page page = newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.locator("#username").fill(user);
        page.locator("#password").fill(user);
        page.locator("#login-button").click();
        page.waitForURL("**/services");
        return page;
    }

    /**
     * Saves a full-page screenshot under target/screenshots; with {@code -Ddocs.images=true} also
     * under docs/images for the user guide (see docs/README.md for the command).
     */
    /**
     * Clicks Apply once the live preview has settled and waits for the confirmation dialog; a
     * preview answer can swap the Apply button under the click, so it tries again then.
     */
    static void openConfirm(Page page) {
        for (int attempt = 1; ; attempt++) {
            page.waitForFunction("() => !document.querySelector('.htmx-request')");
            page.locator("#apply-button").click();
            try {
                page.locator("#confirm-apply").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.VISIBLE).setTimeout(3_000));
                return;
            } catch (com.microsoft.playwright.TimeoutError swapped) {
                if (attempt == 3) {
                    throw swapped;
                }
            }
        }
    }

    /**
     * Types the weighted form's weights one by one. The form shares what is left among the unlocked
     * versions, so each weight but the last is locked once typed; the sum is then exactly these.
     */
    static void weights(Page page, String... weights) {
        for (int i = 0; i < weights.length; i++) {
            page.locator("#weight-" + i).fill(weights[i]);
            if (i < weights.length - 1) {
                page.locator("#weight-lock-" + i).click();
            }
        }
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#weight-sum")).hasText("100 %");
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        if (Boolean.getBoolean("docs.images")) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs", "images", name + ".png"))
                    .setFullPage(false));
        }
    }

    /** A screenshot of one part of a page, saved as {@link #screenshot} saves a whole page. */
    static void part(com.microsoft.playwright.Locator locator, String name) {
        locator.screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
        if (Boolean.getBoolean("docs.images")) {
            locator.screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(Path.of("docs", "images", name + ".png")));
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
