package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What the limits of #12 look like to a person: repeated wrong passwords end in a page that says
 * how long to wait, and a form value too large to send is refused in place of the preview, which
 * comes back once the value is shortened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class HardeningBrowserTest extends BrowserTestBase {

    @Test
    void repeatedWrongPasswordsAreThrottledWithTheWaitShown() {
        Page page = browser.newPage();
        // a name of its own: the throttle must not slow the demo users of other tests in this context
        // after 5 free failures each one blocks for 1, 2, 4 … s: within a few more the wait shows
        for (int i = 0; i < 12 && page.locator("#login-throttled").count() == 0; i++) {
            page.navigate(url("/login"));
            page.locator("#username").fill("mallory");
            page.locator("#password").fill("guess-" + i);
            page.locator("#login-button").click();
            page.waitForLoadState();
        }
        assertThat(page.locator("#login-throttled")).isVisible();
        assertThat(page.locator("#login-throttled")).containsText("try again in");
        BrowserSupport.screenshot(page, "login-throttled");
    }

    @Test
    void aValueTooLargeToSendIsRefusedWhereThePreviewWasAndThePreviewComesBack() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/default/fleetman-webapp/dark"));
        assertThat(page.locator("#preview-yaml")).isVisible();
        page.locator("#dark-value").fill("x".repeat(300 * 1024));
        assertThat(page.locator("#preview [data-code=BODY_TOO_LARGE]").or(
                page.locator("[data-code=BODY_TOO_LARGE]#preview"))).isVisible();
        BrowserSupport.screenshot(page, "form-body-too-large");
        page.locator("#dark-value").fill("beta");
        assertThat(page.locator("#preview-yaml")).containsText("beta");
    }
}
