package dev.trafficwizard.browser;

import dev.trafficwizard.routing.FormKind;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.AsAdmin;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Keyboard and screen-reader paths: the skip link, one Cancel in the confirm dialog, focus on the
 * result after apply, the URI paths named by their label; times in the reader's language.
 */
class KeyboardAndTimesBrowserTest extends ReviewsBrowserTestBase {

    @Test
    void theSkipLinkIsTheFirstTabStopAndLeadsToTheMainContent() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services?lang=ko"));
        page.keyboard().press("Tab");
        Locator skip = page.locator("#skip-link");
        assertThat(skip).isFocused();
        assertThat(skip).isVisible();
        assertThat(skip).hasText("본문으로 건너뛰기");
        BrowserSupport.screenshot(page, "skip-link-ko");
        page.keyboard().press("Enter");
        assertThat(page.locator("main#main")).isFocused();
        page.navigate(url("/services?lang=en"));
        page.keyboard().press("Tab");
        assertThat(page.locator("#skip-link")).hasText("Skip to main content");
    }

    @Test
    void theConfirmDialogHasOneCancelAndAfterApplyTheFocusIsOnTheResult() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/bookinfo/reviews/weighted?lang=en"));
        page.locator("#weight-0").fill("80");
        page.locator("#weight-1").fill("20");
        page.locator("#weight-2").fill("0");
        BrowserSupport.openConfirm(page);
        Locator dialog = page.locator("#confirm-apply");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))).hasCount(1);
        assertThat(dialog.getByRole(AriaRole.BUTTON)).hasCount(2);
        page.locator("#confirm-apply-button").click();
        assertThat(page.locator("#apply-result .alert")).containsText("Routing applied.");
        assertThat(page.locator("#apply-result .alert")).isFocused();
        BrowserSupport.screenshot(page, "apply-result-focused");
    }

    @Test
    void eachUriPathsFieldIsNamedByItsLabelNotItsPlaceholder() {
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/bookinfo/reviews/uri?lang=en"));
        Page.GetByRoleOptions paths = new Page.GetByRoleOptions().setName("Paths, one per line").setExact(true);
        assertThat(page.getByRole(AriaRole.TEXTBOX, paths)).hasCount(1);
        assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("/experimental"))).hasCount(0);
        page.locator("[data-row-add='rules']").click();
        assertThat(page.getByRole(AriaRole.TEXTBOX, paths)).hasCount(2);
        page.getByRole(AriaRole.TEXTBOX, paths).nth(1).fill("/second");
        assertThat(page.locator("#uri-paths-1")).hasValue("/second");
    }

    @Test
    void timesAreShownInTheReadersLanguageWithUtcInTheTooltip() {
        AsAdmin.run(() -> workflow.apply(TourRouting.weighted(), null, FormKind.WEIGHTED));
        Page page = browser.loggedIn(port, "admin");
        page.navigate(url("/services/bookinfo/reviews/history?lang=ko"));
        Locator time = page.locator("#revisions time[data-tw-time]").first();
        assertThat(time).hasAttribute("title", Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$"));
        assertThat(time).hasAttribute("datetime", Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT.*Z$"));
        // Intl.DateTimeFormat("ko"): "2026. 12. 2. 오전 10:30", not the ISO text or the UTC fallback
        assertThat(time).hasText(Pattern.compile("^\\d{4}\\. \\d{1,2}\\. \\d{1,2}\\. (오전|오후) \\d{1,2}:\\d\\d$"));
        page.navigate(url("/services/bookinfo/reviews/history?lang=en"));
        assertThat(page.locator("#revisions time[data-tw-time]").first())
                .hasText(Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d\\d\\s?(AM|PM)$"));
    }
}
