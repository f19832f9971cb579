package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small things of #13 in the browser: host rows follow the Domain field, header names with
 * capitals, the URI prefix hint, the simulator naming an unreadable header line, and no console
 * error (htmx:oobErrorNoTarget, CSP) while the non-weighted forms preview.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class SmallThingsBrowserTest extends BrowserTestBase {

    private static final String FORMS = "/services/default/fleetman-webapp/";

    @Test
    void theNonWeightedFormsPreviewWithoutConsoleErrors() {
        Page page = browser.loggedIn(port, "operator");
        List<String> errors = PagesStayTrueBrowserTest.consoleErrors(page);
        for (String kind : List.of("header", "uri", "subdomain", "dark")) {
            page.navigate(url(FORMS + kind));
            assertThat(page.locator("#checks-ok, #checks-summary")).isVisible();
            page.locator("#default-version").selectOption("experimental");
            assertThat(page.locator("#preview-yaml")).containsText("subset: experimental");
            page.waitForFunction("() => !document.querySelector('.htmx-request')");
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void subdomainHostRowsFollowTheDomainAsItIsTyped() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url(FORMS + "subdomain"));
        assertThat(page.locator("#domain")).hasValue("example.com");
        page.locator("input[name='hostRoutes[1].host']").fill("beta.other.org");
        page.locator("#domain").fill("");
        page.locator("#domain").pressSequentially("fleetman.io");
        assertThat(page.locator("input[name='hostRoutes[0].host']")).hasValue("fleetman.io");
        assertThat(page.locator("input[name='hostRoutes[1].host']")).hasValue("beta.other.org");
        assertThat(page.locator("#preview-yaml")).containsText("fleetman.io");
        BrowserSupport.screenshot(page, "small-subdomain-follows");
    }

    @Test
    void capitalsInAHeaderNameAreLowercasedWithANoteAndThePrefixHintShows() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url(FORMS + "header"));
        page.locator("input[name='rules[0].name']").fill("X-User");
        assertThat(page.locator("#form-checks .tw-header-note"))
                .hasText("Header names do not depend on case: X-User is written as x-user.");
        assertThat(page.locator("#preview-yaml")).containsText("x-user:");
        assertThat(page.locator("#apply-button")).isEnabled();
        BrowserSupport.screenshot(page, "small-header-lowercased");

        page.navigate(url(FORMS + "uri"));
        assertThat(page.locator(".tw-prefix-hint").first()).containsText("/canary also matches /canaryfoo");
    }

    @Test
    void aSimulatorHeaderLineWithoutAColonIsNamed() {
        Page page = browser.loggedIn(port, "viewer");
        page.navigate(url("/services/default/fleetman-webapp"));
        page.locator("#sim-headers").fill("x-user: alice\nend-user jason");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-header-error")).containsText("Line 2 of the headers");
        assertThat(page.locator("#sim-header-error")).containsText("end-user jason");
        page.locator("#sim-headers").fill("end-user: jason");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-outcome")).isVisible();
    }
}
