package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(ServicesController.class)
@Import({WebTestConfig.class, LiveChecks.class})
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
class ServicesControllerTest {

    private static final ServiceSummary REVIEWS = Fixtures.summary(RoutingState.NONE, 67, 33);
    private static final ServiceSummary RATINGS = new ServiceSummary("shop", "ratings", "version",
            List.of(new VersionSummary("v1", List.of("ratings-v1"), 1, 1, null, 100)), RoutingState.MANAGED);

    @Autowired
    MockMvc mvc;

    static Catalog.ServicePage page(List<ServiceSummary> rows) {
        return new Catalog.ServicePage(rows, rows.size(), 0, 50, 1);
    }

    @Autowired
    MessageSource messages;

    /** The live checks (mocked: nothing found, not ready, unless a test says otherwise). */
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;

    @MockitoBean
    Catalog catalog;

    @Test
    void rootRedirectsToTheServicesPage() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/services"));
    }

    @Test
    void fullPageListsEveryServiceWithItsVersionsAndRoutingState() throws Exception {
        when(catalog.namespaces()).thenReturn(List.of("default", "shop"));
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(REVIEWS, RATINGS)));

        String html = page(get("/services"));

        assertThat(html).contains("<html").contains("id=\"services-filter\"").contains("id=\"demo-badge\"");
        assertThat(Html.text(html, "demo-badge")).isEqualTo(msg("cluster.demo"));
        assertThat(Html.text(html, "namespace")).contains(msg("services.filter.allNamespaces"), "default", "shop");
        String table = Html.text(html, "services-table");
        assertThat(table).contains(msg("services.range", 1, 2, 2), "reviews", "ratings", "v1 2/2", "v2 1/1",
                "v1 67 %", "v2 33 %", msg("routing.NONE"), msg("routing.MANAGED"));
        assertThat(html).contains("href=\"/services/default/reviews\"", "href=\"/services/shop/ratings\"");
        assertThat(table).doesNotContain(msg("services.empty"));
    }

    @Test
    void htmxRequestGetsOnlyTheServicesTableFragment() throws Exception {
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(REVIEWS)));

        String html = page(get("/services").header("HX-Request", "true"));

        assertThat(html).doesNotContain("<html", "<nav", "services-filter");
        assertThat(Html.ids(html)).first().isEqualTo("services-table");
        assertThat(html.strip()).startsWith("<div id=\"services-table\"").endsWith("</div>");
        assertThat(Html.text(html, "services-table")).contains("reviews", msg("services.range", 1, 1, 1));
    }

    @Test
    void namespaceAndSearchArePassedToTheCatalogAndKeptInTheFilter() throws Exception {
        when(catalog.namespaces()).thenReturn(List.of("default", "shop"));
        when(catalog.page("shop", "rat", 0, 50)).thenReturn(page(List.of(RATINGS)));

        String html = page(get("/services").param("namespace", "shop").param("q", "rat"));

        verify(catalog).page("shop", "rat", 0, 50);
        assertThat(Html.openingTag(html, "q")).contains("value=\"rat\"");
        assertThat(html).containsPattern("<option value=\"shop\" selected=\"selected\">shop</option>");
        assertThat(Html.text(html, "services-table")).contains("ratings").doesNotContain("reviews");
    }

    @Test
    void htmxFilterIsPassedToTheCatalogToo() throws Exception {
        when(catalog.page("shop", "", 0, 50)).thenReturn(page(List.of(RATINGS)));

        String html = page(get("/services").param("namespace", "shop").header("HX-Request", "true"));

        verify(catalog).page("shop", "", 0, 50);
        assertThat(Html.text(html, "services-table")).contains("ratings");
    }

    @Test
    void anOverlongSearchIsCutToTheLongestServiceName() throws Exception {
        when(catalog.page(anyString(), anyString(), org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt())).thenReturn(page(List.of()));

        mvc.perform(get("/services").param("q", "x".repeat(1000)).header("HX-Request", "true"))
                .andExpect(status().isOk());

        verify(catalog).page("", "x".repeat(253), 0, 50);
    }

    @Test
    void noMatchShowsTheEmptyStateMessage() throws Exception {
        when(catalog.page("", "nothing", 0, 50)).thenReturn(page(List.of()));

        String html = page(get("/services").param("q", "nothing").header("HX-Request", "true"));

        assertThat(Html.text(html, "services-table")).contains(msg("services.empty"), msg("services.count", 0));
    }

    @Test
    void fullPageUsesTheServicesView() throws Exception {
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of()));
        mvc.perform(get("/services")).andExpect(view().name(ServicesController.VIEW));
        mvc.perform(get("/services").header("HX-Request", "true")).andExpect(view().name(ServicesController.TABLE));
    }

    @Test
    void aRowShowsTheServiceAsItIsNowAfterItChanged() throws Exception {
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(REVIEWS)));
        assertThat(rowText(page(get("/services")))).contains("v2 1/1", "v1 67 %", msg("routing.NONE"));

        ServiceSummary scaledAndRouted = new ServiceSummary("default", "reviews", "version", List.of(
                new VersionSummary("v1", List.of("reviews-v1"), 2, 2, null, 20),
                new VersionSummary("v2", List.of("reviews-v2"), 0, 3, null, 80)), RoutingState.MANAGED);
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(scaledAndRouted)));
        String row = rowText(page(get("/services")));

        assertThat(row).contains("v2 0/3", "v1 20 %", "v2 80 %", msg("routing.MANAGED"))
                .doesNotContain("v2 1/1", "67 %", msg("routing.NONE"));
    }

    @Test
    void rowsAreWrittenInTheLanguageOfTheRequest() throws Exception {
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(REVIEWS)));
        assertThat(rowText(page(get("/services")))).contains(msg("routing.NONE"));

        String korean = rowText(page(get("/services").param("lang", "ko")));

        assertThat(korean).contains(messages.getMessage("routing.NONE", null, Locale.KOREAN))
                .doesNotContain(msg("routing.NONE"));
    }

    @Test
    void rowsInMoreLanguagesThanAreKeptAreStillWritten() throws Exception {
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(REVIEWS)));

        for (String language : List.of("fr", "de", "ja", "es", "it", "ko", "en")) {
            String row = rowText(page(get("/services").param("lang", language)));
            Locale shown = language.equals("ko") ? Locale.KOREAN : Locale.ENGLISH;
            assertThat(row).as(language).contains("reviews", messages.getMessage("routing.NONE", null, shown));
        }
        assertThat(RenderedRows.MAX_LANGUAGES).isLessThan(7);
    }

    @Test
    void theRowPrototypeIsNotPartOfThePage() throws Exception {
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of()));

        String html = page(get("/services"));

        assertThat(html).doesNotContain("data-service", "stretched-link-row", "th:");
    }

    @Test
    void namespaceOptionsAreEscapedAndOnlyTheChosenOneIsSelected() throws Exception {
        when(catalog.namespaces()).thenReturn(List.of("a", "b<i>\"", "shop"));
        when(catalog.page("b<i>\"", "", 0, 50)).thenReturn(page(List.of()));

        String html = page(get("/services").param("namespace", "b<i>\""));

        assertThat(html).contains("<option value=\"a\">a</option>",
                "<option value=\"b&lt;i&gt;&quot;\" selected=\"selected\">b&lt;i&gt;&quot;</option>",
                "<option value=\"shop\">shop</option>").doesNotContain("<i>");
        assertThat(html.split("selected=").length - 1).isEqualTo(1);
    }

    static dev.trafficwizard.analysis.Finding finding(dev.trafficwizard.routing.Severity severity, String name) {
        return new dev.trafficwizard.analysis.Finding("NO_CATCH_ALL", null, severity, "diagnostic.NO_CATCH_ALL",
                List.of(), new dev.trafficwizard.analysis.ObjectRef("VirtualService", "default", name), "spec.http");
    }

    @Test
    void servicesWithErrorsOrWarningsAreMarkedWithTheirCountsInWords() throws Exception {
        when(meshChecks.version()).thenReturn(101L); // counts are kept per version of the checks
        when(meshChecks.findingsByService()).thenReturn(java.util.Map.of("reviews.default.svc.cluster.local", List.of(
                finding(dev.trafficwizard.routing.Severity.ERROR, "a"), finding(dev.trafficwizard.routing.Severity.ERROR, "b"),
                finding(dev.trafficwizard.routing.Severity.WARNING, "c")),
                "ratings.shop.svc.cluster.local", List.of(finding(dev.trafficwizard.routing.Severity.INFO, "d"))));
        when(catalog.page("", "", 0, 50)).thenReturn(page(List.of(REVIEWS, RATINGS)));

        var doc = org.jsoup.Jsoup.parse(page(get("/services")));

        var reviews = doc.select("tr[data-service=default/reviews]");
        assertThat(reviews.select("[data-problems=errors] .visually-hidden").text())
                .isEqualTo(msg("services.problems.errors", 2));
        assertThat(reviews.select("[data-problems=warnings] .visually-hidden").text())
                .isEqualTo(msg("services.problems.warnings", 1));
        assertThat(doc.select("tr[data-service=shop/ratings] [data-problems]")).as("a note is no problem").isEmpty();
    }

    @Test
    void theProblemsFilterListsOnlyServicesWithErrorsOrWarningsAndPagesKeepIt() throws Exception {
        when(meshChecks.version()).thenReturn(102L);
        when(meshChecks.findingsByService()).thenReturn(java.util.Map.of("reviews.default.svc.cluster.local",
                List.of(finding(dev.trafficwizard.routing.Severity.WARNING, "a")),
                "ratings.shop.svc.cluster.local", List.of(finding(dev.trafficwizard.routing.Severity.INFO, "d"))));
        when(catalog.page("", "", java.util.Set.of("reviews.default.svc.cluster.local"), 1, 50))
                .thenReturn(new Catalog.ServicePage(List.of(REVIEWS), 51, 1, 50, 2));

        String html = page(get("/services").param("problems", "1").param("page", "2"));

        verify(catalog).page("", "", java.util.Set.of("reviews.default.svc.cluster.local"), 1, 50);
        assertThat(Html.openingTag(html, "problems")).contains("checked");
        assertThat(Html.openingTag(html, "page-previous")).contains("problems=1");
    }

    private static String rowText(String html) {
        return Html.text(html, "services-table");
    }

    private String page(RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
