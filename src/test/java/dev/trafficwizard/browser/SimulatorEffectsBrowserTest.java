package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.trafficwizard.web.SimulatorEffectsControllerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * #16: a viewer pastes a rule with a mirror, faults, a timeout and retries that only callers labelled
 * {@code app=productpage} take on port 9080; with the keyboard alone they give the simulator the port
 * and the caller's labels, and the answer says what the rule also does; the diagram draws the mirror
 * as a dashed edge and the faults on the rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class SimulatorEffectsBrowserTest extends BrowserTestBase {

    @Test
    void theKeyboardGivesPortAndLabelsAndTheAnswerShowsMirrorAndFaults() {
        Page page = browser.loggedIn(port, "viewer");
        page.setViewportSize(1400, 900);
        page.navigate(url("/analyze?lang=en"));
        page.locator("#analyze-yaml").fill(SimulatorEffectsControllerTest.PASTE);
        page.locator("#analyze-yaml").press("Control+Enter");
        assertThat(page.locator("#analyze-result-title")).isFocused();
        assertThat(page.locator(".tw-touched[data-service='bookinfo/reviews'] svg .tw-dg-mirror")).hasCount(1);
        assertThat(page.locator(".tw-touched[data-service='bookinfo/reviews'] svg .tw-dg-faulty"))
                .containsText("abort 5 % 503 · delay 10 % 2s");

        page.locator("#sim-path").focus();
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertThat(page.locator("#sim-port")).isFocused();
        page.keyboard().type("9080");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertThat(page.locator("#sim-source-labels")).isFocused();
        page.keyboard().type("app=productpage, version=v1");
        page.keyboard().press("Enter");

        Locator effects = page.locator("#sim-effects li");
        assertThat(effects).hasCount(6);
        assertThat(effects.nth(2)).hasText("10 % of these requests are also copied to version v3; its answer is ignored.");
        assertThat(effects.nth(1)).hasText(
                "5 % of these requests are answered 503 by the proxy (fault injection) without reaching any version.");
        assertThat(page.locator("#sim-shares .progress-bar")).hasText(new String[] {"v1 90 %", "v2 10 %"});
        assertThat(page.locator("label[for=sim-port]")).hasText("Port");
        assertThat(page.locator("label[for=sim-source-labels]")).hasText("Caller's labels");
        page.evaluate("() => document.getElementById('simulator').scrollIntoView({block: 'start'})");
        BrowserSupport.screenshot(page, "simulator-mirror-fault");
        page.locator("#simulator").screenshot(new Locator.ScreenshotOptions()
                .setPath(BrowserSupport.SCREENSHOTS.resolve("simulator-card-mirror-fault.png")));
        page.locator(".tw-touched[data-service='bookinfo/reviews']").screenshot(new Locator.ScreenshotOptions()
                .setPath(BrowserSupport.SCREENSHOTS.resolve("diagram-mirror-fault.png")));
        page.context().close();
    }

    @Test
    void inKoreanOnAPhoneTheNewFieldsFitAndTheAnswerIsKorean() {
        Page page = browser.loggedIn(port, "viewer");
        page.setViewportSize(390, 900);
        page.navigate(url("/analyze?lang=ko"));
        page.locator("#analyze-yaml").fill(SimulatorEffectsControllerTest.PASTE);
        page.locator("#analyze-yaml").press("Control+Enter");
        assertThat(page.locator("#analyze-result-title")).isFocused();
        page.locator("#sim-port").fill("9080");
        page.locator("#sim-source-labels").fill("app=productpage");
        page.locator("#sim-source-labels").press("Enter");
        assertThat(page.locator("#sim-effects li").nth(2)).hasText("이 요청의 10 %는 버전 v3에도 복사됩니다. 그 응답은 무시됩니다.");
        assertThat(page.locator("label[for=sim-port]")).hasText("포트");
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the page does not scroll sideways at 390 px").isTrue();
        page.locator("#simulator").screenshot(new Locator.ScreenshotOptions()
                .setPath(BrowserSupport.SCREENSHOTS.resolve("simulator-card-ko-390.png")));
        page.context().close();
    }
}
