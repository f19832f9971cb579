package dev.trafficwizard.workflow;

import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** After a take-over, Delete removes every managed routing object of the service, whatever its name. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@org.springframework.context.annotation.Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
class TakeOverDeleteIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;
    @Autowired
    RoutingWorkflow workflow;

    @AfterEach
    void cleanUp() {
        var istio = client.adapt(IstioClient.class).v1();
        istio.virtualServices().inNamespace("bookinfo").list().getItems()
                .forEach(vs -> istio.virtualServices().resource(vs).delete());
        istio.destinationRules().inNamespace("bookinfo").list().getItems()
                .forEach(dr -> istio.destinationRules().resource(dr).delete());
        client.configMaps().inNamespace("bookinfo").delete();
        await("reviews", RoutingState.NONE);
    }

    void await(String service, RoutingState state) {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", service).orElseThrow().routing() == state);
        assertThat(catalog.service("bookinfo", service).orElseThrow().routing()).isEqualTo(state);
    }

    VirtualService routes(String name, Map<String, String> labels, String... services) {
        var http = new VirtualServiceBuilder().withNewMetadata().withName(name).withNamespace("bookinfo")
                .withLabels(labels).endMetadata().withNewSpec().withHosts(services[0]);
        var rule = http.addNewHttp();
        for (String service : services) {
            rule = rule.addNewRoute().withNewDestination().withHost(service).withSubset("v1").endDestination()
                    .withWeight(100 / services.length).endRoute();
        }
        return rule.endHttp().endSpec().build();
    }

    void handWritten(VirtualService vs) {
        client.resource(vs).create();
        client.resource(new DestinationRuleBuilder().withNewMetadata().withName("reviews").withNamespace("bookinfo")
                .withLabels(vs.getMetadata().getLabels()).endMetadata().withNewSpec()
                .withHost("reviews.bookinfo.svc.cluster.local").addNewSubset().withName("v1")
                .addToLabels("version", "v1").endSubset().endSpec().build()).create();
    }

    @Test
    void deleteAfterTakeOverRemovesTheVirtualServiceNotNamedAfterTheService() throws Exception {
        handWritten(routes("reviews-routes", Map.of("team", "books"), "reviews"));
        await("reviews", RoutingState.UNMANAGED);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "reviews").orElseThrow().routingObjects().size() >= 2);
        dev.trafficwizard.AsAdmin.run(() -> workflow.takeOver("bookinfo", "reviews", null));
        await("reviews", RoutingState.MANAGED);

        mvc.perform(delete("/api/v1/namespaces/bookinfo/services/reviews/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deleted[0].kind").value("VirtualService"))
                .andExpect(jsonPath("$.deleted[0].name").value("reviews-routes"))
                .andExpect(jsonPath("$.deleted[1].kind").value("DestinationRule"))
                .andExpect(jsonPath("$.deleted[1].name").value("reviews"));

        var istio = client.adapt(IstioClient.class).v1();
        assertThat(istio.virtualServices().inNamespace("bookinfo").withName("reviews-routes").get()).isNull();
        assertThat(istio.destinationRules().inNamespace("bookinfo").withName("reviews").get()).isNull();
        await("reviews", RoutingState.NONE);
    }

    @Test
    void aManagedVirtualServiceRoutingOtherServicesTooIsNotDeletedWithIt() throws Exception {
        handWritten(routes("shop-routes", Map.of("app.kubernetes.io/managed-by", "traffic-wizard"),
                "reviews", "ratings"));
        await("reviews", RoutingState.MANAGED);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> catalog.service("bookinfo", "reviews").orElseThrow().routingObjects().size() >= 2);

        mvc.perform(delete("/api/v1/namespaces/bookinfo/services/reviews/routing"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].code").value("ROUTING_SHARED"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(containsString("bookinfo/shop-routes")))
                .andExpect(jsonPath("$.diagnostics[0].message")
                        .value(containsString("ratings.bookinfo.svc.cluster.local")));

        var istio = client.adapt(IstioClient.class).v1();
        assertThat(istio.virtualServices().inNamespace("bookinfo").withName("shop-routes").get()).isNotNull();
        assertThat(istio.destinationRules().inNamespace("bookinfo").withName("reviews").get()).isNotNull();
    }
}
