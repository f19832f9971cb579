package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.workflow.LiveObjects;
import dev.trafficwizard.workflow.MeshChecks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The Checks page, the object view and GET /api/v1/checks over findings the live checks hold. */
@WebMvcTest({ChecksController.class, ChecksApiController.class})
@Import({WebTestConfig.class, LiveChecks.class})
@org.springframework.security.test.context.support.WithMockUser(roles = "VIEWER")
class ChecksControllerTest {

    static final ObjectRef CATALOG_VS = new ObjectRef("VirtualService", "legacy", "catalog");
    static final ObjectRef GATEWAY = new ObjectRef("Gateway", "legacy", "legacy-gateway");
    static final Finding SUBSET = new Finding("SUBSET_NOT_FOUND", "IST0101", Severity.ERROR,
            "diagnostic.SUBSET_NOT_FOUND", List.of("v3", "catalog"), CATALOG_VS, "spec.http[0].route[0].destination.subset");
    static final Finding CONFLICT = new Finding("CONFLICTING_GATEWAYS", "IST0145", Severity.ERROR,
            "diagnostic.CONFLICTING_GATEWAYS", List.of("legacy/legacy-gateway-copy", "legacy.example.com", 80,
            "istio=ingressgateway"), GATEWAY, "spec.servers[0]");
    static final Finding NO_CATCH_ALL = new Finding("NO_CATCH_ALL", null, Severity.WARNING,
            "diagnostic.NO_CATCH_ALL", List.of(), new ObjectRef("VirtualService", "shop", "billing"), "spec.http");

    @Autowired
    MockMvc mvc;
    @Autowired
    MessageSource messages;
    @MockitoBean
    MeshChecks checks;
    @MockitoBean
    LiveObjects objects;
    @MockitoBean
    Catalog catalog;

    @BeforeEach
    void mesh() {
        when(checks.ready()).thenReturn(true);
        when(checks.findings()).thenReturn(List.of(SUBSET, CONFLICT, NO_CATCH_ALL));
        when(checks.findingsByService()).thenReturn(Map.of("catalog.legacy.svc.cluster.local", List.of(SUBSET),
                "billing.shop.svc.cluster.local", List.of(NO_CATCH_ALL)));
        when(checks.servicesOf(SUBSET.object())).thenReturn(java.util.Set.of("catalog.legacy.svc.cluster.local"));
        when(checks.servicesOf(NO_CATCH_ALL.object())).thenReturn(java.util.Set.of("billing.shop.svc.cluster.local"));
        when(catalog.exists(anyString())).thenReturn(true);
        when(catalog.namespaces()).thenReturn(List.of("legacy", "shop"));
    }

    @Test
    void listsEveryDiagnosticWithCountsAndLinksToWhereItsLinesAreShown() throws Exception {
        Document page = page("/checks");

        assertThat(page.select("tr.tw-check-row")).extracting(r -> r.attr("data-code") + " " + r.attr("data-istio-code")
                + " " + r.attr("data-object")).containsExactly("SUBSET_NOT_FOUND IST0101 VirtualService/legacy/catalog",
                "CONFLICTING_GATEWAYS IST0145 Gateway/legacy/legacy-gateway", "NO_CATCH_ALL  VirtualService/shop/billing");
        assertThat(page.select("tr.tw-check-row").first().text()).contains(msg("checks.severity.ERROR"),
                msg("diagnostic.SUBSET_NOT_FOUND", "v3", "catalog"), "spec.http[0].route[0].destination.subset");
        assertThat(page.select("a.tw-check-link")).extracting(a -> a.attr("href")).containsExactly(
                "/services/legacy/catalog?object=VirtualService/legacy/catalog"
                        + "&path=spec.http%5B0%5D.route%5B0%5D.destination.subset#yaml-hl",
                "/checks/object/Gateway/legacy/legacy-gateway?object=Gateway/legacy/legacy-gateway"
                        + "&path=spec.servers%5B0%5D#yaml-hl",
                "/services/shop/billing?object=VirtualService/shop/billing&path=spec.http#yaml-hl");
        assertThat(page.select("#checks-counts a")).extracting(a -> a.text())
                .containsExactly(msg("checks.count.ERROR", 2), msg("checks.count.WARNING", 1), msg("checks.count.INFO", 0));
        assertThat(page.select("#checks-running")).isEmpty();
        assertThat(page.select("#code option")).extracting(o -> o.attr("value"))
                .containsExactly("", "CONFLICTING_GATEWAYS", "NO_CATCH_ALL", "SUBSET_NOT_FOUND");
    }

    @Test
    void filtersByNamespaceSeverityAndOurOrIstiosCodeAndKeepsTheFiltersInTheForm() throws Exception {
        assertThat(codes(page("/checks?namespace=shop"))).containsExactly("NO_CATCH_ALL");
        assertThat(codes(page("/checks?severity=error"))).containsExactly("SUBSET_NOT_FOUND", "CONFLICTING_GATEWAYS");
        assertThat(codes(page("/checks?code=IST0145"))).containsExactly("CONFLICTING_GATEWAYS");
        Document both = page("/checks?namespace=legacy&severity=ERROR&code=SUBSET_NOT_FOUND");
        assertThat(codes(both)).containsExactly("SUBSET_NOT_FOUND");
        assertThat(both.select("#namespace option[selected]").attr("value")).isEqualTo("legacy");
        assertThat(both.select("#severity option[selected]").attr("value")).isEqualTo("ERROR");
        assertThat(both.select("#code option[selected]").attr("value")).isEqualTo("SUBSET_NOT_FOUND");
        assertThat(page("/checks?namespace=legacy&code=NO_CATCH_ALL").select("#checks-empty").text())
                .isEqualTo(msg("checks.empty"));
    }

    @Test
    void unreadableFiltersAre400NamingEachParameter() throws Exception {
        String html = mvc.perform(get("/checks").param("severity", "fatal").param("code", "<b>x</b>").param("page", "x"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        Document page = Jsoup.parse(html);
        assertThat(page.select("#checks-problems li")).extracting(li -> li.attr("data-field"))
                .containsExactly("severity", "code", "page");
        assertThat(html).doesNotContain("<b>x</b>");
        assertThat(page.select("tr.tw-check-row")).isEmpty();
    }

    @Test
    void pagesFiftyAtATimeWithLinksThatKeepTheFilters() throws Exception {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(new Finding("NO_CATCH_ALL", null, Severity.WARNING, "diagnostic.NO_CATCH_ALL", List.of(),
                    new ObjectRef("VirtualService", "shop", "vs-%03d".formatted(i)), "spec.http"));
        }
        when(checks.findings()).thenReturn(many);

        Document third = page("/checks?namespace=shop&page=3");
        assertThat(third.select("tr.tw-check-row")).hasSize(20);
        assertThat(third.select("tr.tw-check-row").first().attr("data-object")).isEqualTo("VirtualService/shop/vs-100");
        assertThat(third.select("#checks-count").text()).isEqualTo(msg("checks.range", 101, 120, 120));
        assertThat(third.select("#checks-previous").attr("href")).isEqualTo("/checks?namespace=shop&severity=&code=&page=2");
        assertThat(third.select("#checks-next")).isEmpty();
        assertThat(page("/checks?page=99").select("tr.tw-check-row").first().attr("data-object"))
                .as("past the end: the last page").isEqualTo("VirtualService/shop/vs-100");
    }

    @Test
    void whileTheFirstCheckRunsThePageSaysSo() throws Exception {
        when(checks.ready()).thenReturn(false);
        when(checks.findings()).thenReturn(List.of());
        Document page = page("/checks");
        assertThat(page.select("#checks-running").text()).isEqualTo(msg("checks.running"));
        assertThat(page.select("#checks-empty").text()).isEqualTo(msg("checks.running"));
    }

    @Test
    void theObjectViewShowsItsYamlWithThePathsLinesHighlighted() throws Exception {
        when(checks.findingsOf(GATEWAY)).thenReturn(List.of(CONFLICT));
        when(objects.yaml(GATEWAY)).thenReturn(Optional.of("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: legacy-gateway
                  namespace: legacy
                spec:
                  selector:
                    istio: ingressgateway
                  servers:
                  - port:
                      number: 80
                    hosts:
                    - legacy.example.com
                """));
        Document page = page("/checks/object/Gateway/legacy/legacy-gateway?path=spec.servers[0]");

        assertThat(page.select("#object-yaml code.tw-line-hit")).extracting(e -> e.text())
                .containsExactly("- port:", "number: 80", "hosts:", "- legacy.example.com");
        assertThat(page.select("#yaml-hl").attr("data-line")).isEqualTo("10");
        assertThat(page.select("#finding-0").text()).contains("CONFLICTING_GATEWAYS", "IST0145", msg("checks.lines", 10, 13));
        assertThat(page.select("#finding-0").attr("aria-current")).isEqualTo("true");

        mvc.perform(get("/checks/object/Gateway/legacy/nothing")).andExpect(status().isNotFound());
    }

    @Test
    void theApiAnswersThePageOfDiagnosticsInEnglish() throws Exception {
        mvc.perform(get("/api/v1/checks").param("namespace", "legacy").param("size", "1").param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics", hasSize(1)))
                .andExpect(jsonPath("$.diagnostics[0].code").value("CONFLICTING_GATEWAYS"))
                .andExpect(jsonPath("$.diagnostics[0].istioCode").value("IST0145"))
                .andExpect(jsonPath("$.diagnostics[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(msg("diagnostic.CONFLICTING_GATEWAYS",
                        "legacy/legacy-gateway-copy", "legacy.example.com", 80, "istio=ingressgateway")))
                .andExpect(jsonPath("$.diagnostics[0].object.kind").value("Gateway"))
                .andExpect(jsonPath("$.diagnostics[0].object.namespace").value("legacy"))
                .andExpect(jsonPath("$.diagnostics[0].object.name").value("legacy-gateway"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("spec.servers[0]"))
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/checks").param("code", "no_catch_all"))
                .andExpect(jsonPath("$.diagnostics[0].istioCode").value(nullValue()))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void theApiRefusesUnreadableParametersWith400NamingEach() throws Exception {
        for (String[] bad : new String[][]{{"severity", "fatal"}, {"code", "IST01"}, {"code", "NOPE"},
                {"page", "0"}, {"page", "-1"}, {"page", "ten"}, {"size", "501"}, {"size", "99999999999"},
                {"namespace", "n".repeat(300)}}) {
            mvc.perform(get("/api/v1/checks").param(bad[0], bad[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.diagnostics", hasSize(1)))
                    .andExpect(jsonPath("$.diagnostics[0].path").value(bad[0]));
        }
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    private static List<String> codes(Document page) {
        return page.select("tr.tw-check-row").eachAttr("data-code");
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
