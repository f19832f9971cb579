package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;

import java.util.function.BiConsumer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Every kind of page a person meets, in one language, each in the state that shows the most text:
 * login, services, a service with managed routing and a simulator result, the analyze page with a result, the five forms and the rules editor with a
 * preview, checks and a simulator result, a shared review, history with entries, the live Checks
 * page, a service page with a finding's lines highlighted and a Gateway's view, 403, 404, 400 and
 * 405 pages. The service bookinfo/reviews must have managed routing (the test applies it).
 * Each page is handed to {@code visit} with a short name.
 */
final class PageTour {

    static final String SERVICE = "/services/bookinfo/reviews";

    /** A Service (left out) and a VirtualService with a field Istio does not know. */
    static final String ANALYZED = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: bookinfo
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
                    subset: v1
                  wieght: 100
            """;

    private PageTour() {
    }

    static void walk(BrowserSupport browser, int port, String lang, BiConsumer<String, Page> visit) {
        String base = "http://localhost:" + port;
        Page login = still(browser.newPage());
        login.navigate(base + "/login?lang=" + lang);
        visit.accept("login", login);
        login.context().close();

        Page page = still(browser.loggedIn(port, "admin"));
        page.navigate(base + "/services?lang=" + lang);
        assertThat(page.locator("html")).hasAttribute("lang", lang);
        visit.accept("services", page);

        page.navigate(base + SERVICE);
        simulate(page);
        visit.accept("service", page);

        // #14: the analyze page with a result (a finding on its lines, an ignored kind, a diagram, the simulator)
        page.navigate(base + "/analyze");
        page.locator("#analyze-yaml").fill(ANALYZED);
        page.locator("#analyze-submit").click();
        assertThat(page.locator("#analyze-diagnostics")).isVisible();
        simulate(page);
        visit.accept("analyze", page);

        for (String kind : new String[] {"weighted", "header", "uri", "subdomain", "dark", "rules"}) {
            page.navigate(base + SERVICE + "/" + kind);
            fill(page, kind);
            page.waitForFunction("() => !document.querySelector('.htmx-request')");
            assertThat(page.locator("#preview-yaml")).isVisible();
            simulate(page);
            visit.accept("form-" + kind, page);
        }

        page.navigate(base + SERVICE + "/weighted");
        fill(page, "weighted");
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        page.locator("#share-review").click();
        String link = page.locator("#review-url").getAttribute("href");
        page.navigate(link);
        simulate(page);
        visit.accept("review", page);

        page.navigate(base + SERVICE + "/history");
        assertThat(page.locator("#revisions section").first()).isVisible();
        visit.accept("history", page);

        // #14: the live checks on the demo's broken legacy routing: the Checks page, a service page with a
        // finding's lines highlighted, a Gateway's own view
        page.navigate(base + "/checks?namespace=legacy");
        visit.accept("checks", page);
        page.navigate(base + "/services/legacy/catalog?object=VirtualService/legacy/catalog"
                + "&path=spec.http%5B0%5D.route%5B0%5D.destination.subset");
        visit.accept("service-checks", page);
        page.navigate(base + "/checks/object/Gateway/legacy/legacy-gateway?path=spec.servers%5B0%5D");
        visit.accept("checks-object", page);

        page.navigate(base + "/services/bookinfo/no-such-service");
        visit.accept("not-found", page);
        page.navigate(base + "/no/such/page");
        visit.accept("not-found-address", page);
        page.navigate(base + SERVICE + "/weighted?revision=abc");
        visit.accept("bad-request", page);
        page.navigate(base + SERVICE + "/weighted/apply");
        visit.accept("method-not-allowed", page);
        page.context().close();

        Page viewer = still(browser.loggedIn(port, "viewer"));
        viewer.navigate(base + SERVICE + "?lang=" + lang);
        // a plain form post the viewer's role does not allow: the 403 page
        viewer.evaluate("url => { const f = document.createElement('form'); f.method = 'post'; f.action = url;"
                + " const t = document.createElement('input'); t.type = 'hidden'; t.name = '_csrf';"
                + " t.value = document.querySelector(\"meta[name='_csrf']\").content; f.append(t);"
                + " document.body.append(f); f.submit(); }", SERVICE + "/routing/delete");
        viewer.waitForURL("**/routing/delete");
        visit.accept("forbidden", viewer);
        viewer.context().close();
    }

    /**
     * Reduced motion: Bootstrap then drops its colour transitions, so a check never reads a colour
     * halfway between a button's hover and rest states.
     */
    private static Page still(Page page) {
        page.emulateMedia(new Page.EmulateMediaOptions().setReducedMotion(com.microsoft.playwright.options.ReducedMotion.REDUCE));
        return page;
    }

    /** Runs the simulator of the page (if it has one) and waits for its result. */
    static void simulate(Page page) {
        if (page.locator("#sim-run").count() == 0) {
            return;
        }
        page.locator("#sim-run").click();
        assertThat(page.locator("#sim-outcome")).isVisible();
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        // off the button: its hover colours fade in, and a check mid-fade would read a colour between two
        page.mouse().move(0, 0);
    }

    private static void fill(Page page, String kind) {
        switch (kind) {
            case "weighted" -> BrowserSupport.weights(page, "60", "30", "10");
            case "header" -> {
                page.locator("input[name='rules[0].name']").fill("x-canary");
                page.locator("input[name='rules[0].value']").fill("on");
            }
            case "uri" -> page.locator("textarea[name='rules[0].value']").fill("/experimental");
            case "subdomain" -> {
                page.locator("#domain").fill("fleetman.com");
                page.locator("input[name='hostRoutes[0].host']").fill("fleetman.com");
            }
            case "dark" -> {
                page.locator("#dark-header").fill("x-dark-release");
                page.locator("#dark-value").fill("on");
            }
            case "rules" -> {
                // #16 the rules editor: one more rule with a header condition, the catch-all's resilience open
                page.locator("#add-rule").click();
                page.waitForFunction("() => !document.querySelector('.htmx-request')");
                page.locator("[id^='c-'][id$='-name']").last().fill("x-canary");
                page.locator("[id^='c-'][id$='-value']").last().fill("on");
                page.locator("[id^='res-'][id$='-summary']").last().evaluate("s => s.parentElement.open = true");
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }
}
