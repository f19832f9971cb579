package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** #17 fc: the demo's bookinfo/details, managed by an Argo Rollouts Rollout: the read-only card, both languages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class ForeignControllerBrowserTest extends BrowserTestBase {

    @Test
    void theServicePageShowsTheRolloutThatManagesItsRouting() {
        Page page = browser.loggedIn(port, "operator");
        page.navigate(url("/services/bookinfo/details"));
        assertThat(page.locator("#foreign-title")).hasText("Routing managed by Argo Rollouts");
        assertThat(page.locator("#foreign-controllers")).containsText("Rollout bookinfo/details, phase Paused");
        BrowserSupport.screenshot(page, "foreign-controller");
        BrowserSupport.part(page.locator("#foreign-controllers"), "foreign-controller-card");

        page.context().addCookies(List.of(new Cookie("tw-lang", "ko").setUrl(url("/"))));
        page.navigate(url("/services/bookinfo/details"));
        assertThat(page.locator("#foreign-title")).hasText("Argo Rollouts이(가) 관리하는 라우팅");
        BrowserSupport.screenshot(page, "foreign-controller-ko");

        page.setViewportSize(390, 844);
        page.navigate(url("/services/bookinfo/details"));
        BrowserSupport.screenshot(page, "foreign-controller-phone");
    }
}
