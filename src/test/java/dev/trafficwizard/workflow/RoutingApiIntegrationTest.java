package dev.trafficwizard.workflow;

import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pipeline's view: the REST API end to end against the embedded demo cluster. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class RoutingApiIntegrationTest {

    static final String STAFF_90_10 = """
            {"namespace":"default","service":"fleetman-staff-service",
             "rules":[{"route":[{"version":"safe","weight":90},{"version":"risky","weight":10}]}]}""";

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
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service");
        var istio = client.adapt(IstioClient.class).v1();
        istio.virtualServices().inNamespace("bookinfo").withName("ratings-by-hand").delete();
    }

    @Test
    void previewAsYamlIsTheGoldenFile() throws Exception {
        String yaml = mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .accept("application/yaml").content(STAFF_90_10))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(yaml).isEqualTo(golden());
    }

    @Test
    void previewListsWhatChangesPerEntryPointAndFlagsAVersionLosingItsTraffic() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(STAFF_90_10))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service",
                         "rules":[{"route":[{"version":"safe","weight":100},{"version":"risky","weight":0}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes", hasSize(1)))
                .andExpect(jsonPath("$.changes[0].entry").value("mesh|fleetman-staff-service.default.svc.cluster.local"))
                .andExpect(jsonPath("$.changes[0].before").value("* → safe 90 %, risky 10 %"))
                .andExpect(jsonPath("$.changes[0].after").value("* → safe 100 %, risky 0 %"))
                .andExpect(jsonPath("$.warnings[0].code").value("VERSION_LOSES_TRAFFIC"))
                .andExpect(jsonPath("$.warnings[0].message").value("Version risky gets requests today and will get none."));
    }

    @Test
    void cookieStickySessionsReadBackFromTheCluster() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service",
                         "rules":[{"route":[{"version":"safe","weight":100}]}],
                         "stickySession":{"httpCookie":{"name":"user","path":"/","ttl":"1h"}}}"""))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces/default/services/fleetman-staff-service"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.plan.stickySession.httpCookie.name").value("user"))
                .andExpect(jsonPath("$.plan.stickySession.httpCookie.path").value("/"))
                .andExpect(jsonPath("$.plan.stickySession.httpCookie.ttl").value("1h"));
    }

    @Test
    void applyThenReadBackThenUpdateThenDelete() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(STAFF_90_10))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied[0].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.applied[0].action").value("created"))
                .andExpect(jsonPath("$.applied[1].kind").value("VirtualService"));

        String base = com.jayway.jsonpath.JsonPath.read(mvc.perform(
                        get("/api/v1/namespaces/default/services/fleetman-staff-service"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.service.routing").value("MANAGED"))
                .andExpect(jsonPath("$.plan.rules[0].route[0].version").value("safe"))
                .andExpect(jsonPath("$.plan.rules[0].route[0].weight").value(90))
                .andExpect(jsonPath("$.editable").value(true))
                .andReturn().getResponse().getContentAsString(), "$.baseVersion");

        String fiftyFifty = STAFF_90_10.replace("90", "50").replace("10", "50")
                .replace("\"rules\"", "\"baseVersion\":\"" + base + "\",\"rules\"");
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(fiftyFifty))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied[0].action").value("unchanged"))
                .andExpect(jsonPath("$.applied[1].action").value("updated"));

        // the same base version again: the routing changed since, so nothing is written
        String hundred = fiftyFifty.replace("\"weight\":50},{", "\"weight\":100},{").replace("\"weight\":50}]", "\"weight\":0}]");
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(hundred))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.diagnostics[0].code").value("CONFLICT"))
                .andExpect(jsonPath("$.reload").value("/api/v1/namespaces/default/services/fleetman-staff-service"));
        assertThat(liveWeights()).containsExactly(50, 50);

        mvc.perform(delete("/api/v1/namespaces/default/services/fleetman-staff-service/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deleted[0].kind").value("VirtualService"))
                .andExpect(jsonPath("$.deleted[1].kind").value("DestinationRule"));
        assertThat(catalog.service("default", "fleetman-staff-service").orElseThrow().routing())
                .isEqualTo(RoutingState.NONE);
    }

    @Test
    void thePlanOfAServiceCanBeSentBackAsIs() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(STAFF_90_10))
                .andExpect(status().isOk());
        String service = mvc.perform(get("/api/v1/namespaces/default/services/fleetman-staff-service"))
                .andReturn().getResponse().getContentAsString();
        String plan = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                com.jayway.jsonpath.JsonPath.read(service, "$.plan"));
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(plan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resources[0].action").value("unchanged"))
                .andExpect(jsonPath("$.resources[1].action").value("unchanged"));
    }

    @Test
    void invalidPlansAre422WithDiagnosticsAndWriteNothing() throws Exception {
        String badSum = STAFF_90_10.replace("90", "95");
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(badSum))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("WEIGHT_SUM"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(
                        "The weights add up to 105 %, they must add up to 100 %."));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(STAFF_90_10.replace("risky", "canary")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNKNOWN_VERSION"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].route[1].version"));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(STAFF_90_10.replace("\"service\":\"fleetman-staff-service\"", "\"service\":\"nope\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNKNOWN_SERVICE"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("service"));
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(STAFF_90_10.replace("\"namespace\":\"default\"", "\"namespace\":\"Bad_NS\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("INVALID_NAME"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("namespace"));
        // nothing in the plan's namespace (legacy holds the demo's hand-written routing)
        assertThat(client.adapt(IstioClient.class).v1().virtualServices().inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.adapt(IstioClient.class).v1().destinationRules().inNamespace("default").list().getItems())
                .isEmpty();
    }

    @Test
    void headerRoutingInTheMeshPreviewsWithThePropagationWarning() throws Exception {
        String withMatch = """
                {"namespace":"default","service":"fleetman-staff-service",
                 "rules":[{"match":[{"headers":{"x-canary":{"exact":"yes"}}}],"route":[{"version":"risky"}]},
                          {"route":[{"version":"safe","weight":100}]}]}""";
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(withMatch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.yaml").value(org.hamcrest.Matchers.containsString("x-canary:\n")))
                .andExpect(jsonPath("$.diagnostics[*].code", hasItem("HEADER_PROPAGATION")))
                .andExpect(jsonPath("$.diagnostics[*].path", hasItem("rules[0].match[0].headers.x-canary")));
    }

    @Test
    void anUnknownFieldInAMatchIsRejectedNamingTheField() throws Exception {
        // sourceLabels is a plan field since #16; sourceNamespace is not
        String sourceNamespace = """
                {"namespace":"default","service":"fleetman-staff-service",
                 "rules":[{"match":[{"sourceNamespace":"x"}],"route":[{"version":"risky"}]},
                          {"route":[{"version":"safe"}]}]}""";
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(sourceNamespace))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNKNOWN_FIELD"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0].match[0].sourceNamespace"));
    }

    @Test
    void unmanagedRoutingIsShownButNeverOverwritten() throws Exception {
        client.resource(new VirtualServiceBuilder()
                .withNewMetadata().withName("ratings-by-hand").withNamespace("bookinfo").endMetadata()
                .withNewSpec().withHosts("ratings").addNewHttp().addNewRoute().withNewDestination()
                .withHost("ratings").endDestination().endRoute().endHttp().endSpec().build()).create();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "ratings").orElseThrow().routing() == RoutingState.UNMANAGED);
        mvc.perform(get("/api/v1/namespaces/bookinfo/services/ratings"))
                .andExpect(jsonPath("$.service.routing").value("UNMANAGED"))
                .andExpect(jsonPath("$.editable").value(false))
                .andExpect(jsonPath("$.plan").doesNotExist());
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"bookinfo","service":"ratings","rules":[{"route":[{"version":"v1"}]}]}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("UNMANAGED_ROUTING"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(org.hamcrest.Matchers.containsString(
                        "VirtualService bookinfo/ratings-by-hand")));
        mvc.perform(delete("/api/v1/namespaces/bookinfo/services/ratings/routing"))
                .andExpect(status().isUnprocessableContent());
        assertThat(client.adapt(IstioClient.class).v1().virtualServices().inNamespace("bookinfo")
                .withName("ratings-by-hand").get()).isNotNull();
        assertThat(client.adapt(IstioClient.class).v1().destinationRules().inNamespace("bookinfo").list().getItems())
                .isEmpty();
    }

    @Test
    void servicesListShowsVersionsAndImplicitSplit() throws Exception {
        mvc.perform(get("/api/v1/services").param("namespace", "default"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].name").value("fleetman-staff-service"))
                .andExpect(jsonPath("$[0].versions[0].version").value("safe"))
                .andExpect(jsonPath("$[0].versions[0].ready").value(2))
                .andExpect(jsonPath("$[0].versions[0].implicitShare").value(67))
                .andExpect(jsonPath("$[0].routing").value("NONE"));
    }

    @Test
    void openApiDocumentsTheApi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/api/v1/routing/apply")));
    }

    java.util.List<Integer> liveWeights() {
        return client.adapt(IstioClient.class).v1().virtualServices().inNamespace("default")
                .withName("fleetman-staff-service").get().getSpec().getHttp().get(0).getRoute().stream()
                .map(r -> r.getWeight()).toList();
    }

    static String golden() throws IOException {
        try (InputStream in = RoutingApiIntegrationTest.class.getResourceAsStream("/golden/staff-service-90-10.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
