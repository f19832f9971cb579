package dev.trafficwizard.web;

import com.jayway.jsonpath.JsonPath;
import dev.trafficwizard.workflow.MeshChecks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo cluster's namespace {@code legacy} (hand-written routing, one problem per check, see
 * {@code cluster.LegacySeed}) checked by the real analyzers: exactly the expected diagnostics, by
 * code, Istio code and object, on every service page, on the Checks page and from
 * {@code GET /api/v1/checks}. Needs the analyzers ({@code Analyzers.all()}).
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
@org.springframework.security.test.context.support.WithMockUser(roles = "VIEWER")
class LegacyChecksIntegrationTest {

    /** code istioCode Kind/namespace/name, and the services whose page shows it. */
    record Expected(String line, List<String> services) {
    }

    static final List<Expected> EXPECTED = List.of(
            e("SUBSET_NOT_FOUND IST0101 VirtualService/legacy/catalog", "catalog"),
            e("DESTINATION_NOT_FOUND IST0101 VirtualService/legacy/inventory", "inventory"),
            e("GATEWAY_NOT_FOUND IST0101 VirtualService/legacy/storefront", "storefront"),
            // as istioctl analyze: a VirtualService bound to a missing Gateway has no host that Gateway accepts
            e("HOST_NOT_IN_GATEWAY IST0132 VirtualService/legacy/storefront", "storefront"),
            e("CONFLICTING_MESH_HOSTS IST0109 VirtualService/legacy/orders", "orders"),
            e("CONFLICTING_MESH_HOSTS IST0109 VirtualService/legacy/orders-canary", "orders"),
            e("UNREACHABLE_RULE IST0130 VirtualService/legacy/payments", "payments"),
            e("INEFFECTIVE_MATCH IST0131 VirtualService/legacy/search", "search"),
            e("HOST_NOT_IN_GATEWAY IST0132 VirtualService/legacy/shop", "shop"),
            e("CONFLICTING_GATEWAYS IST0145 Gateway/legacy/legacy-gateway"),
            e("CONFLICTING_GATEWAYS IST0145 Gateway/legacy/legacy-gateway-copy"),
            e("SUBSET_NO_PODS IST0173 DestinationRule/legacy/reports", "reports"),
            e("NO_CATCH_ALL - VirtualService/legacy/billing", "billing"),
            e("WEIGHT_NO_READY_PODS - VirtualService/legacy/accounts", "accounts"),
            e("STICKY_WEIGHTED - VirtualService/legacy/recommendations", "recommendations"),
            e("HEADER_PROPAGATION - VirtualService/legacy/profile", "profile"));

    static final List<String> SERVICES = List.of("accounts", "billing", "catalog", "inventory", "orders", "payments",
            "profile", "recommendations", "reports", "search", "shop", "storefront");

    @Autowired
    MockMvc mvc;
    @Autowired
    MeshChecks checks;

    private static Expected e(String line, String... services) {
        return new Expected(line, List.of(services));
    }

    @BeforeEach
    void checked() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(checks::ready);
        assertThat(checks.awaitIdle(10_000)).isTrue();
    }

    @Test
    void theApiListsExactlyTheExpectedDiagnosticsOfLegacy() throws Exception {
        String json = mvc.perform(get("/api/v1/checks").param("namespace", "legacy").param("size", "500"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> diagnostics = JsonPath.read(json, "$.diagnostics");
        List<String> found = diagnostics.stream().map(d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) d.get("object");
            return d.get("code") + " " + (d.get("istioCode") == null ? "-" : d.get("istioCode")) + " "
                    + object.get("kind") + "/" + object.get("namespace") + "/" + object.get("name");
        }).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(EXPECTED.stream().map(Expected::line).toList());
        assertThat(diagnostics).allSatisfy(d -> assertThat((String) d.get("message")).isNotBlank()
                .doesNotStartWith("diagnostic."));
        assertThat((Integer) JsonPath.read(json, "$.total")).isEqualTo(EXPECTED.size());
    }

    @Test
    void theChecksPageListsTheSameAndFiltersByIstiosCode() throws Exception {
        Document page = page("/checks?namespace=legacy");
        assertThat(page.select("tr.tw-check-row").stream().map(r -> r.attr("data-code") + " "
                + (r.attr("data-istio-code").isEmpty() ? "-" : r.attr("data-istio-code")) + " " + r.attr("data-object")))
                .containsExactlyInAnyOrderElementsOf(EXPECTED.stream().map(Expected::line).toList());

        Document ist0101 = page("/checks?namespace=legacy&code=IST0101");
        assertThat(ist0101.select("tr.tw-check-row").eachAttr("data-code"))
                .containsExactlyInAnyOrder("SUBSET_NOT_FOUND", "DESTINATION_NOT_FOUND", "GATEWAY_NOT_FOUND");
        // a finding about a service's routing opens that service's page at its lines; a Gateway's, its own view
        assertThat(ist0101.select("a.tw-check-link").eachAttr("href")).allMatch(h -> h.startsWith("/services/legacy/"));
        assertThat(page("/checks?namespace=legacy&code=IST0145").select("a.tw-check-link").eachAttr("href"))
                .allMatch(h -> h.startsWith("/checks/object/Gateway/legacy/legacy-gateway"));
    }

    @Test
    void eachServicePageShowsItsOwnProblemAndOnlyThat() throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        SERVICES.forEach(s -> expected.put(s, new ArrayList<>()));
        EXPECTED.forEach(e -> e.services().forEach(s -> expected.get(s).add(e.line())));
        for (String service : SERVICES) {
            Document page = page("/services/legacy/" + service);
            List<String> shown = page.select("#findings li.tw-finding").stream().map(li -> li.attr("data-code") + " "
                    + (li.attr("data-istio-code").isEmpty() ? "-" : li.attr("data-istio-code")) + " "
                    + li.attr("data-object")).toList();
            assertThat(shown).as(service).containsExactlyInAnyOrderElementsOf(expected.get(service));
            // each links to its lines in the live YAML on the same page
            for (var link : page.select("#findings a.tw-finding-link")) {
                Document picked = page(link.attr("href").replace("#yaml-hl", ""));
                assertThat(picked.select("#live-yaml code.tw-line-hit")).as(link.attr("href")).isNotEmpty();
            }
        }
    }

    @Test
    void theServiceAnswerOfTheApiCarriesItsDiagnostics() throws Exception {
        String json = mvc.perform(get("/api/v1/namespaces/legacy/services/catalog")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> codes = JsonPath.read(json, "$.diagnostics[*].code");
        assertThat(codes).containsExactly("SUBSET_NOT_FOUND");
        assertThat((String) JsonPath.read(json, "$.diagnostics[0].istioCode")).isEqualTo("IST0101");
        assertThat((String) JsonPath.read(json, "$.diagnostics[0].object.name")).isEqualTo("catalog");
    }

    @Test
    void theServicesListMarksServicesWithErrorsOrWarningsAndFiltersByThem() throws Exception {
        Document list = page("/services?namespace=legacy&problems=1");
        // search only has a note (IST0131 is informational, as in Istio): not a problem for the list
        assertThat(list.select("tr[data-service]").eachAttr("data-service")).containsExactly(
                "legacy/accounts", "legacy/billing", "legacy/catalog", "legacy/inventory", "legacy/orders",
                "legacy/payments", "legacy/profile", "legacy/recommendations", "legacy/reports", "legacy/shop",
                "legacy/storefront");
        assertThat(list.select("tr[data-service=legacy/orders] [data-problems=errors] .visually-hidden").text())
                .contains("2");
        // every request to catalog goes to subset v3, which no DestinationRule defines: the bar says so, in red
        var catalogBar = list.select("tr[data-service=legacy/catalog] .tw-split .progress-bar");
        assertThat(catalogBar.eachText()).containsExactly("v1 0 %", "v2 0 %", "503 (v3) 100 %");
        assertThat(catalogBar.last().hasClass("tw-c-fail")).isTrue();
        assertThat(list.select("tr[data-service=legacy/catalog] .tw-split").attr("aria-label"))
                .isEqualTo("v1 0%, v2 0%, 503 (v3) 100%");
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }
}
