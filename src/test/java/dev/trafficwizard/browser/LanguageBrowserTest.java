package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The language switch: Korean pages, remembered across pages, and back to English. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class LanguageBrowserTest extends BrowserTestBase {

    @Test
    void koreanIsChosenOnceAndRemembered() {
        Page page = browser.loggedIn(port, "admin");
        page.locator("#lang-ko").click();
        assertThat(page.locator("h1")).hasText("서비스");
        // screen readers and the browser's hyphenation and fonts follow the page's language
        assertThat(page.locator("html")).hasAttribute("lang", "ko");
        BrowserSupport.screenshot(page, "services-ko");
        page.navigate("http://localhost:" + port + "/services/default/fleetman-staff-service/weighted");
        assertThat(page.locator("h1")).hasText("가중치 라우팅");
        assertThat(page.locator("#apply-button")).hasText("적용");
        assertThat(page.locator("html")).hasAttribute("lang", "ko");
        BrowserSupport.screenshot(page, "wizard-ko");
        page.locator("#lang-en").click();
        assertThat(page.locator("h1")).hasText("Weighted routing");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        page.navigate("http://localhost:" + port + "/login?lang=ko");
        assertThat(page.locator("html")).hasAttribute("lang", "ko");
    }
}
