package dev.trafficwizard.istio;

import dev.trafficwizard.routing.FormKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.workflow.RoutingWorkflow;
import dev.trafficwizard.workflow.Simulations;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every page, fragment and API answer that shows shares says what the simulator answers for the
 * same requests: each seed scenario is applied to the demo cluster, requests that fit each rule are
 * sent through every entry point to the simulator, and the service page, the services list row and
 * the API's service answer must show the simulator's shares for the rule it picked. Among the
 * scenarios are the three misreports of #11: subdomain routing, header routing, gateway-only routing.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@WithMockUser(roles = "ADMIN")
@AutoConfigureMockMvc
class SharesAgreeWithSimulatorTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Simulations simulations;

    static Stream<Scenarios.Scenario> scenarios() {
        return Scenarios.all().stream();
    }

    @AfterEach
    void cleanUp() {
        AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-webapp", "fleetman-staff-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void pagesAndApiShowTheSimulatorsShares(Scenarios.Scenario scenario) throws Exception {
        RoutingPlan plan = scenario.plan();
        AsAdmin.run(() -> workflow.apply(plan, null, scenario.form()));
        ServiceDetail service = catalog.service(plan.namespace(), plan.service()).orElseThrow();
        String path = "/services/" + plan.namespace() + "/" + plan.service();
        Document page = Jsoup.parse(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
        Document list = Jsoup.parse(mvc.perform(get("/services").param("namespace", plan.namespace()))
                .andReturn().getResponse().getContentAsString());
        JsonNode api = new ObjectMapper().readTree(mvc.perform(get("/api/v1/namespaces/" + plan.namespace()
                + "/services/" + plan.service())).andReturn().getResponse().getContentAsString());
        Element row = list.selectFirst("tr[data-service=" + plan.namespace() + "/" + plan.service() + "]");
        assertThat(row).isNotNull();

        int checked = 0;
        for (EntryPoint entry : service.routes().entryPoints()) {
            for (SimulatedRequest request : requests(plan, entry, service)) {
                Resolution r = simulations.live(service, request);
                EntryPoint at = entryOf(service.routes(), request, r);
                String where = scenario.name() + ", " + request + " → " + r.outcome() + " rule " + r.ruleIndex();
                String expected = r.outcome() == Resolution.Outcome.NOT_FOUND ? "404"
                        : EntryPoint.label(r.shares());
                Element line = line(page.selectFirst("#route-lines"), at, r);
                assertThat(line).as(where + " on the service page").isNotNull();
                assertThat(line.text()).as(where + " on the service page").contains(expected);
                Element routes = row.selectFirst("ul.tw-routes");
                if (routes != null) {
                    assertThat(line(routes, at, r).text()).as(where + " in the services list").contains(expected);
                } else {
                    List<String> bar = row.select(".tw-split .progress-bar").eachText().stream()
                            .filter(t -> !t.endsWith(" 0 %")).toList();
                    assertThat(String.join(", ", bar)).as(where + " in the services list").isEqualTo(expected);
                }
                assertThat(apiShares(api, at, r)).as(where + " in the API").isEqualTo(r.percentByVersion());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @org.junit.jupiter.api.Test
    void everyFormsBannerNamesTheFormThatMadeTheRouting() throws Exception {
        AsAdmin.run(() -> workflow.apply(Scenarios.HEADER.plan(), null, FormKind.HEADER));
        for (String form : List.of("weighted", "uri", "subdomain")) {
            Document page = Jsoup.parse(mvc.perform(get("/services/default/fleetman-webapp/" + form))
                    .andReturn().getResponse().getContentAsString());
            assertThat(page.selectFirst("#replacing-note")).as(form).isNotNull();
            assertThat(page.selectFirst("#replacing-note").text()).as(form).contains("Header routing")
                    .doesNotContain("Dark release");
        }
    }

    /** Requests that fit each of the plan's rules (and one that fits none) at this entry point. */
    private static List<SimulatedRequest> requests(RoutingPlan plan, EntryPoint entry, ServiceDetail service) {
        String host = entry.mesh() ? service.target().fqdn() : concrete(entry.host());
        List<SimulatedRequest> out = new ArrayList<>();
        out.add(new SimulatedRequest(host, "/", "GET", Map.of(), Map.of(), !entry.mesh()));
        for (Rule rule : plan.rules()) {
            for (MatchCondition m : rule.match()) {
                String h = m.authority() != null ? m.authority().exact() : host;
                String p = m.uri() != null ? m.uri().prefix() + "/page" : "/";
                Map<String, String> headers = new java.util.HashMap<>();
                m.headers().forEach((k, v) -> headers.put(k, v.exact()));
                if (entry.mesh() && m.authority() != null) {
                    continue;
                }
                out.add(new SimulatedRequest(h, p, "GET", headers, Map.of(), !entry.mesh()));
            }
        }
        if (plan.stickySession() != null && plan.stickySession().pinsVersions()) {
            for (var v : service.target().versions()) {
                out.add(new SimulatedRequest(host, "/", "GET", Map.of("cookie",
                        plan.stickySession().keepVersionCookie() + "=" + v.version()), Map.of(), !entry.mesh()));
            }
        }
        return out;
    }

    private static String concrete(String pattern) {
        return pattern.equals("*") ? "anything.example.com" : pattern.startsWith("*.")
                ? "www" + pattern.substring(1) : pattern;
    }

    /** The entry point the request went through: same gateway (or mesh), most specific host. */
    private static EntryPoint entryOf(ServiceRoutes routes, SimulatedRequest request, Resolution r) {
        String host = request.viaGateway() ? request.hostName() : routes.target().fqdn();
        return routes.entryPoints().stream()
                .filter(e -> request.viaGateway() ? !e.mesh() && e.gateway().equals(r.gateway()) : e.mesh())
                .max(Comparator.comparingInt(e -> Hosts.specificity(e.host(), host)))
                .orElseThrow(() -> new AssertionError("no entry point shown for " + request));
    }

    private static Element line(Element routes, EntryPoint entry, Resolution r) {
        Element e = routes.selectFirst("li[data-entry=" + entry.key() + "]");
        assertThat(e).as("entry point " + entry.key()).isNotNull();
        if (r.outcome() == Resolution.Outcome.ROUTED) {
            return e.selectFirst("li[data-rule=" + r.ruleIndex() + "]");
        }
        return e.selectFirst("li.tw-route-otherwise");
    }

    private static Map<String, Integer> apiShares(JsonNode api, EntryPoint entry, Resolution r) {
        for (JsonNode e : api.path("service").path("routes")) {
            String gateway = e.path("gateway").isNull() ? null : e.path("gateway").asText();
            if (!java.util.Objects.equals(gateway, entry.gateway()) || !e.path("host").asText().equals(entry.host())) {
                continue;
            }
            JsonNode shares = e.path("roundRobin");
            for (JsonNode rule : e.path("rules")) {
                if (rule.path("index").asInt() == r.ruleIndex()) {
                    shares = rule.path("shares");
                }
            }
            if (r.outcome() == Resolution.Outcome.NOT_FOUND) {
                return Map.of();
            }
            Map<String, Integer> out = new java.util.LinkedHashMap<>();
            shares.forEach(s -> out.merge(s.path("version").asText(), s.path("percent").asInt(), Integer::sum));
            return out;
        }
        throw new AssertionError("entry point " + entry.key() + " missing in the API answer");
    }
}
