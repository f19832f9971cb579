package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A Gateway two services are bound to: the second service's plan may not take the first one's host away. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class SharedGatewayIntegrationTest {

    static final String EXPOSED = """
            {"namespace":"bookinfo","service":"%s","hosts":["%s.example.com"],
             "gateway":{"name":"shop-gateway","create":true,"hosts":%s},
             "rules":[{"route":[{"version":"v1"}]}]}""";

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
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews", "ratings");
        var gateways = client.adapt(IstioClient.class).v1().gateways().inNamespace("bookinfo");
        gateways.list().getItems().forEach(g -> gateways.resource(g).delete());
        client.configMaps().inNamespace("bookinfo").delete();
    }

    @Test
    void theSecondServiceCannotTakeTheFirstServicesHostAndNothingIsWritten() throws Exception {
        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(EXPOSED.formatted("reviews", "reviews", "[\"reviews.example.com\"]")))
                .andExpect(status().isOk());

        mvc.perform(post("/api/v1/routing/apply").contentType(MediaType.APPLICATION_JSON)
                        .content(EXPOSED.formatted("ratings", "ratings", "[\"ratings.example.com\"]")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("GATEWAY_SHARED"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("gateway.hosts"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("bookinfo/reviews")))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("reviews.example.com")));

        var istio = client.adapt(IstioClient.class).v1();
        assertThat(istio.gateways().inNamespace("bookinfo").withName("shop-gateway").get().getSpec().getServers()
                .get(0).getHosts()).containsExactly("reviews.example.com");
        assertThat(istio.virtualServices().inNamespace("bookinfo").withName("ratings").get()).isNull();
        assertThat(istio.destinationRules().inNamespace("bookinfo").withName("ratings").get()).isNull();

        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON)
                        .content(EXPOSED.formatted("ratings", "ratings",
                                "[\"reviews.example.com\",\"ratings.example.com\"]")))
                .andExpect(status().isOk());
    }
}
