package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * #13, phone width: at 390 px the navbar folds behind a menu button instead of running 400 px off
 * the screen; opened, its links, language switch and Log out are all within the screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class PhoneNavbarBrowserTest extends BrowserTestBase {

    @Test
    void atPhoneWidthTheNavbarFoldsAndEverythingInItIsReachable() {
        Page page = browser.loggedIn(port, "operator");
        page.setViewportSize(390, 844);
        page.navigate(url("/services/default/fleetman-webapp"));
        assertThat(page.locator("#logout")).isHidden();
        page.locator("#nav-toggle").click();
        assertThat(page.locator("#logout")).isVisible();
        assertThat(page.locator("#lang-ko")).isVisible();
        for (String id : new String[]{"#logout", "#lang-ko", "#current-user", "#demo-badge"}) {
            var box = page.locator(id).boundingBox();
            assertThat(box.x + box.width).as(id + " within the screen").isLessThanOrEqualTo(390);
        }
        Object navWidth = page.evaluate("document.querySelector('nav.navbar').scrollWidth");
        assertThat(((Number) navWidth).intValue()).as("the navbar's width").isLessThanOrEqualTo(390);
        BrowserSupport.screenshot(page, "phone-navbar");
        page.locator("#logout").click();
        page.waitForURL("**/login?logout");
    }
}
