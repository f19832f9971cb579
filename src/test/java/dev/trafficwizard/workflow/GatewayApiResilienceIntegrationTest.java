package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.RoutingPlan;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A plan with a mirror, timeouts, retries and a traffic policy written with the Gateway API in the demo's
 * ambient namespace: previewed (the version DestinationRules between the version Services and the route),
 * applied, reopened as the same plan, its policies removed when the plan drops them, and everything
 * removed with the routing.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class GatewayApiResilienceIntegrationTest {

    static final String PAYMENTS = """
            {"namespace":"ambient","service":"payments","api":"gateway-api",
             "rules":[{"route":[{"version":"v1","weight":90},{"version":"v2","weight":10}],
                       "mirror":{"version":"v2","percent":10},"timeout":"2s",
                       "retries":{"attempts":3,"perTryTimeout":"500ms",
                                  "retryOn":"connect-failure,refused-stream,unavailable,cancelled,503"}}],
             "trafficPolicy":{"tls":{"mode":"ISTIO_MUTUAL"},"loadBalancer":{"simple":"LEAST_REQUEST"}},
             "versionPolicies":{"v2":{"connectionPool":{"tcp":{"maxConnections":10}}}}}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "ambient", "payments");
    }

    @Test
    void mirrorTimeoutsRetriesAndPoliciesAreWrittenReopenedAndRemoved() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.api").value("gateway-api"))
                .andExpect(jsonPath("$.resources", hasSize(5)))
                .andExpect(jsonPath("$.resources[2].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.resources[2].name").value("payments-v1"))
                .andExpect(jsonPath("$.resources[3].name").value("payments-v2"))
                .andExpect(jsonPath("$.resources[4].kind").value("HTTPRoute"))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_API_EXPERIMENTAL')].path")
                        .value("rules[0].retries"))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_API_POLICY_PER_VERSION')].path")
                        .value("trafficPolicy"))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_API_UNTRANSLATABLE')]", hasSize(0)));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk());

        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace("ambient").withName("payments").get();
        HTTPRouteRule rule = route.getSpec().getRules().get(0);
        assertThat(rule.getFilters()).singleElement().satisfies(f -> {
            assertThat(f.getType()).isEqualTo("RequestMirror");
            assertThat(f.getRequestMirror().getBackendRef().getName()).isEqualTo("payments-v2");
            assertThat(f.getRequestMirror().getPercent()).isEqualTo(10);
        });
        assertThat(rule.getTimeouts().getRequest()).isEqualTo("2s");
        assertThat(rule.getTimeouts().getBackendRequest()).isEqualTo("500ms");
        assertThat(rule.getRetry().getAttempts()).isEqualTo(3);
        assertThat(rule.getRetry().getCodes()).containsExactly(503);
        var istio = client.adapt(IstioClient.class).v1().destinationRules().inNamespace("ambient");
        assertThat(istio.withName("payments-v1").get().getSpec().getHost())
                .isEqualTo("payments-v1.ambient.svc.cluster.local");
        assertThat(istio.withName("payments-v2").get().getSpec().getTrafficPolicy().getConnectionPool().getTcp()
                .getMaxConnections()).isEqualTo(10);

        ServiceDetail applied = catalog.service("ambient", "payments").orElseThrow();
        assertThat(applied.versionDestinationRules()).hasSize(2);
        RoutingPlan reopened = applied.livePlan().orElseThrow();
        assertThat(reopened.rules().get(0).mirror().version()).isEqualTo("v2");
        assertThat(reopened.rules().get(0).mirror().percent()).isEqualTo(10.0);
        assertThat(reopened.rules().get(0).timeout()).isEqualTo("2s");
        assertThat(reopened.rules().get(0).retries().perTryTimeout()).isEqualTo("500ms");
        assertThat(reopened.rules().get(0).retries().retryOn())
                .isEqualTo("connect-failure,refused-stream,unavailable,cancelled,503");
        assertThat(reopened.trafficPolicy().tls().mode()).isEqualTo("ISTIO_MUTUAL");
        assertThat(reopened.trafficPolicy().loadBalancer().simple()).isEqualTo("LEAST_REQUEST");
        assertThat(reopened.versionPolicies()).containsOnlyKeys("v2");
        // the same plan again changes nothing
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resources[?(@.action == 'create' || @.action == 'update'"
                        + " || @.action == 'delete')]", hasSize(0)));

        // a plan with an empty policy owns the policies and removes the version DestinationRules
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"ambient","service":"payments","api":"gateway-api","trafficPolicy":{},
                 "rules":[{"route":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}]}"""))
                .andExpect(status().isOk());
        assertThat(istio.withName("payments-v1").get()).isNull();
        assertThat(istio.withName("payments-v2").get()).isNull();

        // and the routing's deletion removes them with it
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/v1/namespaces/ambient/services/payments/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deleted[?(@.kind == 'DestinationRule')]", hasSize(2)));
        assertThat(istio.withName("payments-v2").get()).isNull();
    }

    @Test
    void aMoveBackToIstiosApiRemovesTheVersionDestinationRulesAndAMoveFromItDoesNotCallTheCarriedPolicyDropped()
            throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk());
        String istioPlan = PAYMENTS.replace("\"api\":\"gateway-api\"", "\"api\":\"istio\"");
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(istioPlan))
                .andExpect(status().isOk());
        var istio = client.adapt(IstioClient.class).v1().destinationRules().inNamespace("ambient");
        assertThat(istio.withName("payments-v1").get()).isNull();
        assertThat(istio.withName("payments-v2").get()).isNull();
        assertThat(istio.withName("payments").get()).isNotNull();
        assertThat(catalog.service("ambient", "payments").orElseThrow().versionServices()).isEmpty();
        // moving to the Gateway API again: the plan carries the policy, so the Istio DestinationRule's is not dropped
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')]", hasSize(0)))
                .andExpect(jsonPath("$.resources[?(@.kind == 'DestinationRule' && @.action == 'delete')].name")
                        .value("payments"));
    }

    static final String WEIGHTS_ONLY = """
            {"namespace":"ambient","service":"payments","api":"gateway-api",
             "rules":[{"route":[{"version":"v1","weight":50},{"version":"v2","weight":50}]}]}""";

    @Test
    void aWeightsOnlyPlanKeepsTheVersionDestinationRulesAndTheirOutlierDetection() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"ambient","service":"payments","api":"gateway-api",
                 "rules":[{"route":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}],
                 "trafficPolicy":{"outlierDetection":{"consecutive5xxErrors":5,"interval":"10s"}}}"""))
                .andExpect(status().isOk());
        var istio = client.adapt(IstioClient.class).v1().destinationRules().inNamespace("ambient");
        assertThat(istio.withName("payments-v1").get()).isNotNull();
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(WEIGHTS_ONLY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')]", hasSize(0)))
                .andExpect(jsonPath("$.resources[?(@.kind == 'DestinationRule' && @.action == 'delete')]", hasSize(0)))
                .andExpect(jsonPath("$.resources[?(@.kind == 'DestinationRule')]", hasSize(2)));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(WEIGHTS_ONLY))
                .andExpect(status().isOk());
        for (String name : java.util.List.of("payments-v1", "payments-v2")) {
            var outlier = istio.withName(name).get().getSpec().getTrafficPolicy().getOutlierDetection();
            assertThat(outlier.getConsecutive5xxErrors()).isEqualTo(5);
            assertThat(outlier.getInterval()).isEqualTo("10s");
        }
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace("ambient").withName("payments").get();
        assertThat(route.getSpec().getRules().get(0).getBackendRefs()).extracting(b -> b.getWeight())
                .containsExactly(50, 50);
    }

    @Test
    void aMoveFromIstioWithOnlyTlsNamesTheOutlierDetectionItLeavesBehindAndFlagsIt() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"ambient","service":"payments","api":"istio",
                 "rules":[{"route":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}],
                 "trafficPolicy":{"outlierDetection":{"consecutive5xxErrors":5,"interval":"10s"}}}"""))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"ambient","service":"payments","api":"gateway-api",
                 "rules":[{"route":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}],
                 "trafficPolicy":{"tls":{"mode":"ISTIO_MUTUAL"}}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')].message", org.hamcrest.Matchers
                        .contains(org.hamcrest.Matchers.endsWith(": spec.trafficPolicy.outlierDetection.consecutive5xxErrors,"
                                + " spec.trafficPolicy.outlierDetection.interval"))))
                .andExpect(jsonPath("$.warnings[?(@.code == 'FIELDS_DROPPED')]", hasSize(1)));
    }

    @Test
    void aMoveBackToIstioNamesAHandSetVersionPolicyItCannotCarry() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk());
        var istio = client.adapt(IstioClient.class).v1().destinationRules().inNamespace("ambient");
        // someone adds a locality setting to v2's DestinationRule: no plan can read it back
        istio.withName("payments-v2").edit(dr -> new io.fabric8.istio.api.networking.v1.DestinationRuleBuilder(dr)
                .editSpec().editTrafficPolicy().withNewLoadBalancer().withLbPolicy(
                        new io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple(
                                io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB.LEAST_REQUEST))
                .withNewLocalityLbSetting().withEnabled(true).endLocalityLbSetting().endLoadBalancer()
                .endTrafficPolicy().endSpec().build());
        org.awaitility.Awaitility.await().until(() -> catalog.service("ambient", "payments").orElseThrow()
                .versionDestinationRules().stream().anyMatch(d -> d.getSpec().getTrafficPolicy().getLoadBalancer()
                        .getLocalityLbSetting() != null));
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"ambient","service":"payments","api":"istio",
                 "rules":[{"route":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')].message", org.hamcrest.Matchers
                        .hasItem(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("ambient/payments-v2"),
                                org.hamcrest.Matchers.containsString(
                                        "spec.trafficPolicy.loadBalancer.localityLbSetting.enabled")))));
        // staying with the Gateway API, the version DestinationRule is written whole: the locality setting is named too
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(PAYMENTS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')].message", org.hamcrest.Matchers
                        .contains(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("ambient/payments-v2"),
                                org.hamcrest.Matchers.endsWith(
                                        ": spec.trafficPolicy.loadBalancer.localityLbSetting.enabled")))));
        // the plan carrying v2's policy still cannot keep the locality setting, but keeps the rest
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(PAYMENTS.replace("\"api\":\"gateway-api\"", "\"api\":\"istio\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')]", hasSize(1)))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'FIELDS_DROPPED')].message", org.hamcrest.Matchers
                        .hasItem(org.hamcrest.Matchers.endsWith(
                                ": spec.trafficPolicy.loadBalancer.localityLbSetting.enabled"))))
                .andExpect(jsonPath("$.warnings[?(@.code == 'FIELDS_DROPPED')]", hasSize(1)));
    }
}
