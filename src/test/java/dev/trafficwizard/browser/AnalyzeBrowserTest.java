package dev.trafficwizard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * #14 item 3, the analyze page: a viewer pastes routing, sees each diagnostic with its code, the
 * pasted lines it concerns highlighted, the objects left out, and the diagram and simulator of the
 * service the paste touches; in English and in Korean, at desktop and phone width.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
class AnalyzeBrowserTest extends BrowserTestBase {

    /** A whole manifest: a Service (left out) and a VirtualService Istio's schema refuses (line 22: weight -5). */
    static final String REFUSED = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              ports:
              - port: 9080
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              hosts:
              - reviews
              http:
              - route:
                - destination:
                    host: reviews
                  weight: -5
            """;

    /**
     * A rule after a catch-all (IST0130): found by the analyzers of #14 item 1 (another branch;
     * this case passes once they are merged). The unreachable rule is lines 18-23.
     */
    static final String UNREACHABLE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: ratings
              namespace: bookinfo
            spec:
              hosts:
              - ratings
              http:
              - route:
                - destination:
                    host: ratings
              - match:
                - uri:
                    prefix: /v2
                route:
                - destination:
                    host: ratings
            """;

    private Page open(String lang, int width) {
        Page page = browser.loggedIn(port, "viewer");
        page.setViewportSize(width, 900);
        page.navigate(url("/analyze?lang=" + lang));
        assertThat(page.locator("html")).hasAttribute("lang", lang);
        return page;
    }

    private static void analyze(Page page, String text) {
        page.locator("#analyze-yaml").fill(text);
        page.locator("#analyze-yaml").press("Control+Enter");
        assertThat(page.locator("#analyze-result-title")).isFocused();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void aViewerSeesWhatIstioRefusesOnTheLinesPastedAndTheTouchedService(String lang) {
        for (int width : new int[] {1400, 390}) {
            Page page = open(lang, width);
            analyze(page, REFUSED);
            Locator finding = page.locator("#analyze-diagnostics li[data-code='ISTIO_REJECTS']");
            assertThat(finding).hasCount(1);
            assertThat(finding).containsText("IST0106");
            assertThat(finding).containsText("weight -5 < 0");
            assertThat(finding).containsText("spec.http[0].route[0].weight");
            assertThat(finding.locator(".badge")).hasText(lang.equals("ko") ? "오류" : "Error");
            assertThat(page.locator("#analyze-summary")).hasText(lang.equals("ko")
                    ? "오류 1개, 경고 0개, 참고 0개." : "1 error, no warnings, no notes.");
            assertThat(page.locator("#paste-line-22")).hasClass(java.util.regex.Pattern.compile("tw-flag-ERROR"));
            assertThat(page.locator("#paste-line-21")).not().hasClass(java.util.regex.Pattern.compile("tw-flag"));
            finding.locator("a[data-lines]").click();
            assertThat(page.locator("#paste-line-22")).isFocused();
            assertThat(page.locator("#ignored li")).hasText(lang.equals("ko")
                    ? "Service bookinfo/reviews은(는) VirtualService, DestinationRule, Gateway가 아니라서 뺐습니다."
                    : "Service bookinfo/reviews is not a VirtualService, DestinationRule or Gateway and was left out.");
            assertThat(page.locator(".tw-touched[data-service='bookinfo/reviews'] svg")).isVisible();
            page.locator("#sim-run").click();
            assertThat(page.locator("#sim-outcome")).isVisible();
            org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                    "() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the page does not scroll sideways at %d px", width).isTrue();
            // the user guide's picture (-Ddocs.images=true) starts at the result
            page.evaluate("() => document.getElementById('analyze-result-title').scrollIntoView({block: 'start'})");
            BrowserSupport.screenshot(page, "analyze-" + lang + "-" + width);
            page.context().close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void unreadablePastesSayWhereAndEmptyOnesSaySo(String lang) {
        Page page = open(lang, 1400);
        analyze(page, "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: [x\n");
        assertThat(page.locator("#analyze-problems li[data-code='ANALYZE_INPUT']")).containsText(
                lang.equals("ko") ? "1번째 문서" : "Document 1, line");
        assertThat(page.locator("#pasted .tw-flag-ERROR")).hasCount(1);
        BrowserSupport.screenshot(page, "analyze-" + lang + "-syntax");
        analyze(page, "  ");
        assertThat(page.locator("#analyze-empty")).hasText(lang.equals("ko")
                ? "먼저 라우팅 객체를 붙여 넣으세요. 입력이 비어 있습니다." : "Paste routing objects first: the text is empty.");
        page.context().close();
    }

    /** Depends on the analyzers branch (#14 item 1): UNREACHABLE_RULE is not found before it is merged. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void aRuleAfterACatchAllIsUnreachableOnItsLines(String lang) {
        Page page = open(lang, 1400);
        analyze(page, UNREACHABLE);
        Locator finding = page.locator("#analyze-diagnostics li[data-code='UNREACHABLE_RULE']");
        assertThat(finding).hasCount(1);
        assertThat(finding).containsText("IST0130");
        String lines = finding.locator("a[data-lines]").getAttribute("data-lines");
        int first = Integer.parseInt(lines.split("-")[0]);
        org.assertj.core.api.Assertions.assertThat(first).isBetween(13, 18);
        assertThat(page.locator("#paste-line-" + first)).hasClass(java.util.regex.Pattern.compile("tw-flag"));
        BrowserSupport.screenshot(page, "analyze-" + lang + "-unreachable");
        page.context().close();
    }
}
