package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * #13, weights that add up by themselves: with two versions the other follows; with more, the
 * unlocked ones share the rest; the sliders work from the keyboard and say their value.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class WeightsBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;

    @AfterEach
    void removeRouting() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service");
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
    }

    @Test
    void withTwoVersionsTypingNinetyLeavesTenForTheOther() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/default/fleetman-staff-service/weighted"));
        assertThat(page.locator("#weights-help")).hasText("Change one weight and the other version takes the rest.");
        assertThat(page.locator("#weight-0")).hasValue("67");
        page.locator("#weight-0").click();
        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("90");
        assertThat(page.locator("#weight-1")).hasValue("10");
        assertThat(page.locator("#slider-0")).hasValue("90");
        assertThat(page.locator("#slider-1")).hasValue("10");
        assertThat(page.locator("#slider-1")).hasAttribute("aria-valuetext", "risky 10 %");
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        assertThat(page.locator("#preview-yaml")).containsText("subset: safe\n      weight: 90");
        assertThat(page.locator("#apply-button")).isEnabled();
        assertThat(page.locator("[data-weight-lock]")).hasCount(0);
    }

    @Test
    void withThreeVersionsTheUnlockedOnesShareTheRestAndTheLockedOnesStay() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/bookinfo/reviews/weighted"));
        Locator v1 = page.locator("#weight-0");
        Locator v2 = page.locator("#weight-1");
        Locator v3 = page.locator("#weight-2");
        assertThat(page.locator("#weights-help")).containsText("unlocked versions share the rest");

        v1.fill("50");
        assertThat(v2).hasValue("25");
        assertThat(v3).hasValue("25");

        Locator lockV2 = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lock v2"));
        lockV2.click();
        assertThat(lockV2).hasAttribute("aria-pressed", "true");
        v1.fill("70");
        assertThat(v2).hasValue("25");
        assertThat(v3).hasValue("5");
        v3.fill("20");
        assertThat(v1).hasValue("55");
        assertThat(v2).hasValue("25");
        assertThat(page.locator("#weight-sum")).hasText("100 %");

        v1.fill("90");
        assertThat(v1).hasValue("75");
        assertThat(v3).hasValue("0");
        assertThat(page.locator("#weight-note")).hasText("v1 can be at most 75 %: the locked versions take the rest.");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lock v3")).click();
        v1.fill("40");
        assertThat(page.locator("#weight-note")).containsText("Every other version is locked, so v1 must stay at 75 %");
        assertThat(page.locator("#weight-sum")).hasText("65 %");
        assertThat(page.locator("#apply-button")).isDisabled();
        BrowserSupport.screenshot(page, "weights-locked");
        v1.fill("75");
        assertThat(page.locator("#weight-note")).isEmpty();
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        assertThat(page.locator("#apply-button")).isEnabled();

        lockV2.click();
        assertThat(lockV2).hasAttribute("aria-pressed", "false");
        page.locator("#split-evenly").click();
        assertThat(v1).hasValue("50");
        assertThat(v2).hasValue("50");
        assertThat(v3).hasValue("0");

        page.navigate(url("/services/bookinfo/reviews/weighted?lang=ko"));
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("v2 잠금"))).isVisible();
    }

    @Test
    void keyboardOnlyTheSliderMovesTheWeightsAndApplyIsConfirmedWithoutAMouse() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/default/fleetman-staff-service/weighted"));
        Locator slider = page.locator("#slider-0");
        assertThat(slider).hasAccessibleName("Weight of safe in percent");
        tabTo(page, "slider-0");
        assertThat(slider).hasAttribute("aria-valuetext", "safe 67 %");

        page.keyboard().press("ArrowRight");
        assertThat(page.locator("#weight-0")).hasValue("68");
        assertThat(page.locator("#weight-1")).hasValue("32");
        assertThat(slider).hasAttribute("aria-valuetext", "safe 68 %");
        page.keyboard().press("PageUp");
        assertThat(page.locator("#weight-0")).hasValue("78");
        assertThat(page.locator("#weight-1")).hasValue("22");
        assertThat(page.locator("#slider-1")).hasValue("22");
        assertThat(page.locator("#weight-sum")).hasText("100 %");
        assertThat(page.locator("#preview-yaml")).containsText("subset: safe\n      weight: 78");
        assertThat(page.locator("#preview-yaml")).containsText("subset: risky\n      weight: 22");
        page.waitForFunction("() => !document.querySelector('.htmx-request')");

        tabTo(page, "apply-button");
        page.keyboard().press("Enter");
        assertThat(page.locator("#confirm-apply")).isVisible();
        page.waitForFunction("() => document.getElementById('confirm-apply').contains(document.activeElement)");
        tabTo(page, "confirm-apply-button");
        page.keyboard().press("Space");
        assertThat(page.locator("#apply-result")).containsText("Routing applied.");
        assertThat(page.locator("#confirm-apply")).isHidden();

        var route = catalog.service("default", "fleetman-staff-service").orElseThrow().virtualService()
                .getSpec().getHttp().get(0).getRoute();
        assertThat(route).extracting(r -> r.getWeight()).containsExactly(78, 22);
    }

    /** Presses Tab until the element with this id has the focus. */
    private static void tabTo(Page page, String id) {
        for (int presses = 0; presses < 80; presses++) {
            if (id.equals(page.evaluate("() => document.activeElement && document.activeElement.id"))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        fail("Tab never reached #" + id);
    }
}
