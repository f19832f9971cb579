package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.routing.RoutingApi;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Gateway API end to end against the demo cluster (which serves the Gateway API and has the
 * ambient namespace): preview, apply, history, rollback, the move from Istio's API and back, and
 * the choice of API when a plan names none.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class GatewayApiIntegrationTest {

    static final String STAFF_90_10_GATEWAY_API = """
            {"namespace":"default","service":"fleetman-staff-service","api":"gateway-api",
             "rules":[{"route":[{"version":"safe","weight":90},{"version":"risky","weight":10}]}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    KubernetesClient client;
    @Autowired
    History history;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service");
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "ambient", "payments");
    }

    @Test
    void previewOfA90To10PlanAnswersAnHttpRouteOnTheServiceAndTwoVersionServices() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(STAFF_90_10_GATEWAY_API))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.api").value("gateway-api"))
                .andExpect(jsonPath("$.apiReason").value("PLAN"))
                .andExpect(jsonPath("$.resources", hasSize(3)))
                .andExpect(jsonPath("$.resources[0].kind").value("Service"))
                .andExpect(jsonPath("$.resources[0].name").value("fleetman-staff-service-safe"))
                .andExpect(jsonPath("$.resources[0].action").value("create"))
                .andExpect(jsonPath("$.resources[1].name").value("fleetman-staff-service-risky"))
                .andExpect(jsonPath("$.resources[2].kind").value("HTTPRoute"))
                .andExpect(jsonPath("$.resources[2].name").value("fleetman-staff-service"));
        String yaml = mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .accept("application/yaml").content(STAFF_90_10_GATEWAY_API))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(yaml).contains("kind: HTTPRoute", "parentRefs:", "kind: Service\n    name: fleetman-staff-service\n",
                "name: fleetman-staff-service-safe\n", "weight: 90", "name: fleetman-staff-service-risky\n",
                "weight: 10", "version: safe", "version: risky");
    }

    @Test
    void applyHistoryAndRollbackWorkAsForIstio() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                .content(STAFF_90_10_GATEWAY_API)).andExpect(status().isOk());
        ServiceDetail applied = catalog.service("default", "fleetman-staff-service").orElseThrow();
        assertThat(applied.routing()).isEqualTo(RoutingState.MANAGED);
        assertThat(applied.routedWithGatewayApi()).isTrue();
        assertThat(applied.versionServices()).extracting(s -> s.getMetadata().getName())
                .containsExactly("fleetman-staff-service-risky", "fleetman-staff-service-safe");
        assertThat(applied.livePlan()).isPresent();
        assertThat(applied.livePlan().get().api()).isEqualTo("gateway-api");
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace("default").withName("fleetman-staff-service").get();
        assertThat(route.getSpec().getRules().get(0).getBackendRefs()).extracting(b -> b.getName() + "=" + b.getWeight())
                .containsExactly("fleetman-staff-service-safe=90", "fleetman-staff-service-risky=10");
        // the services list shows the service, never its version Services
        mvc.perform(get("/api/v1/services").param("namespace", "default"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'fleetman-staff-service-safe')]", hasSize(0)));

        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"default","service":"fleetman-staff-service",
                 "rules":[{"route":[{"version":"safe","weight":100}]}]}""")).andExpect(status().isOk());
        ServiceDetail second = catalog.service("default", "fleetman-staff-service").orElseThrow();
        assertThat(second.routedWithGatewayApi()).as("no api in the plan: the routing keeps its API").isTrue();
        assertThat(second.versionServices()).extracting(s -> s.getMetadata().getName())
                .as("the version no longer routed loses its Service").containsExactly("fleetman-staff-service-safe");

        var revisions = history.revisions("default", "fleetman-staff-service");
        assertThat(revisions.get(0).plan().api()).isEqualTo("gateway-api");
        int first = revisions.get(1).number();
        mvc.perform(post("/api/v1/namespaces/default/services/fleetman-staff-service/history/" + first + "/rollback"))
                .andExpect(status().isOk());
        ServiceDetail rolledBack = catalog.service("default", "fleetman-staff-service").orElseThrow();
        assertThat(rolledBack.versionServices()).hasSize(2);
        assertThat(rolledBack.livePlan().orElseThrow().rules().get(0).route())
                .extracting(d -> d.version() + "=" + d.weight()).containsExactly("safe=90", "risky=10");
    }

    @Test
    void movingIstioRoutingToTheGatewayApiReplacesTheVirtualServiceAndDestinationRule() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"default","service":"fleetman-staff-service",
                 "rules":[{"route":[{"version":"safe","weight":90},{"version":"risky","weight":10}]}]}"""))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(STAFF_90_10_GATEWAY_API))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resources[3].kind").value("VirtualService"))
                .andExpect(jsonPath("$.resources[3].action").value("delete"))
                .andExpect(jsonPath("$.resources[4].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.resources[4].action").value("delete"))
                .andExpect(jsonPath("$.changes", hasSize(0)));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                .content(STAFF_90_10_GATEWAY_API)).andExpect(status().isOk());
        var istio = client.adapt(IstioClient.class).v1();
        assertThat(istio.virtualServices().inNamespace("default").withName("fleetman-staff-service").get()).isNull();
        assertThat(istio.destinationRules().inNamespace("default").withName("fleetman-staff-service").get()).isNull();
        ServiceDetail moved = catalog.service("default", "fleetman-staff-service").orElseThrow();
        assertThat(moved.routedWithGatewayApi()).isTrue();
        assertThat(moved.summary().versions()).extracting(v -> v.version() + "=" + v.routedShare())
                .containsExactly("safe=90", "risky=10");

        // and back: an Istio plan removes the HTTPRoute and the version Services
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"default","service":"fleetman-staff-service","api":"istio",
                 "rules":[{"route":[{"version":"safe","weight":90},{"version":"risky","weight":10}]}]}"""))
                .andExpect(status().isOk());
        ServiceDetail back = catalog.service("default", "fleetman-staff-service").orElseThrow();
        assertThat(back.httpRoutes()).isEmpty();
        assertThat(back.versionServices()).isEmpty();
        assertThat(back.virtualService()).isNotNull();
    }

    @Test
    void aPlanWithoutApiInTheAmbientNamespaceIsWrittenWithTheGatewayApi() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"ambient","service":"payments",
                         "rules":[{"route":[{"version":"v1","weight":80},{"version":"v2","weight":20}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.api").value("gateway-api"))
                .andExpect(jsonPath("$.apiReason").value("AMBIENT"))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'WAYPOINT_MISSING')]", hasSize(0)))
                .andExpect(jsonPath("$.resources[2].kind").value("HTTPRoute"));
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-webapp",
                         "rules":[{"route":[{"version":"original","weight":100}]}]}"""))
                .andExpect(jsonPath("$.api").value("istio"))
                .andExpect(jsonPath("$.apiReason").value("DEFAULT"));
    }

    @Test
    void anUnknownApiIsRefusedNamingTheFieldAndWritesNothing() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service","api":"gateway",
                         "rules":[{"route":[{"version":"safe","weight":100}]}]}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("INVALID_API"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("api"))
                .andExpect(jsonPath("$.diagnostics[0].message", containsString("\"gateway\"")));
        assertThat(catalog.service("default", "fleetman-staff-service").orElseThrow().routing())
                .isEqualTo(RoutingState.NONE);
    }

    @Test
    void deletingTheRoutingRemovesTheRouteAndItsVersionServices() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                .content(STAFF_90_10_GATEWAY_API)).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/v1/namespaces/default/services/fleetman-staff-service/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deleted[0].kind").value("HTTPRoute"))
                .andExpect(jsonPath("$.deleted", hasSize(3)));
        assertThat(client.services().inNamespace("default").withName("fleetman-staff-service-safe").get()).isNull();
        assertThat(catalog.service("default", "fleetman-staff-service").orElseThrow().routing())
                .isEqualTo(RoutingState.NONE);
        assertThat(List.of(RoutingApi.values())).hasSize(2);
    }

    @Test
    void aChangeToTheHttpRouteSinceThePreviewIsAConflictAndWritesNothing() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                .content(STAFF_90_10_GATEWAY_API)).andExpect(status().isOk());
        String base = com.jayway.jsonpath.JsonPath.read(mvc.perform(post("/api/v1/routing/preview")
                        .contentType(MediaType.APPLICATION_JSON).content(STAFF_90_10_GATEWAY_API))
                .andReturn().getResponse().getContentAsString(), "$.baseVersion");
        // someone edits the HTTPRoute by hand meanwhile
        HTTPRoute live = client.resources(HTTPRoute.class).inNamespace("default").withName("fleetman-staff-service").get();
        live.getSpec().getRules().get(0).getBackendRefs().get(0).setWeight(50);
        live.getSpec().getRules().get(0).getBackendRefs().get(1).setWeight(50);
        client.resource(live).update();
        org.awaitility.Awaitility.await().until(() -> !base.equals(RoutingWorkflow.baseVersion(
                catalog.service("default", "fleetman-staff-service").orElseThrow())));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service","api":"gateway-api",
                         "baseVersion":"%s",
                         "rules":[{"route":[{"version":"safe","weight":100}]}]}""".formatted(base)))
                .andExpect(status().isConflict());
        assertThat(client.resources(HTTPRoute.class).inNamespace("default").withName("fleetman-staff-service").get()
                .getSpec().getRules().get(0).getBackendRefs()).extracting(b -> b.getWeight()).containsExactly(50, 50);
    }

    @Test
    void aGatewayApiGatewayTheRoutingCreatedIsRemovedWithIt() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                {"namespace":"ambient","service":"payments",
                 "gateway":{"name":"payments-gateway","create":true,"hosts":["pay.ambient.example.com"]},
                 "rules":[{"route":[{"version":"v1","weight":100}]}]}""")).andExpect(status().isOk());
        var gateways = client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class).inNamespace("ambient");
        assertThat(gateways.withName("payments-gateway").get()).isNotNull();
        assertThat(catalog.service("ambient", "payments").orElseThrow().livePlan().orElseThrow().gateway().name())
                .isEqualTo("payments-gateway");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/v1/namespaces/ambient/services/payments/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deleted[?(@.kind == 'Gateway')].name").value("payments-gateway"));
        assertThat(gateways.withName("payments-gateway").get()).isNull();
        assertThat(gateways.withName("ambient-ingress").get()).as("a Gateway it did not create stays").isNotNull();
    }

    @Test
    void anHttpsGatewaySaysWhereItsCertificateSecretIsRead() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"ambient","service":"payments",
                         "gateway":{"name":"payments-tls","create":true,"hosts":["pay.example.com"],"port":443,
                                    "credentialName":"payments-cert"},
                         "rules":[{"route":[{"version":"v1","weight":100}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'gateway.credentialName')].code")
                        .value("GATEWAY_API_DIFFERENCE"))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'gateway.credentialName')].message",
                        org.hamcrest.Matchers.hasItem(containsString("istio-system"))));
    }

    @Test
    void anExistingGatewayThatWouldRefuseTheRouteIsAnErrorBeforeAnythingIsWritten() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service","api":"gateway-api",
                         "gateway":{"name":"ambient/ambient-ingress","hosts":["staff.ambient.example.com"]},
                         "rules":[{"route":[{"version":"safe","weight":100}]}]}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'gateway.name')].code").value("ROUTE_NAMESPACE_NOT_ALLOWED"));
        assertThat(client.resources(HTTPRoute.class).inNamespace("default").withName("fleetman-staff-service").get())
                .isNull();
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"ambient","service":"payments",
                         "gateway":{"name":"ambient-ingress","hosts":["pay.example.com"]},
                         "rules":[{"route":[{"version":"v1","weight":100}]}]}"""))
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'gateway.name')].code")
                        .value("ROUTE_HOSTNAME_NOT_IN_GATEWAY"));
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"ambient","service":"payments",
                         "gateway":{"name":"ambient-ingress","hosts":["pay.ambient.example.com"]},
                         "rules":[{"route":[{"version":"v1","weight":100}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[?(@.path == 'gateway.name')]", hasSize(0)));
    }
}
