package dev.trafficwizard.workflow;

import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.catalog.Catalog;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Fields someone added by hand to managed routing survive an apply, or the preview names them first. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class HandEditsIntegrationTest {

    static final String SPLIT = """
            {"namespace":"default","service":"fleetman-staff-service",
             "rules":[%s{"route":[{"version":"safe","weight":%d},{"version":"risky","weight":%d}]}]}""";
    static final String SPLIT_WITH = """
            {"namespace":"default","service":"fleetman-staff-service",
             "rules":[%s{"route":[{"version":"safe","weight":%d},{"version":"risky","weight":%d}],%s}]}""";
    static final String CANARY_RULE = """
            {"match":[{"uri":{"prefix":"/canary"}}],"route":[{"version":"risky"}]},""";

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
    }

    VirtualService live() {
        return client.adapt(IstioClient.class).v1().virtualServices().inNamespace("default")
                .withName("fleetman-staff-service").get();
    }

    void editByHand(Consumer<VirtualService> edit) {
        VirtualService vs = live();
        edit.accept(vs);
        VirtualService written = client.resource(vs).update();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> written.getMetadata().getResourceVersion().equals(catalog.service("default",
                        "fleetman-staff-service").orElseThrow().virtualService().getMetadata().getResourceVersion()));
    }

    void apply(String plan) throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON).content(plan))
                .andExpect(status().isOk());
    }

    @Test
    void handAddedRetriesAndTimeoutAreReadIntoThePlanKeptByAPlanSilentOnThemAndNamedWhenAnOwningPlanDropsThem()
            throws Exception {
        apply(SPLIT.formatted("", 90, 10));
        editByHand(vs -> {
            HTTPRetry retries = new HTTPRetry();
            retries.setAttempts(3);
            retries.setPerTryTimeout("2s");
            vs.getSpec().getHttp().get(0).setRetries(retries);
            vs.getSpec().getHttp().get(0).setTimeout("10s");
        });

        mvc.perform(get("/api/v1/namespaces/default/services/fleetman-staff-service"))
                .andExpect(jsonPath("$.editable").value(true))
                .andExpect(jsonPath("$.plan.rules[0].route[0].weight").value(90))
                .andExpect(jsonPath("$.plan.rules[0].retries.attempts").value(3))
                .andExpect(jsonPath("$.plan.rules[0].timeout").value("10s"));
        // a pipeline that only moves weights keeps them (KeptSettings)
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(SPLIT.formatted("", 50, 50)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(0))
                .andExpect(jsonPath("$.yaml").value(containsString("attempts: 3")))
                .andExpect(jsonPath("$.yaml").value(containsString("timeout: 10s")));
        // a plan that speaks of resilience (here only an empty header change) owns it: what it lacks is named
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(SPLIT_WITH.formatted("", 50, 50, "\"headers\":{}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[0].code").value("FIELDS_DROPPED"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0]"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("spec.http[0].retries")))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("spec.http[0].timeout")));
        String carrying = SPLIT_WITH.formatted("", 50, 50,
                "\"timeout\":\"10s\",\"retries\":{\"attempts\":3,\"perTryTimeout\":\"2s\"}");
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(carrying))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(0))
                .andExpect(jsonPath("$.yaml").value(containsString("attempts: 3")));
        apply(carrying);

        var http = live().getSpec().getHttp().get(0);
        assertThat(http.getRetries().getAttempts()).isEqualTo(3);
        assertThat(http.getRetries().getPerTryTimeout()).isEqualTo("2s");
        assertThat(http.getTimeout()).isEqualTo("10s");
        assertThat(http.getRoute()).extracting(r -> r.getWeight()).containsExactly(50, 50);
    }

    @Test
    void thePreviewNamesRetriesOfARuleThePlanRemoves() throws Exception {
        apply(SPLIT.formatted(CANARY_RULE, 90, 10));
        editByHand(vs -> {
            HTTPRetry retries = new HTTPRetry();
            retries.setAttempts(5);
            vs.getSpec().getHttp().get(0).setRetries(retries);
            vs.getSpec().getHttp().get(1).setTimeout("3s");
        });

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(SPLIT_WITH.formatted("", 90, 10, "\"timeout\":\"3s\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[0].code").value("FIELDS_DROPPED"))
                .andExpect(jsonPath("$.diagnostics[0].severity").value("WARNING"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("spec.http[0].retries")))
                .andExpect(jsonPath("$.yaml").value(containsString("timeout: 3s")));
    }

    @Test
    void handAddedPoliciesAreReadIntoThePlanLeftAloneByAPlanWithoutPoliciesAndNamedWhenOneWithPoliciesDropsThem()
            throws Exception {
        apply(SPLIT.formatted("", 90, 10));
        var drs = client.adapt(IstioClient.class).v1().destinationRules().inNamespace("default");
        var dr = drs.withName("fleetman-staff-service").get();
        dr.getSpec().setTrafficPolicy(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                "{\"connectionPool\":{\"tcp\":{\"maxConnections\":9}},\"outlierDetection\":{\"consecutive5xxErrors\":7}}",
                io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy.class));
        var written = client.resource(dr).update();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> written.getMetadata().getResourceVersion().equals(catalog.service("default",
                        "fleetman-staff-service").orElseThrow().destinationRule().getMetadata().getResourceVersion()));

        mvc.perform(get("/api/v1/namespaces/default/services/fleetman-staff-service"))
                .andExpect(jsonPath("$.editable").value(true))
                .andExpect(jsonPath("$.plan.trafficPolicy.connectionPool.tcp.maxConnections").value(9))
                .andExpect(jsonPath("$.plan.trafficPolicy.outlierDetection.consecutive5xxErrors").value(7));
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(SPLIT.formatted("", 50, 50)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(0))
                .andExpect(jsonPath("$.yaml").value(containsString("maxConnections: 9")));
        String withOutlierOnly = SPLIT.formatted("", 50, 50).replaceFirst("}$",
                ",\"trafficPolicy\":{\"outlierDetection\":{\"consecutive5xxErrors\":5}}}");
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(withOutlierOnly))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[0].code").value("FIELDS_DROPPED"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("trafficPolicy"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("spec.trafficPolicy.connectionPool")))
                .andExpect(jsonPath("$.yaml").value(containsString("consecutive5xxErrors: 5")));
    }

    void setLivePolicy(String trafficPolicyJson) {
        var drs = client.adapt(IstioClient.class).v1().destinationRules().inNamespace("default");
        var dr = drs.withName("fleetman-staff-service").get();
        dr.getSpec().setTrafficPolicy(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(trafficPolicyJson,
                io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy.class));
        var written = client.resource(dr).update();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> written.getMetadata().getResourceVersion().equals(catalog.service("default",
                        "fleetman-staff-service").orElseThrow().destinationRule().getMetadata().getResourceVersion()));
    }

    /** The plan of GET /api/v1/namespaces/default/services/fleetman-staff-service, as JSON. */
    String readPlan() throws Exception {
        String body = mvc.perform(get("/api/v1/namespaces/default/services/fleetman-staff-service"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var mapper = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();
        return mapper.writeValueAsString(mapper.readTree(body).get("plan"));
    }

    @Test
    void aLoadBalancerWithOnlyLocalitySettingsRoundTripsThroughThePlanWithoutErrorAndIsKept() throws Exception {
        apply(SPLIT.formatted("", 90, 10));
        setLivePolicy("{\"loadBalancer\":{\"localityLbSetting\":{\"enabled\":true}},"
                + "\"connectionPool\":{\"tcp\":{\"maxConnections\":9}}}");

        String plan = readPlan();
        assertThat(plan).contains("\"maxConnections\":9").contains("\"loadBalancer\":null").doesNotContain("\"empty\"");
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(plan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(0))
                .andExpect(jsonPath("$.yaml").value(containsString("localityLbSetting")));
    }

    @Test
    void mutualTlsWithFilesRoundTripsAndACredentialNameReplacesTheFilesByName() throws Exception {
        apply(SPLIT.formatted("", 90, 10));
        setLivePolicy("{\"tls\":{\"mode\":\"MUTUAL\",\"clientCertificate\":\"/etc/certs/cert.pem\","
                + "\"privateKey\":\"/etc/certs/key.pem\"},\"outlierDetection\":{\"consecutive5xxErrors\":7}}");

        String plan = readPlan();
        assertThat(plan).contains("\"tls\":null", "consecutive5xxErrors").doesNotContain("MUTUAL");
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(plan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(0))
                .andExpect(jsonPath("$.yaml").value(containsString("clientCertificate")));
        String withCredential = plan.replace("\"tls\":null",
                "\"tls\":{\"mode\":\"MUTUAL\",\"credentialName\":\"client-cert\"}");
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content(withCredential))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(1))
                .andExpect(jsonPath("$.diagnostics[0].code").value("FIELDS_DROPPED"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("trafficPolicy"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("spec.trafficPolicy.tls.clientCertificate")))
                .andExpect(jsonPath("$.yaml").value(containsString("credentialName: client-cert")));
    }

    @Test
    void aPlanMirrorReplacesHandSetMirrorsByName() throws Exception {
        apply(SPLIT.formatted("", 90, 10));
        editByHand(vs -> vs.getSpec().getHttp().get(0).setMirrors(java.util.List.of(
                io.fabric8.kubernetes.client.utils.Serialization.unmarshal("{\"destination\":{\"host\":"
                        + "\"fleetman-staff-service.default.svc.cluster.local\",\"subset\":\"risky\"}}",
                        io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy.class))));

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(SPLIT_WITH.formatted("", 90, 10, "\"mirror\":{\"version\":\"risky\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics.length()").value(1))
                .andExpect(jsonPath("$.diagnostics[0].code").value("FIELDS_DROPPED"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("rules[0]"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("spec.http[0].mirrors")));
    }
}
