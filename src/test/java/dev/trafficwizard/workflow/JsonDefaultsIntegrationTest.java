package dev.trafficwizard.workflow;

import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.catalog.Catalog;
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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every optional field of a JSON plan may be left out: it takes its documented default. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class JsonDefaultsIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        client.adapt(IstioClient.class).v1().gateways().inNamespace("default").withName("g").delete();
    }

    @Test
    void aPlanWithOnlyTheRequiredFieldsPreviews() throws Exception {
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service",
                         "rules":[{"route":[{"version":"safe"}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resources[0].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.yaml").value(containsString("subset: safe")));
    }

    @Test
    void aGatewayWithoutCreateNorIncludeMeshBindsToTheExistingGatewayOnly() throws Exception {
        client.resource(new GatewayBuilder().withNewMetadata().withName("g").withNamespace("default").endMetadata()
                .withNewSpec().addToSelector("istio", "ingressgateway").addNewServer().withHosts("*")
                .withNewPort().withNumber(80L).withName("http").withProtocol("HTTP").endPort().endServer()
                .endSpec().build()).create();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.gateways().stream().anyMatch(g -> g.reference().equals("default/g")));
        mvc.perform(post("/api/v1/routing/preview").contentType(MediaType.APPLICATION_JSON).content("""
                        {"namespace":"default","service":"fleetman-staff-service",
                         "gateway":{"name":"g","hosts":["*"]},
                         "rules":[{"route":[{"version":"safe"}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.yaml").value(containsString("gateways:\n  - g\n")))
                .andExpect(jsonPath("$.yaml").value(not(containsString("- mesh"))))
                .andExpect(jsonPath("$.yaml").value(not(containsString("kind: Gateway"))));
    }
}
