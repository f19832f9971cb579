package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.metrics.DemoTraffic;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.release.Rollouts;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * #17 a release from the service page, as a release manager clicks it on the demo cluster's
 * bookinfo/reviews: a 10 → 50 → 100 rollout with pauses "until promoted", promoted twice, the
 * history, the weights and the routing following each step to Succeeded; a second rollout aborted
 * by hand (everything back on its stable version); and one aborted by a gate while the demo's
 * simulated traffic makes the canary fail. Screenshots of a rollout in progress and of the
 * automatic abort go to docs/images with -Ddocs.images=true.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"traffic-wizard.cluster.mode=demo", "traffic-wizard.rollouts.tick=1s"})
class ReleaseBrowserTest extends BrowserTestBase {

    private static final String SERVICE = "/services/bookinfo/reviews";
    /** The driver judges the gates in the background: the page looks every few seconds. */
    private static final LocatorAssertions.HasTextOptions DRIVER = new LocatorAssertions.HasTextOptions().setTimeout(90_000);

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    Rollouts rollouts;
    @Autowired
    TrafficMetrics metrics;

    @AfterEach
    void cleanUp() {
        AsAdmin.run(() -> rollouts.current("bookinfo", "reviews").filter(r -> !r.phase().finished())
                .ifPresent(r -> rollouts.abort("bookinfo", "reviews")));
        if (metrics instanceof DemoTraffic demo) {
            demo.fail("bookinfo", "reviews", "v3", false);
        }
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
    }

    @Test
    void aRolloutIsPromotedTwiceToSucceededAndAnotherIsAbortedByHand() {
        Page page = browser.loggedIn(port, "operator");
        page.setViewportSize(1400, 1000);
        page.navigate(url(SERVICE));
        Locator form = page.locator("#rollout-form");
        assertThat(form).isVisible();
        page.locator("#rollout-canary").selectOption("v2");
        assertThat(page.locator("#rollout-stable")).hasValue("v1");
        // the default steps: 10 % and 50 % until promoted, then 100 %
        assertThat(page.locator("#step-0-weight")).hasValue("10");
        assertThat(page.locator("#step-1-weight")).hasValue("50");
        assertThat(page.locator("#step-2-weight")).hasValue("100");
        assertThat(page.locator("#step-0-until")).isChecked();
        assertThat(page.locator("#step-1-until")).isChecked();
        click(page, "rollout-start");

        assertThat(page.locator("#rollout-done")).hasText("Rollout started: the first step is live.");
        assertThat(page.locator("#rollout-phase")).hasText("Paused");
        assertThat(page.locator("#rollout-step")).hasText("Step 1 of 3");
        assertThat(page.locator("#rollout-weight")).hasText("canary v2 10 % · stable v1 90 %");
        assertThat(page.locator("#rollout-reason")).hasText("waiting for a promote");
        assertThat(page.locator("#route-lines")).containsText("v1 90 %");
        assertThat(page.locator("#route-lines")).containsText("v2 10 %");
        assertThat(page.locator("#rollout-history")).containsText("step 1");
        assertThat(page.locator("#rollout-history")).containsText("started");
        page.mouse().move(0, 0);
        BrowserSupport.part(page.locator("#release"), "release-in-progress");
        BrowserSupport.screenshot(page, "release-page-in-progress");

        click(page, "rollout-promote");
        assertThat(page.locator("#rollout-step")).hasText("Step 2 of 3");
        assertThat(page.locator("#rollout-weight")).hasText("canary v2 50 % · stable v1 50 %");
        assertThat(page.locator("#route-lines")).containsText("v2 50 %");
        assertThat(page.locator("#rollout-history tbody tr").first()).containsText("step 2");

        click(page, "rollout-promote");
        assertThat(page.locator("#rollout-phase")).hasText("Succeeded");
        assertThat(page.locator("#route-lines")).containsText("v2 100 %");
        assertThat(page.locator("#rollout-history")).containsText("succeeded");
        assertThat(page.locator("#rollout-actions")).hasCount(0);

        // another rollout: from the version with the most traffic now (v2) to v3, aborted by hand
        assertThat(page.locator("#rollout-stable")).hasValue("v2");
        assertThat(page.locator("#rollout-canary")).hasValue("v3");
        click(page, "rollout-start");
        assertThat(page.locator("#rollout-weight")).hasText("canary v3 10 % · stable v2 90 %");
        assertThat(page.locator("#route-lines")).containsText("v3 10 %");
        click(page, "rollout-abort");
        assertThat(page.locator("#rollout-done")).hasText("Rollout aborted: all requests go to the stable version.");
        assertThat(page.locator("#rollout-phase")).hasText("Aborted");
        assertThat(page.locator("#route-lines")).containsText("v2 100 %");
        assertThat(page.locator("#rollout-history tbody tr").first()).containsText("aborted");
        assertThat(page.locator("#rollout-history tbody tr").first()).containsText("operator");
        page.context().close();
    }

    @Test
    void aGateAbortsTheRolloutWhenTheCanaryFails() {
        Page page = browser.loggedIn(port, "operator");
        page.setViewportSize(1400, 1000);
        page.navigate(url(SERVICE));
        // the demo's knob: v3 answers part of its requests with 5xx (simulated)
        Locator knob = page.locator("#demo-knob input[data-version='v3']");
        assertThat(page.locator("#demo-knob")).containsText("Simulate failures for v3");
        ready(page);
        knob.check();
        assertThat(page.locator("#demo-done")).hasText("Simulated failures on for v3.");
        assertThat(page.locator("#metrics-source")).containsText("Simulated demo traffic");

        page.locator("#rollout-canary").selectOption("v3");
        page.locator("#step-0-weight").fill("20");
        page.locator("#step-0-until").uncheck();
        page.locator("#step-0-pause").fill("10m");
        page.locator("#gate-minSuccessRate").fill("95");
        page.locator("#gate-maxP99").fill("500");
        page.locator("#gate-interval").fill("30s");
        click(page, "rollout-start");
        assertThat(page.locator("#rollout-phase")).hasText("Progressing");
        assertThat(page.locator("#rollout-weight")).hasText("canary v3 20 % · stable v1 80 %");

        // the driver judges the canary every 30 s (the shortest interval); the panel looks every 5 s and draws the page again
        assertThat(page.locator("#rollout-phase")).hasText("Aborted", DRIVER);
        assertThat(page.locator("#rollout-reason")).containsText("gate: success rate 70 % below 95 %");
        assertThat(page.locator("#rollout-history")).containsText("gate failed");
        assertThat(page.locator("#route-lines")).containsText("v1 100 %");
        page.mouse().move(0, 0);
        BrowserSupport.part(page.locator("#release"), "release-gate-abort");
        BrowserSupport.part(page.locator("#versions").locator("xpath=ancestor::section"), "release-figures");
        // the same figures in the services list, named as simulated
        page.navigate(url("/services?namespace=bookinfo"));
        Locator reviews = page.locator("tr[data-service='bookinfo/reviews']");
        assertThat(reviews.locator(".tw-figures-list")).containsText("req/s");
        assertThat(page.locator("#metrics-source")).containsText("Simulated demo traffic");
        BrowserSupport.part(page.locator("#services-table"), "release-services-figures");
        page.context().close();
    }

    @Test
    void aHeaderFirstStepIsBuiltWithTheKeyboardAndSendsOnlyThoseRequestsToTheCanary() {
        Page page = browser.loggedIn(port, "operator");
        page.setViewportSize(1400, 1000);
        page.navigate(url(SERVICE));
        ready(page);
        page.locator("#rollout-canary").selectOption("v2");
        page.locator("#rollout-first").selectOption("header");
        assertThat(page.locator("#rollout-header-name")).isVisible();
        assertThat(page.locator("#rollout-first")).isFocused();
        page.locator("#rollout-header-name").fill("x-canary");
        page.locator("#rollout-header-value").fill("on");
        // a fourth weight step with the keyboard, then the 100 % step removed again
        page.locator("#add-step").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#step-3-weight")).isFocused();
        page.keyboard().type("75");
        page.locator("#step-2-remove").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#step-2-weight")).hasValue("75");
        assertThat(page.locator("#rollout-header-name")).hasValue("x-canary");
        assertThat(page.locator("label[for='step-0-weight']")).hasText("Step 2");
        click(page, "rollout-start");

        assertThat(page.locator("#rollout-step")).hasText("Step 1 of 4");
        assertThat(page.locator("#rollout-steps")).containsText("only header x-canary: on");
        assertThat(page.locator("#route-lines")).containsText("x-canary");
        assertThat(page.locator("#route-lines")).containsText("v1 100 %");
        click(page, "rollout-promote");
        assertThat(page.locator("#rollout-step")).hasText("Step 2 of 4");
        assertThat(page.locator("#rollout-weight")).hasText("canary v2 10 % · stable v1 90 %");
        assertThat(page.locator("#route-lines")).not().containsText("x-canary");
        click(page, "rollout-promote-full");
        assertThat(page.locator("#rollout-phase")).hasText("Succeeded");
        assertThat(page.locator("#route-lines")).containsText("v2 100 %");
        page.context().close();
    }

    @Test
    void inKoreanOnAPhoneThePanelStaysOnTheScreenSpeaksKoreanAndPassesAxe() {
        Page page = browser.loggedIn(port, "operator");
        page.setViewportSize(390, 800);
        page.navigate(url(SERVICE + "?lang=ko"));
        assertThat(page.locator("#rollout-form")).isVisible();
        java.util.List<String> problems = new java.util.ArrayList<>();
        look(page, "start form", problems);
        page.locator("#release").screenshot(new Locator.ScreenshotOptions()
                .setPath(BrowserSupport.SCREENSHOTS.resolve("release-ko-390-form.png")));
        page.locator("#rollout-canary").selectOption("v2");
        click(page, "rollout-start");
        assertThat(page.locator("#rollout-phase")).hasText("일시 중지");
        assertThat(page.locator("#rollout-reason")).hasText("승격을 기다리는 중");
        look(page, "rollout in progress", problems);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(BrowserSupport.SCREENSHOTS.resolve("release-ko-390.png")));
        page.locator("#release").screenshot(new Locator.ScreenshotOptions()
                .setPath(BrowserSupport.SCREENSHOTS.resolve("release-ko-390-panel.png")));
        page.locator("#versions").locator("xpath=ancestor::section").screenshot(new Locator.ScreenshotOptions()
                .setPath(BrowserSupport.SCREENSHOTS.resolve("release-ko-390-versions.png")));
        org.assertj.core.api.Assertions.assertThat(problems).isEmpty();
        page.context().close();
    }

    /** No sideways scrolling, no English outside names and code, no axe violation in the panel. */
    private void look(Page page, String what, java.util.List<String> problems) {
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        Object wide = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth ? ''"
                + " : document.documentElement.scrollWidth + ' px wide'");
        if (!wide.toString().isEmpty()) {
            problems.add(what + ": " + wide);
        }
        java.util.Set<String> english = KoreanText.englishOn(page, KoreanText.clusterNames(catalog));
        if (!english.isEmpty()) {
            problems.add(what + ", English: " + english);
        }
        var violations = new com.deque.html.axecore.playwright.AxeBuilder(page).include(java.util.List.of("#release"))
                .withTags(java.util.List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze().getViolations();
        if (!violations.isEmpty()) {
            problems.add(what + ", axe: " + PageTourBrowserTest.describe(violations));
        }
    }

    /** Clicks a button of the panel once the page (drawn again after each action) has its scripts running. */
    private static void click(Page page, String id) {
        ready(page);
        page.locator("#" + id).click();
    }

    private static void ready(Page page) {
        page.waitForFunction("() => document.readyState === 'complete' && window.htmx !== undefined");
    }
}
