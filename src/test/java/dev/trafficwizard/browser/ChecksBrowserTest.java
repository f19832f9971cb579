package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.trafficwizard.workflow.LegacyTestChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Checks page on the demo's broken {@code legacy} routing (checks fed by {@link LegacyTestChecks},
 * as the analyzers report there): filter by code with the keyboard, follow a diagnostic to the
 * service page where its YAML lines are highlighted, a Gateway's to its own view; the services
 * list's "with problems" filter. Screenshots at desktop width and 390 px, in English and Korean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@Import(LegacyTestChecks.Config.class)
class ChecksBrowserTest extends BrowserTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    dev.trafficwizard.catalog.Catalog catalog;

    /** A screenshot under target/screenshots; the English desktop ones also for the user guide (-Ddocs.images). */
    private static void shot(Page page, String name, String lang) {
        if (lang.equals("en")) {
            BrowserSupport.screenshot(page, name);
        } else {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(BrowserSupport.SCREENSHOTS.resolve(name + ".png")));
        }
    }

    /** axe-core (WCAG 2.1 AA and best practices) finds nothing; in Korean, no English outside code and names. */
    private void accessibleAndInLanguage(Page page, String lang) {
        var found = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .withTags(java.util.List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze().getViolations();
        assertThat(found).as(page.url() + "\n" + PageTourBrowserTest.describe(found)).isEmpty();
        if (lang.equals("ko")) {
            assertThat(KoreanText.englishOn(page, KoreanText.clusterNames(catalog))).as(page.url()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ko"})
    void filterByCodeFollowADiagnosticAndSeeItsLinesHighlighted(String lang) {
        Page page = browser.loggedIn(port, "viewer");
        page.navigate(url("/services?lang=" + lang));
        page.locator("#nav-checks").click();
        page.waitForURL("**/checks");
        assertThat(page.locator("#checks-counts [data-severity=ERROR]")).containsText("8");
        assertThat(page.locator("tr.tw-check-row")).hasCount(16);
        shot(page, "checks-" + lang, lang);
        accessibleAndInLanguage(page, lang);

        // the filter by keyboard: pick in the code list, Tab to the Filter button, Enter
        page.locator("#code").focus();
        page.locator("#code").selectOption("SUBSET_NOT_FOUND");
        page.keyboard().press("Tab");
        assertThat(page.locator("#checks-apply")).isFocused();
        page.keyboard().press("Enter");
        page.waitForURL("**/checks?*code=SUBSET_NOT_FOUND*");
        assertThat(page.locator("tr.tw-check-row")).hasCount(1);
        assertThat(page.locator("tr.tw-check-row")).containsText("IST0101");

        page.locator("a.tw-check-link").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/services/legacy/catalog\\?object=.*#yaml-hl"));
        Locator hit = page.locator("#live-yaml code.tw-line-hit");
        assertThat(hit).hasCount(1);
        assertThat(hit).hasText("subset: v3");
        assertThat(hit).hasId("yaml-hl");
        assertThat(hit).isInViewport();
        assertThat(page.locator("#finding-0")).hasAttribute("aria-current", "true");
        page.evaluate("window.scrollTo(0, 0)"); // the panel and the lines (the YAML box keeps its own scroll)
        shot(page, "checks-service-" + lang, lang);
        accessibleAndInLanguage(page, lang);

        // a Gateway: no service page shows it, its own view does
        page.navigate(url("/checks?code=IST0145"));
        page.locator("a.tw-check-link").first().click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/checks/object/Gateway/legacy/legacy-gateway\\?.*"));
        assertThat(page.locator("#object-yaml code.tw-line-hit").first()).hasText("- port:");
        assertThat(page.locator("#object-yaml code.tw-line-hit").last()).hasText("- legacy.example.com");
        shot(page, "checks-object-" + lang, "");
        accessibleAndInLanguage(page, lang);
        page.context().close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ko"})
    void theServicesListFiltersServicesWithProblems(String lang) {
        Page page = browser.loggedIn(port, "viewer");
        page.navigate(url("/services?lang=" + lang));
        Locator rows = page.locator("tr[data-service]");
        assertThat(rows).hasCount(21); // with bookinfo/details (#17 fc)
        assertThat(page.locator("tr[data-service='legacy/orders'] [data-problems=errors]")).isVisible();
        assertThat(page.locator("tr[data-service='bookinfo/reviews'] [data-problems]")).hasCount(0);

        page.getByRole(AriaRole.CHECKBOX).check();
        page.waitForURL("**problems=1*");
        // every legacy service but search (its IST0131 is a note, as in Istio)
        assertThat(rows).hasCount(11);
        assertThat(page.locator("tr[data-service='legacy/search']")).hasCount(0);
        shot(page, "services-problems-" + lang, lang);
        accessibleAndInLanguage(page, lang);
        page.context().close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ko"})
    void atPhoneWidthNothingScrollsSideways(String lang) {
        Page page = browser.loggedIn(port, "viewer");
        page.setViewportSize(390, 800);
        for (String path : new String[]{"/checks?lang=" + lang, "/services/legacy/catalog?object=VirtualService/legacy/catalog"
                + "&path=spec.http%5B0%5D.route%5B0%5D.destination.subset", "/checks/object/Gateway/legacy/legacy-gateway"
                + "?path=spec.servers%5B0%5D", "/services?problems=1"}) {
            page.navigate(url(path));
            int overflow = ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
                    .intValue();
            assertThat(overflow).as(path).isLessThanOrEqualTo(0);
            shot(page, "checks-390-" + path.replaceAll("[^a-z]+", "-").substring(1, 12) + "-" + lang, "");
        }
        page.context().close();
    }
}
