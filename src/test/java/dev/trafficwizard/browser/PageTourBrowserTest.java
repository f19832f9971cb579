package dev.trafficwizard.browser;

import dev.trafficwizard.routing.FormKind;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import dev.trafficwizard.AsAdmin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of page (PageTour: login, services, service, the five forms and the rules editor with a preview, review,
 * history, 403, 404, 400, 405), walked once per language:
 * <ul>
 *   <li>axe-core inside the browser: zero violations of WCAG 2.1 A/AA (colour contrast included)
 *   and axe's best practices, in English and in Korean;</li>
 *   <li>in Korean, no English words in what a reader meets (visible text, title, accessible names)
 *   outside code, YAML and the names of things (KoreanText).</li>
 * </ul>
 */
class PageTourBrowserTest extends ReviewsBrowserTestBase {

    @BeforeEach
    void managedRouting() {
        AsAdmin.run(() -> workflow.apply(TourRouting.weighted(), null, FormKind.WEIGHTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void everyPageIsAccessibleAndInTheReadersLanguage(String lang) {
        Set<String> names = KoreanText.clusterNames(catalog);
        List<String> violations = new ArrayList<>();
        List<String> english = new ArrayList<>();
        PageTour.walk(browser, port, lang, (name, page) -> {
            BrowserSupport.screenshot(page, lang + "-" + name);
            List<Rule> found = new AxeBuilder(page)
                    .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                    .analyze().getViolations();
            if (!found.isEmpty()) {
                violations.add(name + " (" + lang + ", " + page.url() + "):\n" + describe(found));
            }
            if (lang.equals("ko")) {
                Set<String> words = KoreanText.englishOn(page, names);
                if (!words.isEmpty()) {
                    english.add(name + " (" + page.url() + "):\n    " + String.join("\n    ", words));
                }
            }
        });
        assertThat(violations).as("axe-core violations").isEmpty();
        assertThat(english).as("English on Korean pages").isEmpty();
    }

    /** One line per rule and one per offending element: what is wrong, where, and why. */
    static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> "  [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp()
                + "\n" + rule.getNodes().stream().limit(8).map(node -> "      " + node.getTarget() + "  "
                        + node.getFailureSummary().replace("\n", " ") + "\n        "
                        + KoreanText.abbreviate(node.getHtml()))
                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }
}
