package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A plan whose Gateway would give the demo's ingress gateway (pods labelled {@code istio:
 * ingressgateway}, {@code app: istio-ingressgateway} in istio-system) a host and port another
 * Gateway already gives it: the preview answers GATEWAY_CONFLICT with Istio's code IST0145, and
 * apply writes nothing.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class GatewayConflictIntegrationTest {

    static final String WEBAPP = """
            {"namespace":"default","service":"fleetman-webapp","hosts":["%1$s"],
             "gateway":{"name":"fleetman-gateway","create":true,"hosts":["%1$s"]},
             "rules":[{"route":[{"version":"original","weight":90},{"version":"experimental","weight":10}]}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    KubernetesClient client;
    @Autowired
    dev.trafficwizard.cluster.ClusterCache cache;

    @AfterEach
    void cleanUp() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-webapp");
        var istio = client.adapt(IstioClient.class).v1();
        istio.gateways().inNamespace("istio-system").withName("public-gateway").delete();
        istio.gateways().inNamespace("istio-system").withName("egress").delete();
        istio.gateways().inNamespace("default").withName("legacy-gateway").delete();
        istio.gateways().inNamespace("default").withName("fleetman-gateway").delete();
    }

    /** A hand-written Gateway, once the cache has it. */
    private void liveGateway(String namespace, String name, Map<String, String> selector, String host)
            throws InterruptedException {
        Gateway g = new GatewayBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withSelector(selector)
                .withServers(new Server(null, null, List.of(host), null, new Port("http", 80L, "HTTP", null), null))
                .endSpec().build();
        client.adapt(IstioClient.class).v1().gateways().inNamespace(namespace).resource(g).create();
        long until = System.currentTimeMillis() + 5000;
        while (cache.gateway(namespace, name).isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertThat(cache.gateway(namespace, name)).isPresent();
    }

    @Test
    void aSecondGatewayForTheSameHostAndPortIsAConflictInThePreviewAndNothingIsWritten() throws Exception {
        liveGateway("istio-system", "public-gateway", Map.of("istio", "ingressgateway"), "www.fleetman.com");

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(WEBAPP.formatted("www.fleetman.com")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_CONFLICT')].istioCode").value(hasItem("IST0145")))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_CONFLICT')].severity").value(hasItem("ERROR")))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_CONFLICT')].path").value(hasItem("gateway.hosts[0]")))
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_CONFLICT')].message").value(hasItem(
                        containsString("istio-system/public-gateway already serves host www.fleetman.com on port 80"))));

        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(WEBAPP.formatted("www.fleetman.com")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("GATEWAY_CONFLICT"));
        var istio = client.adapt(IstioClient.class).v1();
        assertThat(istio.gateways().inNamespace("default").withName("fleetman-gateway").get()).isNull();
        assertThat(istio.virtualServices().inNamespace("default").withName("fleetman-webapp").get()).isNull();
    }

    @Test
    void aGatewaySelectingTheSameWorkloadByMoreLabelsConflictsToo() throws Exception {
        liveGateway("default", "legacy-gateway", Map.of("istio", "ingressgateway", "app", "istio-ingressgateway"),
                "www.fleetman.com");

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(WEBAPP.formatted("www.fleetman.com")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[?(@.code == 'GATEWAY_CONFLICT')].istioCode").value(hasItem("IST0145")));
    }

    @Test
    void anotherHostOrAnotherWorkloadIsNoConflict() throws Exception {
        liveGateway("istio-system", "public-gateway", Map.of("istio", "ingressgateway"), "shop.fleetman.com");
        liveGateway("istio-system", "egress", Map.of("istio", "egressgateway"), "www.fleetman.com");

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(WEBAPP.formatted("www.fleetman.com")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics[*].code").value(not(hasItem("GATEWAY_CONFLICT"))));
    }
}
