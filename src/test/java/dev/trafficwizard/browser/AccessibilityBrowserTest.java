package dev.trafficwizard.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core, run inside the browser on every kind of page (PageTour), in English and in Korean:
 * zero violations of WCAG 2.1 A/AA (colour contrast included) and axe's best practices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
class AccessibilityBrowserTest extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    @BeforeEach
    void managedRouting() {
        AsAdmin.run(() -> workflow.apply(TourRouting.weighted(), null, "weighted"));
    }

    @AfterEach
    void cleanUp() {
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.configMaps().inNamespace("bookinfo").delete();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void everyPageHasNoAxeViolations(String lang) {
        List<String> failures = new ArrayList<>();
        PageTour.walk(browser, port, lang, (name, page) -> {
            List<Rule> violations = new AxeBuilder(page)
                    .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                    .analyze().getViolations();
            if (!violations.isEmpty()) {
                BrowserSupport.screenshot(page, "axe-" + lang + "-" + name);
                failures.add(name + " (" + lang + ", " + page.url() + "):\n" + describe(violations));
            }
        });
        assertThat(failures).as("axe-core violations").isEmpty();
    }

    /** One line per rule and one per offending element: what is wrong, where, and why. */
    static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> "  [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp()
                + "\n" + rule.getNodes().stream().limit(8).map(node -> "      " + node.getTarget() + "  "
                        + node.getFailureSummary().replace("\n", " ") + "\n        " + abbreviate(node.getHtml()))
                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String html) {
        return html.length() > 160 ? html.substring(0, 160) + "…" : html;
    }
}
