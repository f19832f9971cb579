package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script payloads typed into every text field of every form (routing forms with every exposure and
 * sticky section open, the simulator, the services search): no script runs, no element is
 * injected, no content-security-policy violation happens, and the text shows literally on the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class ScriptInjectionBrowserTest extends BrowserTestBase {

    static final List<String> PAYLOADS = List.of(
            "<img src=x onerror=window.__pwned=1>",
            "<script>window.__pwned=2</script>",
            "</textarea><svg onload=window.__pwned=3>",
            "x'><iframe srcdoc=<b>4</b>>",
            "x{{7*7}}${7*7}[[${7*7}]]<b>5</b>");

    /** Records what must never happen: a dialog, a CSP violation, a script setting the marker. */
    static final String WATCH = """
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
            window.__answered = 0;
            ['htmx:afterSettle', 'htmx:responseError', 'htmx:sendError']
                .forEach(n => document.addEventListener(n, () => window.__answered++));
            """;

    @Test
    void scriptPayloadsInEveryRoutingFormFieldShowAsText() {
        Page page = browser.loggedIn(port, "admin");
        page.addInitScript(WATCH);
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        int tried = 0;
        for (String kind : List.of("weighted", "header", "uri", "subdomain", "dark")) {
            String service = kind.equals("weighted") ? "fleetman-staff-service" : "fleetman-webapp";
            page.navigate("http://localhost:" + port + "/services/default/" + service + "/" + kind);
            assertThat(page.locator("html[data-tw-ready]")).hasCount(1);
            Set<String> done = new LinkedHashSet<>();
            openEverySection(page, kind);
            for (String sticky : List.of("cookie", "header", "query")) {
                page.locator("#sticky-mode").selectOption(sticky);
                tried += tryEveryVisibleField(page, "#routing-form", done);
            }
            tried += tryEveryVisibleField(page, "#simulator-form", done);
            nothingRan(page, dialogs, kind);
            if (kind.equals("header")) {
                BrowserSupport.screenshot(page, "hostile-header-form");
            }
        }
        assertThat(tried).as("text fields tried").isGreaterThan(40);
    }

    @Test
    void scriptPayloadInTheServicesSearchShowsAsText() {
        Page page = browser.loggedIn(port, "viewer");
        page.addInitScript(WATCH);
        for (String payload : PAYLOADS) {
            page.navigate("http://localhost:" + port + "/services");
            page.locator("#q").fill(payload);
            page.locator("#q").press("Enter");
            assertThat(page.locator("#q")).hasValue(payload);
            nothingRan(page, List.of(), "search");
        }
    }

    private static void openEverySection(Page page, String kind) {
        Locator details = page.locator("#routing-form details:not([open]) > summary");
        for (int i = details.count() - 1; i >= 0; i--) {
            details.nth(i).click();
        }
        if (!kind.equals("dark") && !kind.equals("subdomain")) {
            page.locator("#exposure-new").check();
        }
        if (page.locator("#keep-versions").count() > 0) {
            page.locator("#keep-versions").check();
        }
    }

    /** Types a payload into each visible text field not tried yet, checks the page, puts the value back. */
    private static int tryEveryVisibleField(Page page, String form, Set<String> done) {
        Locator fields = page.locator(form + " input[type=text]:visible, " + form + " input:not([type]):visible, "
                + form + " textarea:visible");
        int tried = 0;
        for (int i = 0; i < fields.count(); i++) {
            Locator field = fields.nth(i);
            String name = field.getAttribute("name");
            if (name == null || !done.add(name)) {
                continue;
            }
            String original = field.inputValue();
            String payload = PAYLOADS.get(done.size() % PAYLOADS.size()) + " " + name.toLowerCase(java.util.Locale.ROOT);
            try {
                settled(page, () -> field.fill(payload));
            } catch (com.microsoft.playwright.TimeoutError silent) {
                throw new AssertionError("typing into " + form + " " + name + " sent no request", silent);
            }
            assertThat(field).hasValue(payload);
            if (form.equals("#simulator-form")) {
                // the simulator answers about the request (or, for a header line without a colon, quotes
                // that line as text); the request itself stays in its fields
                assertThat(page.locator("#sim-outcome, #sim-header-error, #sim-port-error")).isVisible();
                nothingRan(page, List.of(), name);
                field.fill(original);
                tried++;
                continue;
            }
            // list fields (hosts) split the value into words: each word shows literally (waiting for
            // the preview that answers this input, however slow the machine)
            for (String word : payload.split("[\\s,]+")) {
                try {
                    page.waitForFunction("w => document.body.innerText.includes(w)", word,
                            new Page.WaitForFunctionOptions().setTimeout(15_000));
                } catch (com.microsoft.playwright.TimeoutError missing) {
                    throw new AssertionError("the payload typed into " + name + " does not show literally on the page: "
                            + word, missing);
                }
            }
            nothingRan(page, List.of(), name);
            settled(page, () -> field.fill(original));
            tried++;
        }
        return tried;
    }

    /**
     * Does {@code action} (typing) and waits until the request it triggers, after the form's input
     * delay, has been answered and swapped in: no fixed pause per field.
     */
    private static void settled(Page page, Runnable action) {
        Object before = page.evaluate("() => window.__answered");
        action.run();
        page.waitForFunction("n => window.__answered > n && !document.querySelector('.htmx-request')", before);
    }

    private static void nothingRan(Page page, List<String> dialogs, String where) {
        assertThat(page.evaluate("() => window.__pwned === undefined")).as(where + ": a payload ran").isEqualTo(true);
        assertThat(page.evaluate("() => document.querySelectorAll("
                + "'img[src=x], svg[onload], iframe[srcdoc], script:not([src]), b').length"))
                .as(where + ": markup from a payload was injected").isEqualTo(0);
        assertThat(page.evaluate("() => window.__violations.length")).as(where + ": CSP violations").isEqualTo(0);
        assertThat(dialogs).as(where + ": dialogs").isEmpty();
    }
}
