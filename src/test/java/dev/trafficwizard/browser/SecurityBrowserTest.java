package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What a reviewer and an expired session look like in the browser. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class SecurityBrowserTest extends BrowserTestBase {

    @Test
    void theLoginPageNamesTheDemoUsersAndRefusesAWrongPassword() {
        Page page = browser.newPage();
        page.navigate("http://localhost:" + port + "/services");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        assertThat(page.locator("#demo-users")).containsText("viewer");
        BrowserSupport.screenshot(page, "login");
        page.locator("#username").fill("viewer");
        page.locator("#password").fill("wrong");
        page.locator("#login-button").click();
        assertThat(page.locator("#login-error")).isVisible();
    }

    @Test
    void aViewerPreviewsAndSimulatesButCannotApplyWhateverTheyCraft() {
        Page page = browser.loggedIn(port, "viewer");
        assertThat(page.locator("#current-user")).containsText("viewer");
        page.navigate("http://localhost:" + port + "/services/default/fleetman-webapp");
        assertThat(page.locator("#action-weighted")).hasCount(0);
        page.navigate("http://localhost:" + port + "/services/default/fleetman-webapp/weighted");
        page.locator("#weight-0").fill("90");
        page.locator("#weight-1").fill("10");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 90");
        assertThat(page.locator("#apply-button")).hasCount(0);
        assertThat(page.locator("#viewer-note")).isVisible();
        BrowserSupport.screenshot(page, "wizard-viewer");

        // a crafted request with a valid session and CSRF token is still refused by the server
        Object status = page.evaluate("""
                async () => {
                  const token = document.querySelector("meta[name='_csrf']").content;
                  const header = document.querySelector("meta[name='_csrf_header']").content;
                  const body = new URLSearchParams("version=original&version=experimental&weight=90&weight=10");
                  const response = await fetch(location.pathname + "/apply", {method: "POST",
                      headers: {[header]: token, "HX-Request": "true"}, body});
                  return response.status;
                }""");
        assertThat(status).isEqualTo(403);
        page.navigate("http://localhost:" + port + "/services/default/fleetman-webapp");
        assertThat(page.locator("#routing-state")).hasText("No routing");
    }

    @Test
    void anExpiredSessionDuringAnHtmxRequestGoesToTheLoginPage() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate("http://localhost:" + port + "/services/default/fleetman-webapp/weighted");
        page.context().clearCookies();
        page.locator("#weight-0").fill("80");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        assertThat(page.locator("#login-form")).isVisible();
    }
}
