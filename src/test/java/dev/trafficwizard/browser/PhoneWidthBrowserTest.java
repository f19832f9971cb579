package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * #13, phone width: at 360 and 390 px no page scrolls sideways (wide tables turn into cards, YAML,
 * diffs and diagrams scroll inside their own box) and the controls that matter stay on the screen.
 * Every page is checked before any assertion fails, so one run names every page that overflows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class PhoneWidthBrowserTest extends BrowserTestBase {

    private static final String SERVICE = "/services/default/fleetman-staff-service";

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    private final List<String> overflows = new ArrayList<>();

    @AfterEach
    void removeRouting() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service");
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {360, 390})
    void noPageScrollsSidewaysAndTheMainControlsStayOnTheScreen(int width) {
        Page login = browser.newPage();
        login.setViewportSize(width, 800);
        login.navigate(url("/login"));
        check(login, width, "login");
        screenshot(login, width, "login");
        login.context().close();

        Page page = browser.loggedIn(port, "operator");
        page.setViewportSize(width, 800);
        page.navigate(url("/services"));
        Locator staff = page.locator("tr[data-service='default/fleetman-staff-service']");
        for (String shown : new String[]{"fleetman-staff-service", "default", "safe", "2/2", "risky", "1/1",
                "Round robin", "safe 67 %", "No routing"}) {
            assertThat(staff).containsText(shown);
        }
        // a card per service: every column's content on the screen, none behind a sideways scroll
        for (Locator part : new Locator[]{staff.getByRole(AriaRole.LINK), staff.locator(".tw-version").last(),
                staff.locator(".tw-split"), staff.locator(".rounded-pill")}) {
            withinScreen(width, part);
        }
        check(page, width, "services");
        screenshot(page, width, "services");

        menu(page, width);

        page.navigate(url(SERVICE));
        assertThat(page.locator("#versions")).containsText("staff-service-risky");
        check(page, width, "service");
        menu(page, width);
        screenshot(page, width, "service");
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-outcome")).isVisible();
        check(page, width, "simulator");

        for (String kind : new String[]{"weighted", "header", "uri", "subdomain", "dark", "rules"}) {
            page.navigate(url(SERVICE + "/" + kind));
            check(page, width, kind + " form");
            menu(page, width);
            preview(page, kind);
            assertThat(page.locator("#preview-yaml")).isVisible();
            check(page, width, kind + " form with a preview");
            page.locator("#apply-button").scrollIntoViewIfNeeded();
            withinScreen(page, width, "#apply-button");
            withinScreen(page, width, "#share-review");
            screenshot(page, width, kind);
        }

        page.navigate(url(SERVICE + "/weighted"));
        page.locator("#weight-0").fill("90");
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 90");
        page.locator("#share-review").click();
        String review = page.locator("#review-url").getAttribute("href");
        check(page, width, "weighted form with a review link");
        BrowserSupport.openConfirm(page);
        withinScreen(page, width, "#confirm-apply-button");
        check(page, width, "confirm dialog");
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        check(page, width, "applied");

        page.navigate(url(SERVICE));
        assertThat(page.locator("#live-yaml")).containsText("weight: 90");
        check(page, width, "managed service");
        screenshot(page, width, "service-managed");
        page.navigate(url(SERVICE + "/history"));
        assertThat(page.locator("#revisions pre").first()).isVisible();
        check(page, width, "history");
        menu(page, width);
        screenshot(page, width, "history");
        page.navigate(review);
        assertThat(page.locator("#review-yaml")).isVisible();
        check(page, width, "review");
        menu(page, width);
        screenshot(page, width, "review");
        page.navigate(url("/services/default/no-such-service"));
        check(page, width, "not found");
        page.navigate(url("/no-such-page"));
        check(page, width, "404");
        page.navigate(url(SERVICE + "/weighted?revision=not-a-number"));
        assertThat(page.locator("#bad-fields")).isVisible();
        check(page, width, "error page");

        // three versions, each with its lock, in Korean (longer words in places)
        page.navigate(url("/services/bookinfo/reviews/weighted?lang=ko"));
        page.locator("#weight-lock-1").click();
        page.locator("#weight-0").fill("50");
        assertThat(page.locator("#preview-yaml")).containsText("weight: 50");
        check(page, width, "weighted form, three versions, Korean");
        withinScreen(width, page.locator("#weight-lock-2"));
        withinScreen(width, page.locator("#weight-2"));
        screenshot(page, width, "weighted-ko");
        page.navigate(url("/services?lang=en"));

        assertThat(overflows).as("pages wider than the screen").isEmpty();
    }

    /** Shows a preview with something to write (YAML, diffs and, where there is live routing, diagrams). */
    private static void preview(Page page, String kind) {
        String shown;
        switch (kind) {
            case "weighted" -> {
                page.locator("#weight-0").fill("80");
                shown = "weight: 80";
            }
            case "header" -> {
                page.locator("[name='rules[0].name']").fill("x-canary-user-group-with-a-long-name");
                page.locator("[name='rules[0].value']").fill("early-adopters-of-the-new-version");
                shown = "early-adopters-of-the-new-version";
            }
            case "uri" -> {
                page.locator("[name='rules[0].value']").fill("/api/v2/a-rather-long-path/that-goes-on");
                shown = "/api/v2/a-rather-long-path/that-goes-on";
            }
            case "subdomain" -> {
                page.locator("#domain").fill("fleetman-with-a-long-domain.example.com");
                page.locator("[name='hostRoutes[0].host']").fill("experimental.fleetman-with-a-long-domain.example.com");
                shown = "experimental.fleetman-with-a-long-domain.example.com";
            }
            case "rules" -> {
                // #16 the rules editor: a rule with a long header condition, the catch-all's resilience open
                page.locator("#add-rule").click();
                page.waitForFunction("() => !document.querySelector('.htmx-request')");
                page.locator("[id^='c-'][id$='-name']").last().fill("x-canary-user-group-with-a-long-name");
                page.locator("[id^='c-'][id$='-value']").last().fill("early-adopters-of-the-new-version");
                page.locator("[id^='res-'][id$='-summary']").last().evaluate("s => s.parentElement.open = true");
                shown = "early-adopters-of-the-new-version";
            }
            default -> {
                page.locator("#dark-value").fill("dark-launch-testers");
                shown = "dark-launch-testers";
            }
        }
        assertThat(page.locator("#preview-yaml")).containsText(shown);
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
    }

    private void check(Page page, int width, String what) {
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        Object result = page.evaluate("""
                () => {
                  const doc = document.documentElement;
                  const meta = document.querySelector('meta[name=viewport]');
                  // without it a phone lays the page out 980 px wide and shrinks it
                  if (!meta || !meta.content.includes('width=device-width')) return 'no viewport meta tag';
                  if (doc.scrollWidth <= window.innerWidth) return '';
                  const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
                    .slice(0, 5)
                    .map(e => { const near = e.closest('[id]');
                      return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
                        + (near && near !== e ? ' in #' + near.id : '') + ' right=' + Math.round(e.getBoundingClientRect().right); });
                  return doc.scrollWidth + ' px wide (screen ' + window.innerWidth + '): ' + wide.join(', ');
                }""");
        if (!result.toString().isEmpty()) {
            overflows.add(width + " px, " + what + ": " + result);
        }
    }

    private static void withinScreen(Page page, int width, String selector) {
        withinScreen(width, page.locator(selector));
    }

    /** The menu button opens the folded navbar with Log out on the screen, and closes it again. */
    private static void menu(Page page, int width) {
        Locator logout = page.locator("#logout");
        assertThat(logout).isHidden();
        page.locator("#nav-toggle").click();
        withinScreen(width, logout);
        page.waitForFunction("() => !document.querySelector('#main-nav.collapsing')");
        page.locator("#nav-toggle").click();
        assertThat(logout).isHidden();
        page.evaluate("window.scrollTo(0, 0)");
    }

    /** Wholly on the screen once scrolled to (the page itself cannot scroll sideways: see check). */
    private static void withinScreen(int width, Locator control) {
        // to the middle of the screen: "if needed" scrolls whole pixels only, so an element whose edge
        // lies at a fraction of a pixel past the screen's stays cut by that fraction
        control.evaluate("e => e.scrollIntoView({block: 'center', inline: 'nearest'})");
        assertThat(control).isInViewport(new LocatorAssertions.IsInViewportOptions().setRatio(1));
        assertThat(((Number) control.page().evaluate("window.scrollX")).intValue()).as("sideways scroll").isZero();
        assertThat(((Number) control.page().evaluate("window.innerWidth")).intValue()).isEqualTo(width);
    }

    private static void screenshot(Page page, int width, String name) {
        BrowserSupport.screenshot(page, "phone-" + width + "-" + name);
    }
}
